"""The command line as a user drives it: build, versions, show, publish, and clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import ROOT, SAMPLE
from curate.cli import app
from versioning.corpus import prose

runner = CliRunner()


def test_build_versions_show(tmp_path: Path) -> None:
    store = tmp_path / "store"
    result = runner.invoke(app, ["build", str(SAMPLE / "txt"), "--name", "news", "--store", str(store),
                                 "--config", str(ROOT / "curate.toml"), "--workers", "1", "--source", "Sample Wire"])
    assert result.exit_code == 0, result.output
    assert "built news 1.0.0" in result.output and "read 6 = kept 6" in result.output
    listing = runner.invoke(app, ["versions", "news", "--store", str(store)])
    assert listing.exit_code == 0 and "1.0.0" in listing.output
    shown = runner.invoke(app, ["show", "news", "1.0.0", "--store", str(store), "--json"])
    assert json.loads(shown.output)["accounting"]["kept"] == 6
    summary = runner.invoke(app, ["show", "news", "1.0.0", "--store", str(store)])
    assert "quality gate: passed" in summary.output and "kept 6" in summary.output
    report = (store / "news" / "versions" / "1.0.0" / "report" / "index.html").read_text(encoding="utf-8")
    assert "report ->" in result.output and '<a href="../validation/index.html">' in report
    plan = runner.invoke(app, ["publish", "news", "--store", str(store), "--dry-run"])
    assert plan.exit_code == 0 and "would" in plan.output and "tag v1.0.0" in plan.output
    published = runner.invoke(app, ["publish", "news", "1.0.0", "--store", str(store)])
    assert published.exit_code == 0 and "published news v1.0.0" in published.output
    assert "load it: datasets.load_dataset(" in published.output
    again = runner.invoke(app, ["publish", "news", "1.0.0", "--store", str(store)])
    assert again.exit_code == 0 and "already published" in again.output


def test_publish_refuses_an_unvalidated_version(tmp_path: Path) -> None:
    store = tmp_path / "store"
    built = runner.invoke(app, ["build", str(SAMPLE / "txt" / "haaretz"), "--name", "n", "--store", str(store),
                                "--workers", "1", "--no-validate"])
    assert built.exit_code == 0, built.output
    refused = runner.invoke(app, ["publish", "n", "1.0.0", "--store", str(store)])
    assert refused.exit_code == 2 and "may not be published: never validated" in refused.output


def test_field_mapping_and_source_options(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    body = prose(0)
    data.write_text(json.dumps({"story": body, "hed": "Dredging approved"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(data), "--name", "j", "--store", str(tmp_path / "s"),
                                 "--field", "text=story", "--field", "title=hed", "--source", "Bay Times",
                                 "--workers", "1"])
    assert result.exit_code == 0, result.output
    import curate

    [row] = [r for split in curate.load("j", store=tmp_path / "s").values() for r in split]
    assert row["title"] == "Dredging approved" and row["source"]["name"] == "Bay Times"


def test_errors_are_clear(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["build", str(tmp_path / "nope"), "--name", "x", "--store", str(tmp_path)])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    bad = tmp_path / "bad.toml"
    bad.write_text("[policy]\nmin_wordz = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(SAMPLE / "txt"), "--name", "x", "--store", str(tmp_path),
                                 "--config", str(bad)])
    assert result.exit_code == 2 and "policy.min_wordz" in result.output
    field = runner.invoke(app, ["build", str(SAMPLE / "txt"), "--name", "x", "--field", "body"])
    assert field.exit_code != 0 and "ROLE=COLUMN" in field.output
    unknown = runner.invoke(app, ["show", "nothing", "1.0.0", "--store", str(tmp_path)])
    assert unknown.exit_code == 2 and "no version 1.0.0" in unknown.output
    engine = runner.invoke(app, ["build", str(SAMPLE / "txt"), "--name", "x", "--store", str(tmp_path),
                                 "--executor", "spark"])
    assert engine.exit_code == 2 and "--executor" in engine.output and "'local' or 'ray'" in engine.output


def test_build_and_gate_with_a_relative_store(tmp_path: Path, monkeypatch) -> None:
    """The demo's own shape: the store given relative to the current directory."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", str(SAMPLE / "txt"), "--name", "seed", "--store", "rel/store",
                                 "--workers", "1", "--source", "Sample Wire"])
    assert result.exit_code == 0, result.output
    assert "validation passed" in result.output
    assert (tmp_path / "rel/store/seed/versions/1.0.0/validation/index.html").is_file()


