"""The Python API is a set of functions that stay functions: a notebook calls each one many times.

Importing a submodule binds it on its package, so a module named like an API function
(`curate/build.py` beside `curate.build`, `curate/validate/` beside `curate.validate`) replaces
the function the first time anything imports it. No module may carry such a name; these tests
import every module and then call every function twice in one process.
"""

from __future__ import annotations

import importlib
import pkgutil
import types
from pathlib import Path

import pytest

import curate
from curate import api
from curate.api.progress import _Rich, displayed
from curate.errors import PublishError, StoreError
from versioning.corpus import tiny_config, write_corpus

_PACKAGES = (curate, api)


def _import_everything() -> None:
    for module in pkgutil.walk_packages(curate.__path__, "curate."):
        if not module.name.endswith("__main__"):  # runs the command line
            importlib.import_module(module.name)


def test_no_module_is_named_like_a_public_name() -> None:
    for package in _PACKAGES:
        modules = {module.name for module in pkgutil.iter_modules(package.__path__)}
        assert not modules & set(package.__all__), f"{package.__name__}: rename {modules & set(package.__all__)}"


def test_api_names_stay_functions_once_every_module_is_imported() -> None:
    _import_everything()
    for package in _PACKAGES:
        for name in package.__all__:
            assert not isinstance(getattr(package, name), types.ModuleType), f"{package.__name__}.{name} is a module"
    assert curate.validate is api.validate and curate.report is api.report and curate.versions is api.versions


def test_every_function_twice_in_one_process(tmp_path: Path) -> None:
    """After every module is imported; with the progress each call reports."""
    _import_everything()
    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(6), 0))
    store, hub = tmp_path / "store", tmp_path / "hub"
    # a publisher for every article, and split shares a six-article corpus cannot miss
    config = tiny_config(sources={"default": "Tiny Times"}, validation={"split_tolerance": 1.0})
    events: list[tuple[str, int, int | None]] = []
    first = curate.build([corpus], "news", config, store=store, report=False,
                         progress=lambda *event: events.append(event))
    second = curate.build([corpus], "news", config, store=store, report=False)
    assert (first.version, second.version, first.passed, second.passed) == ("1.0.0", "1.1.0", True, True)
    assert first.report is None and first.accounting["read"] == 6

    last = {stage: (done, total) for stage, done, total in events}
    assert last == {"corpus": (6, 6), "documents": (6, 6), "writing": (6, 6), "validation": (1, 1)}
    assert next(total for stage, _, total in events if stage == "corpus") is None  # counting: no total yet
    assert ("validation", 0, 1) in events

    for from_version in ("1.0.0", "1.0.0"):
        remade = curate.rebuild("news", from_version, overrides={"policy": {"min_words": 10}}, store=store,
                                validate=False, report=False)
        assert remade.passed is None and remade.manifest.config["policy"]["min_words"] == 10
    for _ in range(2):
        assert curate.validate("news", "1.0.0", store=store).passed
        assert curate.validate_files(sorted((store / "news/versions/1.0.0/data").glob("*.parquet"))).passed
        assert curate.report("news", "1.0.0", store=store).index.is_file()
        assert [v.gate for v in curate.versions("news", store=store)] == ["passed", "passed", "not run", "not run"]
        assert curate.diff("news", "1.0.0", "1.1.0", store=store).documents.unchanged == 6
        assert curate.reproduce("news", "1.0.0", store=store).ok
        assert sum(len(split) for split in curate.load("news", "1.1.0", store=store).values()) == 6
    assert curate.publish("news", "1.0.0", to=hub, store=store).created
    assert curate.publish("news", "1.1.0", to=hub, store=store).created
    # reproduce and publish ran pipeline and publishing code: build is still the function
    assert curate.build([corpus], "news", config, store=store, validate=False, report=False).version == "1.4.0"
    assert curate.load_config(None).content_hash() == curate.load_config(None).content_hash()
    assert curate.load_schema("article").name == curate.load_schema("article").name == "article_v3"


