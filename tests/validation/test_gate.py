"""The gate as users meet it: what it records, waivers, broken validators, and the CLI."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conftest import ROOT, SAMPLE
from curate.cli import app
from curate.errors import ConfigError, InputError
from curate.store import read_manifest
from curate.store.manifest import update_manifest
from curate.validation import gate, shards, validate_version
from curate.validation.record import recorded_problems
from curate.validation.suites import fingerprint, load_suites

runner = CliRunner()
TRAIN = "data/train-00000-of-00001.parquet"


def _drop_source_name(path: Path) -> str:
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[0]["source"]["name"] = None
    pq.write_table(table.from_pylist(rows, schema=table.schema), path)
    return rows[0]["id"]


def test_a_passing_verdict_is_recorded(version, gate_config) -> None:
    store, folder = version
    result, where = validate_version(store, "sample", folder.name, gate_config())
    assert result.passed and where == folder / "validation"
    entry = read_manifest(folder)["validation"]
    listed = read_manifest(folder)["shards"] + read_manifest(folder)["rejects"]
    assert entry["passed"] and entry["failed"] == [] and entry["waivers"] == []
    assert entry["shards"] == {s["path"]: s["sha256"] for s in listed}
    assert entry["suites"] == {name: fingerprint(spec) for name, spec in load_suites().items()}
    results = json.loads((folder / entry["results"]).read_text(encoding="utf-8"))
    assert results["passed"] and len(results["outcomes"]) == len(result.outcomes)
    assert entry["page"] == "validation/index.html" and (folder / entry["page"]).is_file()
    assert not (folder / "validation" / "data_docs").exists(), "no Great Expectations Data Docs"
    assert recorded_problems(folder) == []


def test_a_recorded_verdict_goes_stale(version, gate_config) -> None:
    store, folder = version
    assert recorded_problems(folder) == ["never validated"]
    validate_version(store, "sample", folder.name, gate_config())
    _drop_source_name(folder / TRAIN)
    assert recorded_problems(folder) == [f"{TRAIN} changed since it was validated"]
    validate_version(store, "sample", folder.name, gate_config())
    assert recorded_problems(folder) == ["validation failed: article_rows.source_name_present"]


def test_a_waiver_excuses_a_failure_and_is_recorded(version, gate_config) -> None:
    store, folder = version
    offender = _drop_source_name(folder / TRAIN)
    waiver = {"expectation": "article_rows.source_name_present", "reason": "wire copy names no publisher"}
    result, _ = validate_version(store, "sample", folder.name, gate_config(validation={"waivers": [waiver]}))
    assert result.passed
    [waived] = result.waived
    assert waived.key == waiver["expectation"] and waived.samples == [offender]
    assert read_manifest(folder)["validation"]["waivers"] == [{**waiver, "applied": True}]


def test_a_waiver_must_name_an_expectation(version, gate_config) -> None:
    store, folder = version
    config = gate_config(validation={"waivers": [{"expectation": "article_rows.typo", "reason": "x"}]})
    with pytest.raises(ConfigError, match=re.escape("article_rows.typo")):
        validate_version(store, "sample", folder.name, config)


def test_a_broken_expectation_is_a_validator_error(version, gate_config, monkeypatch) -> None:
    store, folder = version
    broken = copy.deepcopy(load_suites())
    broken["article_rows"]["expectations"][1]["kwargs"]["regex"] = "("  # id_format cannot compile
    monkeypatch.setattr(gate, "load_suites", lambda: broken)
    waiver = {"expectation": "article_rows.id_format", "reason": "a waiver does not excuse a crash"}
    result, _ = validate_version(store, "sample", folder.name, gate_config(validation={"waivers": [waiver]}))
    assert not result.passed
    [failed] = result.failed
    assert failed.key == "article_rows.id_format" and failed.status == "error" and failed.errors


def test_a_crash_while_flattening_is_a_validator_error(version, gate_config, monkeypatch) -> None:
    store, folder = version

    def crash(_table):
        raise RuntimeError("flattening bug")

    monkeypatch.setitem(shards.VIEWS, "article", crash)
    result, _ = validate_version(store, "sample", folder.name, gate_config())
    assert not result.passed
    assert {o.key for o in result.failed} == {"article_rows.arrow_schema"}
    assert "RuntimeError: flattening bug" in result.failed[0].errors[0]


def test_build_runs_the_gate_and_fails_with_it(tmp_path: Path) -> None:
    args = ["build", str(SAMPLE / "txt"), "--name", "news", "--store", str(tmp_path), "--source", "Wire",
            "--workers", "2"]
    passed = runner.invoke(app, args)
    assert passed.exit_code == 0, passed.output
    assert "validation passed" in passed.output
    assert read_manifest(tmp_path / "news" / "versions" / "1.0.0")["validation"]["passed"]
    failed = runner.invoke(app, [*args, "--set", 'validation.languages=["xx"]'])
    assert failed.exit_code == 1, failed.output
    assert "validation FAILED" in failed.output and "article_rows.language_allowed" in failed.output
    skipped = runner.invoke(app, [*args, "--no-validate"])
    assert skipped.exit_code == 0 and "validation" not in skipped.output
    assert read_manifest(tmp_path / "news" / "versions" / "1.2.0")["validation"] is None


def test_validate_command(version, tmp_path: Path) -> None:
    store, folder = version
    config = ["--config", str(ROOT / "curate.toml"), "--workers", "1"]
    ok = runner.invoke(app, ["validate", "sample", folder.name, "--store", str(store.root), *config])
    assert ok.exit_code == 0 and "validation passed" in ok.output, ok.output
    assert runner.invoke(app, ["validate", "sample"]).exit_code != 0
    unknown = runner.invoke(app, ["validate", "nothing", "1.0.0", "--store", str(store.root)])
    assert unknown.exit_code == 2 and "no version 1.0.0" in unknown.output


def test_validate_any_parquet_files(version, tmp_path: Path) -> None:
    _, folder = version
    edited = tmp_path / "edited.parquet"
    shutil.copy(folder / TRAIN, edited)
    clean = [str(folder / TRAIN), str(folder / "rejects" / "rejects-00000-of-00001.parquet")]
    config = ["--config", str(ROOT / "curate.toml"), "--workers", "1"]
    ok = runner.invoke(app, ["validate", "--data", *clean, *config, "--out", str(tmp_path / "out")])
    assert ok.exit_code == 0 and "validation passed" in ok.output, ok.output
    assert json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))["passed"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["index.html", "results.json"]
    offender = _drop_source_name(edited)
    failed = runner.invoke(app, ["validate", "--data", str(edited), *config])
    assert failed.exit_code == 1
    assert "article_rows.source_name_present" in failed.output and offender in failed.output
    missing = runner.invoke(app, ["validate", "--data", str(tmp_path / "nope.parquet")])
    assert missing.exit_code == 2 and "no such file" in missing.output


def test_a_broken_validator_is_printed_as_such(version, monkeypatch) -> None:
    store, folder = version
    broken = copy.deepcopy(load_suites())
    broken["rejects"]["expectations"][1]["kwargs"]["regex"] = "("
    monkeypatch.setattr(gate, "load_suites", lambda: broken)
    result = runner.invoke(app, ["validate", "sample", folder.name, "--store", str(store.root), "--workers", "1"])
    assert result.exit_code == 1 and "validator error" in result.output and "rejects.reason_format" in result.output


def test_importing_curate_does_not_import_gx() -> None:
    code = ("import sys, curate, curate.cli, curate.validation; "
            "sys.exit('great_expectations' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


def test_gx_comes_without_scipy_stats_until_something_uses_it() -> None:
    """The gate defers GX's module-level `scipy.stats` import (a third of GX's import time);
    whatever then uses it still gets the real module."""
    code = ("import sys, curate.validation.gx_run; "
            "assert 'scipy.stats._stats_py' not in sys.modules; "
            "from scipy import stats; assert abs(stats.entropy([0.5, 0.5]) - 0.6931471805599453) < 1e-12; "
            "assert 'scipy.stats._stats_py' in sys.modules")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False).returncode == 0


def test_small_chunks_give_the_same_verdict(version, gate_config) -> None:
    """A shard of many row groups is read in parts and validated in chunks; counts and `mostly`
    add up over all of them."""
    store, folder = version
    table = pq.read_table(folder / TRAIN)
    rows = table.to_pylist()
    rows[-1]["source"]["name"] = None  # in the last part
    pq.write_table(table.from_pylist(rows, schema=table.schema), folder / TRAIN, row_group_size=2)
    config = gate_config(validation={"chunk_rows": 3, "max_source_missing_share": 0.1})
    result, _ = validate_version(store, "sample", folder.name, config)
    assert result.passed and result.rows["articles"] == read_manifest(folder)["accounting"]["kept"]
    outcome = next(o for o in result.outcomes if o.key == "article_rows.source_name_present")
    assert outcome.unexpected == 1 and outcome.chunks > 3 and outcome.samples == [rows[-1]["id"]]
    strict = gate_config(validation={"chunk_rows": 3})
    assert [o.key for o in validate_version(store, "sample", folder.name, strict)[0].failed] == [outcome.key]


def test_a_build_that_kept_nothing_fails_the_gate(tmp_path: Path) -> None:
    """Every input rejected (here: empty files): the version exists, with its rejects, but the
    gate refuses it, so it can never be published."""
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name in ("a.txt", "b.html"):
        (inputs / name).write_bytes(b"")
    store = tmp_path / "store"
    built = runner.invoke(app, ["build", str(inputs), "--name", "empty", "--store", str(store), "--workers", "1",
                                "--no-report"])
    assert built.exit_code == 1, built.output
    assert "dataset.has_articles" in built.output and "0 articles in the data shards" in built.output
    verdict = read_manifest(store / "empty" / "versions" / "1.0.0")["validation"]
    assert verdict["passed"] is False


def test_samples_from_the_data_are_not_terminal_markup(version, tmp_path: Path) -> None:
    """An id (or file name) like `[/]` or `[red]` is printed as it is, not read as Rich markup
    (`[/]` made printing the verdict crash)."""
    _, folder = version
    edited = tmp_path / "edited.parquet"
    table = pq.read_table(folder / TRAIN)
    rows = table.to_pylist()
    rows[0]["id"] = "[/][red]x"
    pq.write_table(table.from_pylist(rows, schema=table.schema), edited)
    result = runner.invoke(app, ["validate", "--data", str(edited), "--config", str(ROOT / "curate.toml"),
                                 "--workers", "1"])
    assert result.exit_code == 1 and "article_rows.id_format" in result.output, result.output
    assert "[/][red]x" in result.output


def test_show_names_the_validation_page(version, gate_config) -> None:
    """`curate show` prints where the page is; for a version validated by an older curate, whose
    entry names only GX Data Docs, it says to validate again instead of pointing at them."""
    store, folder = version
    validate_version(store, "sample", folder.name, gate_config())
    shown = runner.invoke(app, ["show", "sample", folder.name, "--store", str(store.root)])
    assert shown.exit_code == 0 and f"page: {folder / 'validation' / 'index.html'}" in shown.output.replace("\n", "")
    entry = read_manifest(folder)["validation"]
    del entry["page"]
    update_manifest(folder, "validation", {**entry, "data_docs": "validation/data_docs/index.html"})
    older = runner.invoke(app, ["show", "sample", folder.name, "--store", str(store.root)])
    assert older.exit_code == 0 and "no validation page: validate again" in older.output, older.output
    assert "data_docs" not in older.output


def test_a_file_name_arrow_cannot_open_is_an_input_error(version, tmp_path: Path, gate_config) -> None:
    """A Parquet file whose name is not UTF-8 (Arrow cannot encode it) is refused with a clear
    error, not a traceback."""
    _, folder = version
    odd = tmp_path / os.fsdecode(b"shard-\xff.parquet")
    shutil.copy(folder / TRAIN, odd)
    with pytest.raises(InputError, match="is not a readable Parquet file"):
        gate.validate_files([odd], gate_config())