def test_config_file_and_field_merge_deep(tmp_path: Path) -> None:
    """--field adds to the file's field mapping instead of replacing it; --set values keep their type."""
    data = tmp_path / "in.jsonl"
    body = prose(0)
    data.write_text(json.dumps({"story": body, "hed": "Dredging approved"}) + "\n", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[readers.fields]\ntitle = ["hed"]\n', encoding="utf-8")
    result = runner.invoke(app, ["build", str(data), "--name", "j", "--store", str(tmp_path / "s"), "--config", str(config),
                                 "--field", "text=story", "--set", "sources.default=123", "--workers", "1",
                                 "--no-validate", "--no-report"])
    assert result.exit_code == 0, result.output
    import curate

    with pytest.warns(UserWarning, match="its quality gate never ran"):  # --no-validate: only when insisted
        loaded = curate.load("j", store=tmp_path / "s", allow_failed=True)
    [row] = [r for split in loaded.values() for r in split]
    assert row["title"] == "Dredging approved" and row["text"] == body.strip()
    assert row["source"]["name"] == "123", "a text field's value stays text"


@pytest.mark.parametrize(("args", "fragment"), [
    (["--config", "{tmp}"], "is a directory, not a TOML file"),
    (["--config", "{tmp}/missing.toml"], "missing.toml does not exist"),
    (["--config", "{tmp}/latin1.toml"], "latin1.toml is not UTF-8 text"),
    (["--config", "{tmp}/deep.toml"], "deep.toml is not valid TOML: arrays or tables nested too deeply"),
    (["--config", "{tmp}/scalar.toml", "--set", "policy.min_words=1"], "scalar.toml: [policy] must be a table, not int 3"),
    (["--set", "policy.min_words=1", "--set", "policy.min_words.x=1"], "policy.min_words is an integer: it has no key x"),
    (["--set", "policy.min_words"], "--set policy.min_words: expected SECTION.KEY=VALUE"),
    (["--set", "policy.languages=[en]"], "policy.languages takes a list (JSON, or items separated by commas), not '[en]'"),
    (["--set", "polcy.min_words=1"], "unknown section polcy (did you mean policy?)"),
    (["--field", "txt=body"], "--field txt=body: unknown role txt (did you mean text?)"),
    (["--workers", "-1"], "executor.workers: Input should be greater than or equal to 0, got -1 (from --workers)"),
    (["--set", "executor.batch_size=99999999999999999999"], "does not fit in a signed 64-bit integer"),
    (["--set", "splits.train=nan"], "splits.train: Input should be a finite number"),
])
def test_config_mistakes_are_clear_errors(tmp_path: Path, args: list[str], fragment: str) -> None:
    (tmp_path / "latin1.toml").write_bytes("[card]\ndescription = 'caf\u00e9'\n".encode("latin-1"))
    (tmp_path / "deep.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "scalar.toml").write_text("policy = 3\n", encoding="utf-8")
    args = [arg.format(tmp=tmp_path) for arg in args]
    for command in (["build", str(tmp_path / "no-input"), "--name", "x"], ["validate", "--data", str(tmp_path / "x.parquet")]):
        if command[0] == "validate" and args[0] == "--field":
            continue  # validate reads no inputs: it has no --field
        result = runner.invoke(app, [*command, "--store", str(tmp_path / "s"), *args])
        assert result.exit_code == 2 and isinstance(result.exception, SystemExit), result.output
        assert result.output.startswith("error: ") and fragment in result.output, result.output
        assert "Traceback" not in result.output


def test_validate_without_config_keeps_the_recorded_thresholds(tmp_path: Path) -> None:
    """Articles without a publisher pass only with the share the version was built to allow."""
    from versioning.corpus import write_corpus

    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(6), 0))
    store = str(tmp_path / "s")
    built = runner.invoke(app, ["build", str(corpus), "--name", "news", "--store", store, "--workers", "1",
                                "--set", "validation.split_tolerance=1", "--set", "validation.max_source_missing_share=1",
                                "--no-report"])
    assert built.exit_code == 0, built.output
    again = runner.invoke(app, ["validate", "news", "1.0.0", "--store", store])
    assert again.exit_code == 0 and "validation passed" in again.output, again.output
    strict = runner.invoke(app, ["validate", "news", "1.0.0", "--store", store, "--set", "validation.max_source_missing_share=0"])
    assert strict.exit_code == 1 and "validation FAILED" in strict.output, strict.output


def test_paths_and_skipped_files_are_not_terminal_markup(tmp_path: Path) -> None:
    from versioning.corpus import write_corpus

    corpus = write_corpus(tmp_path / "in[/]", dict.fromkeys(range(2), 0))
    (corpus / "[red]notes[bold].md").write_text("not an article", encoding="utf-8")
    store = tmp_path / "store[/bold]"
    result = runner.invoke(app, ["build", str(corpus), "--name", "news", "--store", str(store), "--workers", "1",
                                 "--no-validate", "--no-report"])
    assert result.exit_code == 0, result.output
    assert "store[/bold]" in result.output and "[red]notes[bold].md" in result.output