def test_progress_totals_leave_out_documents_rejected_while_read(tmp_path: Path) -> None:
    """The document pass and the writing never see what the corpus pass rejected: their bars end
    full, not at 6 of 8."""
    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(6), 0))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    events: list[tuple[str, int, int | None]] = []
    built = curate.build([corpus], "news", tiny_config(), store=tmp_path / "store", validate=False, report=False,
                         progress=lambda *event: events.append(event))
    assert built.accounting["read"] == 8 and built.accounting["rejected"] == 2
    last = {stage: (done, total) for stage, done, total in events}
    assert last == {"corpus": (8, 8), "documents": (6, 6), "writing": (6, 6)}


def test_load_refuses_a_version_its_gate_does_not_vouch_for(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(6), 0))
    store = tmp_path / "store"
    named = tiny_config(sources={"default": "Tiny Times"}, validation={"split_tolerance": 1.0})
    unnamed = tiny_config(validation={"split_tolerance": 1.0})  # no publisher: source_name_present fails
    assert curate.build([corpus], "news", named, store=store, report=False).passed
    failed = curate.build([corpus], "news", unnamed, store=store, report=False)
    assert failed.passed is False and failed.validation is not None
    assert failed.validation.failed == ["article_rows.source_name_present"]
    step = failed.validation.next_step or ""
    assert "--source" in step and "[sources]" in step and "[[validation.waivers]]" in step and "\n" not in step

    with pytest.raises(StoreError, match=r"news 1\.1\.0 is not loaded: its quality gate failed "
                                         r"\(article_rows\.source_name_present\); .*curate\.load\('news', '1\.0\.0'\)"):
        curate.load("news", store=store)  # the latest, and it failed
    with pytest.warns(UserWarning, match="loaded although its quality gate failed"):
        assert len(curate.load("news", store=store, split="train", allow_failed=True)) >= 0

    curate.build([corpus], "news", named, store=store, validate=False, report=False)
    with pytest.raises(StoreError, match=r"never ran; run it first: curate\.validate\('news', '1\.2\.0'\)"):
        curate.load("news", "1.2.0", store=store)
    with pytest.raises(PublishError, match=r"curate\.validate\('news', '1\.2\.0'\)"):  # not only a CLI command
        curate.publish("news", "1.2.0", store=store)


def test_the_default_display_is_quiet_without_a_terminal_unless_asked(monkeypatch) -> None:
    import curate.api.progress as progress

    monkeypatch.setattr(progress.sys.stderr, "isatty", lambda: False, raising=False)
    with displayed(None) as show:
        assert show is progress._quiet
    with displayed(True) as show:
        assert isinstance(show, _Rich)
        show("documents", 3, 6)
        assert show.progress.tasks[0].total == 6 and show.progress.tasks[0].completed == 3


def test_a_notebook_gets_tqdm_bars_with_totals(monkeypatch) -> None:
    import curate.api.progress as progress

    monkeypatch.setattr(progress, "_in_notebook", lambda: True)
    with displayed(None) as show:
        show("corpus", 4, None)
        show("corpus", 6, 6)
        show("documents", 2, 6)
        bars = show.bars
        assert (bars["corpus"].n, bars["corpus"].total) == (6, 6)
        assert (bars["documents"].n, bars["documents"].total) == (2, 6)


def test_a_callback_is_called_as_given() -> None:
    seen: list[tuple[str, int, int | None]] = []
    with displayed(lambda *event: seen.append(event)) as show:
        show("report", 0, 1)
    assert seen == [("report", 0, 1)]


def test_a_gate_that_cannot_run_says_the_version_stays(tmp_path: Path) -> None:
    from curate.errors import ConfigError

    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(2), 0))
    config = tiny_config(validation={"waivers": [{"expectation": "article_rows.no_such_check", "reason": "typo"}]})
    with pytest.raises(ConfigError, match=r"^news 1\.0\.0 was built and stays in the store, but: validation\.waivers "
                                          r"name unknown expectations: article_rows\.no_such_check"):
        curate.build([corpus], "news", config, store=tmp_path / "store")
    assert [v.gate for v in curate.versions("news", store=tmp_path / "store")] == ["not run"]
