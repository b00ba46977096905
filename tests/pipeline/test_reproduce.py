"""`curate reproduce`: a version rebuilt from its record is byte-identical, or what differs is named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.errors import InputError
from curate.pipeline.build import build
from curate.pipeline.rebuild import rebuild
from curate.pipeline.reproduce import reproduce
from curate.store import Store, read_manifest
from curate.store.manifest import write_manifest
from versioning.corpus import tiny_config, write_corpus


@pytest.fixture
def built(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    build([write_corpus(tmp_path / "in", dict.fromkeys(range(10), 0))], "news", tiny_config(), store=store)
    return store


def test_the_sample_reproduces_byte_for_byte(sample_build) -> None:
    store = Store(sample_build.path.parents[2])
    result = reproduce(store, "sample", sample_build.manifest["version"], workers=1)
    recorded = sample_build.manifest["shards"] + sample_build.manifest["rejects"]
    assert result.ok and result.method == "build" and len(result.shards) == len(recorded) == 4
    assert [s.path for s in result.shards] == [s["path"] for s in recorded]
    assert not [p for p in store.dataset("sample").iterdir() if p.name.startswith(".reproduce-")], "scratch removed"


def test_cli_pass_and_a_tampered_shard(built: Store) -> None:
    runner = CliRunner()
    args = ["reproduce", "news", "1.0.0", "--store", str(built.root)]
    passed = runner.invoke(app, args)
    assert passed.exit_code == 0 and "reproduced: 3 shards byte-identical" in passed.output, passed.output
    shard = built.version_dir("news", "1.0.0") / "data" / "train-00000-of-00001.parquet"
    table = pq.read_table(shard)
    pq.write_table(table.slice(1), shard)  # one article quietly removed after the build
    failed = runner.invoke(app, args)
    assert failed.exit_code == 1, failed.output
    assert "NOT reproduced: 1 of 3 shards differ" in failed.output
    assert "data/train-00000-of-00001.parquet" in failed.output and "stored file changed" in failed.output
    verdict = json.loads(runner.invoke(app, [*args, "--json"]).output)
    assert verdict["ok"] is False and [s["ok"] for s in verdict["shards"]] == [False, True, True]


def test_another_config_is_named_as_the_cause(built: Store) -> None:
    folder = built.version_dir("news", "1.0.0")
    manifest = read_manifest(folder)
    manifest["config"]["splits"]["salt"] = "edited-by-hand"  # the hash still says the original
    write_manifest(folder, manifest)
    result = reproduce(built, "news", "1.0.0")
    assert not result.ok and not result.inputs
    assert any(not s.ok and "reproduction wrote other bytes" in s.why for s in result.shards)
    assert [c for c in result.causes if c.startswith("config hash: recorded ")] and len(result.causes) == 1


def test_a_changed_input_is_named_and_nothing_is_built(built: Store, tmp_path: Path) -> None:
    with (tmp_path / "in" / "doc-003.txt").open("a", encoding="utf-8") as handle:
        handle.write("One more sentence was added to the article after the build.\n")
    (tmp_path / "in" / "doc-004.txt").unlink()
    (tmp_path / "in" / "doc-099.txt").write_text("A new file", encoding="utf-8")
    result = reproduce(built, "news", "1.0.0")
    assert not result.ok and result.shards == []
    assert [(c.uri, c.expected is None, c.actual is None) for c in result.inputs] == [
        ("doc-003.txt", False, False), ("doc-004.txt", False, True), ("doc-099.txt", True, False)]
    output = CliRunner().invoke(app, ["reproduce", "news", "1.0.0", "--store", str(built.root)])
    assert output.exit_code == 1 and "input doc-003.txt changed" in output.output
    assert "input doc-004.txt missing" in output.output and "nothing was rebuilt" in output.output


def test_moved_inputs_and_unrecorded_roots(built: Store, tmp_path: Path) -> None:
    moved = tmp_path / "elsewhere"
    shutil.move(tmp_path / "in", moved)
    with pytest.raises(InputError, match="does not exist"):
        reproduce(built, "news", "1.0.0")
    assert reproduce(built, "news", "1.0.0", inputs=[moved]).ok
    folder = built.version_dir("news", "1.0.0")
    manifest = read_manifest(folder)
    del manifest["input_roots"]
    write_manifest(folder, manifest)
    with pytest.raises(InputError, match=r"records no input paths.*--inputs"):
        reproduce(built, "news", "1.0.0")


def test_a_rebuilt_version_reproduces_from_its_source(built: Store) -> None:
    rebuild("news", "1.0.0", tiny_config(boilerplate={"threshold": 0.6}), store=built)
    result = reproduce(built, "news", "1.1.0")
    assert result.ok and result.method == "rebuild"
    source = built.version_dir("news", "1.0.0") / "data" / "test-00000-of-00001.parquet"
    pq.write_table(pq.read_table(source).slice(0, 0), source)
    broken = reproduce(built, "news", "1.1.0")
    assert not broken.ok and [c.uri for c in broken.inputs] == ["1.0.0/data/test-00000-of-00001.parquet"]


def test_python_api(built: Store) -> None:
    import curate

    result = curate.reproduce("news", "1.0.0", store=built.root)
    assert result.ok and result.to_dict()["ok"] is True
