"""The README's Python API example, run the way a notebook runs it: one process, the API alone,
every step twice (issue 15: the second `curate.build` used to fail, `curate.publish` told API
users to run a command). Read top to bottom, the test body is the example."""

from __future__ import annotations

from pathlib import Path

from versioning.corpus import write_corpus


def test_a_notebook_builds_validates_reports_loads_and_publishes_twice(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    news = write_corpus(tmp_path / "news", dict.fromkeys(range(6), 0))  # six articles, doc-000.txt ...
    config = tmp_path / "curate.toml"
    config.write_text('[sources]\ndefault = "Tiny Times"\n\n[executor]\nworkers = 1\n\n'
                      "[validation]\nsplit_tolerance = 1.0  # six articles cannot hit 80/10/10\n", encoding="utf-8")
    store, hub = tmp_path / "store", tmp_path / "hub"

    import curate

    for expected in ("1.0.0", "1.1.0"):
        built = curate.build([news], "news", config, store=store)  # build -> quality gate -> report
        assert (built.version, built.passed) == (expected, True), built.validation and built.validation.next_step
        assert built.accounting["read"] == 6 and built.report is not None and built.report.is_file()

        verdict = curate.validate("news", built.version, store=store)  # the gate again (new waivers, say)
        assert verdict.passed and verdict.report == built.report  # the report shows the new verdict

        assert curate.report("news", built.version, store=store).index == built.report

        train = curate.load("news", built.version, split="train", store=store)  # a datasets.Dataset
        assert len(train) == built.accounting["by_split"]["train"]

        published = curate.publish("news", built.version, to=hub, store=store)  # a local git repository
        assert published.created and published.tag == f"v{expected}"

    assert [(v.version, v.gate) for v in curate.versions("news", store=store)] == [("1.0.0", "passed"),
                                                                                  ("1.1.0", "passed")]
    assert sum(len(split) for split in curate.load("news", store=store).values()) == 6  # the latest
