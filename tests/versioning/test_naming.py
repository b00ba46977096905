"""`--version auto`: a build numbered from its diff against the latest version."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from curate.cli import app
from curate.pipeline.build import build
from curate.store import Store
from versioning.corpus import tiny_config, write_corpus

DOCS = dict.fromkeys(range(6), 0)


def test_auto_numbers_by_the_diff(tmp_path: Path) -> None:
    store, inputs = Store(tmp_path / "store"), tmp_path / "in"
    first = build([write_corpus(inputs, DOCS)], "news", tiny_config(), store=store, version="auto")
    assert first.manifest["version"] == "1.0.0" and "version_bump" not in first.manifest
    patch = build([write_corpus(inputs, {**DOCS, 2: 1})], "news", tiny_config(), store=store, version="auto")
    assert patch.manifest["version"] == "1.0.1" and patch.path == store.version_dir("news", "1.0.1")
    assert patch.manifest["version_bump"] == {"version": "1.0.1", "bump": "patch", "from": "1.0.0",
                                              "reason": "corrections only: 1 changed, 0 removed"}
    minor = build([write_corpus(inputs, {**DOCS, 2: 1, 7: 0})], "news", tiny_config(), store=store, version="auto")
    assert minor.manifest["version"] == "1.1.0" and minor.manifest["parent"] == "1.0.1"
    same = build([inputs], "news", tiny_config(), store=store, version="auto")
    assert same.manifest["version"] == "1.1.1" and "still needs a new number" in same.manifest["version_bump"]["reason"]
    assert store.versions("news") == ["1.0.0", "1.0.1", "1.1.0", "1.1.1"]
    assert not list((store.dataset("news") / ".staging").iterdir())


def test_cli_build_auto_says_why(tmp_path: Path) -> None:
    inputs, root = write_corpus(tmp_path / "in", DOCS), tmp_path / "store"
    args = ["build", str(inputs), "--name", "news", "--store", str(root), "--workers", "1", "--no-validate"]
    assert CliRunner().invoke(app, args).exit_code == 0
    write_corpus(inputs, {**DOCS, 9: 0})
    result = CliRunner().invoke(app, [*args, "--version", "auto"])
    assert result.exit_code == 0, result.output
    assert "built news 1.1.0" in result.output
    assert "numbered 1.1.0: minor after 1.0.0 (1 documents added)" in result.output
