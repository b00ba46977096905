"""Re-deciding without the inputs: a version rebuilt from another's rows under a new config."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from curate.cli import app
from curate.config import load_config
from curate.pipeline.rebuild import rebuild
from curate.store import Store, read_manifest

from conftest import ROOT


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
