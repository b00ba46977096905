"""Re-deciding without the inputs: a version rebuilt from another's rows under a new config."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from curate.cli import app
from curate.config import Config, inherited_config, load_config
from curate.errors import ConfigError
from curate.pipeline.rebuild import rebuild
from curate.store import Store, read_manifest
from versioning.corpus import prose


def _kept(path: Path) -> dict[str, dict]:
    manifest = read_manifest(path)
    rows = pa.concat_tables([pq.read_table(path / s["path"]) for s in manifest["shards"]]).to_pylist()
    return {row["id"]: row for row in rows}


def _copy_store(sample_build, tmp_path: Path) -> Store:
    target = tmp_path / "sample" / "versions" / "1.0.0"
    shutil.copytree(sample_build.path, target)
    return Store(tmp_path)


def test_same_config_gives_the_same_rows(sample_build, sample_config, tmp_path: Path) -> None:
    store = _copy_store(sample_build, tmp_path)
    again = rebuild("sample", "1.0.0", sample_config, store=store)
    assert again.manifest["rebuilt_from"] == "1.0.0" and again.manifest["parent"] == "1.0.0"
    assert again.manifest["accounting"] == sample_build.manifest["accounting"]
    before, after = _kept(sample_build.path), _kept(again.path)
    assert before.keys() == after.keys()
    for doc_id, row in before.items():
        for field in ("text", "content_hash", "boilerplate", "claims", "flags", "split", "title", "source"):
            assert after[doc_id][field] == row[field], (doc_id, field)


def test_a_stricter_policy_drops_and_a_looser_one_restores(sample_build, sample_config, tmp_path: Path) -> None:
    store = _copy_store(sample_build, tmp_path)
    strict = load_config(ROOT / "curate.toml", {"policy": {"min_words": 400}, "executor": {"workers": 1}})
    dropped = rebuild("sample", "1.0.0", strict, store=store)
    acc = dropped.manifest["accounting"]
    assert acc["kept"] < sample_build.manifest["accounting"]["kept"]
    assert acc["read"] == sample_build.manifest["accounting"]["read"], "nothing is lost"
    restored = rebuild("sample", dropped.manifest["version"], sample_config, store=store)
    assert _kept(restored.path).keys() == _kept(sample_build.path).keys()


def test_cli_rebuild_with_set(sample_build, tmp_path: Path) -> None:
    _copy_store(sample_build, tmp_path)
    result = CliRunner().invoke(app, ["rebuild", "sample", "1.0.0", "--store", str(tmp_path), "--workers", "1",
                                      "--set", "policy.min_words=400", "--set", "templates.enabled=false"])
    assert result.exit_code == 0, result.output
    manifest = read_manifest(tmp_path / "sample" / "versions" / "1.1.0")
    assert manifest["config"]["policy"]["min_words"] == 400 and manifest["config"]["templates"]["enabled"] is False
    bad = CliRunner().invoke(app, ["rebuild", "sample", "1.0.0", "--store", str(tmp_path), "--set", "nodot=1"])
    assert bad.exit_code != 0 and "SECTION.KEY=VALUE" in bad.output


def test_a_higher_boilerplate_threshold_removes_more(sample_build, tmp_path: Path) -> None:
    store = _copy_store(sample_build, tmp_path)
    strict = load_config(ROOT / "curate.toml", {"boilerplate": {"threshold": 0.9}, "executor": {"workers": 1},
                                                "policy": {"min_words": 0}})
    after = _kept(rebuild("sample", "1.0.0", strict, store=store).path)
    before = _kept(sample_build.path)
    removed = lambda row: sum(s["end"] - s["start"] for s in row["boilerplate"])  # noqa: E731
    assert all(removed(after[i]) >= removed(row) for i, row in before.items() if i in after)
    assert sum(map(removed, after.values())) > sum(removed(before[i]) for i in after)


runner = CliRunner()
_QUIET = ["--workers", "1", "--no-validate", "--no-report"]


@pytest.fixture
def jsonl_store(tmp_path: Path) -> Path:
    """Version j 1.0.0 built with everything a rebuild must keep: a field mapping from the file and
    from --field, publisher domains, card text, a --source."""
    # Only the second, of 60 words, is under the min_words of 80 that the tests set.
    stories = [prose(0), " ".join(prose(1).split()[:60]) + ".", prose(2)]
    with (tmp_path / "in.jsonl").open("w", encoding="utf-8") as out:
        for n, story in enumerate(stories):
            out.write(json.dumps({"story": story, "hed": f"Story {n}", "link": f"https://bay.example/{n}"}) + "\n")
    (tmp_path / "c.toml").write_text('[readers.fields]\ntitle = ["hed"]\n[sources.domains]\n"bay.example" = "Bay Times"\n'
                                     '[card]\npretty_name = "Bay news"\ndescription = "Harbor news."\n', encoding="utf-8")
    store = tmp_path / "store"
    built = runner.invoke(app, ["build", str(tmp_path / "in.jsonl"), "--name", "j", "--store", str(store), "--config",
                                str(tmp_path / "c.toml"), "--field", "text=story", "--field", "url=link",
                                "--source", "Wire", *_QUIET])
    assert built.exit_code == 0 and "kept 3" in built.output, built.output
    return store


def _config(store: Path, version: str) -> dict[str, Any]:
    return read_manifest(store / "j" / "versions" / version)["config"]  # type: ignore[no-any-return]


def _changed(config: dict[str, Any], **sections: dict[str, Any]) -> dict[str, Any]:
    expected = copy.deepcopy(config)
    for section, values in sections.items():
        expected[section].update(values)
    return expected


def test_rebuild_with_set_keeps_every_other_recorded_setting(jsonl_store: Path) -> None:
    recorded = _config(jsonl_store, "1.0.0")
    assert recorded["readers"]["fields"]["text"] == ["story"] and recorded["readers"]["fields"]["title"] == ["hed"]
    result = runner.invoke(app, ["rebuild", "j", "1.0.0", "--store", str(jsonl_store), "--set", "policy.min_words=80",
                                 *_QUIET])
    assert result.exit_code == 0 and "kept 2 + dropped 1" in result.output, result.output
    assert _config(jsonl_store, "1.1.0") == _changed(recorded, policy={"min_words": 80}, executor={"workers": 1})
    after = _config(jsonl_store, "1.1.0")
    assert after["sources"] == {"default": "Wire", "override": False, "folders": {}, "domains": {"bay.example": "Bay Times"}}
    assert after["card"]["pretty_name"] == "Bay news" and after["card"]["description"] == "Harbor news."
    assert after["readers"]["fields"]["url"] == ["link"]


def test_rebuild_with_a_config_file_puts_it_between_the_record_and_the_sets(jsonl_store: Path, tmp_path: Path) -> None:
    recorded = _config(jsonl_store, "1.0.0")
    (tmp_path / "more.toml").write_text('[card]\ndescription = "Rebuilt."\n[policy]\nmin_words = 10\nmax_words = 500\n',
                                        encoding="utf-8")
    result = runner.invoke(app, ["rebuild", "j", "1.0.0", "--store", str(jsonl_store), "--config",
                                 str(tmp_path / "more.toml"), "--set", "policy.min_words=80", *_QUIET])
    assert result.exit_code == 0, result.output
    assert _config(jsonl_store, "1.1.0") == _changed(recorded, card={"description": "Rebuilt."}, executor={"workers": 1},
                                                     policy={"min_words": 80, "max_words": 500})


def test_the_api_rebuild_inherits_as_the_cli_does(jsonl_store: Path) -> None:
    store = Store(jsonl_store)
    cli = runner.invoke(app, ["rebuild", "j", "1.0.0", "--store", str(jsonl_store), "--set", "policy.min_words=80",
                              "--set", "executor.workers=1", "--no-validate", "--no-report"])
    assert cli.exit_code == 0, cli.output
    overrides = {"policy": {"min_words": 80}, "executor": {"workers": 1}}
    for version in ("1.2.0", "1.3.0"):  # twice in one process
        made = rebuild("j", "1.0.0", overrides=overrides, store=store)
        assert made.manifest["version"] == version and made.manifest["accounting"]["kept"] == 2
        assert made.manifest["config"] == _config(jsonl_store, "1.1.0")
    assert inherited_config(store, "j", "1.0.0", overrides=overrides) == Config.model_validate(_config(jsonl_store, "1.1.0"))
    again = rebuild("j", "1.0.0", store=store)
    assert again.manifest["config"] == _config(jsonl_store, "1.0.0"), "nothing asked: the recorded config as it was"
    with pytest.raises(ConfigError, match="a whole config or overrides"):
        rebuild("j", "1.0.0", Config(), overrides=overrides, store=store)


def test_rebuild_config_mistakes_are_clear_errors(jsonl_store: Path, tmp_path: Path) -> None:
    for args, fragment in [(["--config", str(tmp_path)], "is a directory, not a TOML file"),
                           (["--set", "policy.min_words.x=1"], "policy.min_words is an integer: it has no key x"),
                           (["--set", "policy.min_words=-1"], "got -1 (from --set policy.min_words=-1)")]:
        result = runner.invoke(app, ["rebuild", "j", "1.0.0", "--store", str(jsonl_store), *args, *_QUIET])
        assert result.exit_code == 2 and result.output.startswith("error: ") and fragment in result.output, result.output
    manifest_path = jsonl_store / "j" / "versions" / "1.0.0" / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["config"]["policy"]["retired_rule"] = True  # as written by another curate
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    result = runner.invoke(app, ["rebuild", "j", "1.0.0", "--store", str(jsonl_store), *_QUIET])
    assert result.exit_code == 2, result.output
    assert "the recorded config of j 1.0.0: unknown key policy.retired_rule" in result.output


def test_a_version_built_before_inputs_were_counted_rebuilds_with_its_counts(sample_build, sample_config,
                                                                            tmp_path: Path) -> None:
    """Its manifest's inputs have no `documents`: the rebuild counts its rows per input instead, so
    `read` and the per-input check still hold."""
    from curate.store.manifest import write_manifest
    from curate.validation import validate_version

    store = _copy_store(sample_build, tmp_path)
    folder = store.version_dir("sample", "1.0.0")
    manifest = read_manifest(folder)
    for entry in manifest["inputs"]:
        entry.pop("documents"), entry.pop("not_documents")
    write_manifest(folder, manifest)
    again = rebuild("sample", "1.0.0", sample_config, store=store)
    assert again.manifest["accounting"]["read"] == sample_build.manifest["accounting"]["read"]
    counted = {entry["uri"]: entry["documents"] for entry in again.manifest["inputs"]}
    assert counted == {entry["uri"]: entry["documents"] for entry in sample_build.manifest["inputs"]}
    gate, _ = validate_version(store, "sample", again.manifest["version"], sample_config)
    assert not [o.key for o in gate.failed if o.suite == "accounting"]
