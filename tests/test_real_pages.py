"""Whole builds of real pages nobody on the team wrote (`../shared/bench/extraction`, skipped
where it is absent): the gate must pass what the build itself made of them."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import needs_shared
from curate.config import load_config
from curate.pipeline.build import build
from curate.store import Store
from curate.validation import validate_version


def _gate_failures(inputs: Path, store: Store, **validation: object) -> list[tuple[str, list[str]]]:
    config = load_config(None, {"executor": {"workers": 2}, "validation": validation})
    built = build([inputs], "real", config, store=store)
    assert built.manifest["accounting"]["kept"] > 0.9 * built.manifest["accounting"]["read"]
    result, _ = validate_version(store, "real", built.manifest["version"], config)
    return [(o.key, o.samples) for o in result.failed]


def test_html_pages_pass_their_own_gate(tmp_path: Path) -> None:
    pages = needs_shared("bench", "extraction", "dev", "html")  # .html.gz, as crawlers store them
    assert _gate_failures(pages, Store(tmp_path)) == []


def test_page_text_passes_its_own_gate(tmp_path: Path) -> None:
    """The same pages as plain text, every line of the page: text-mode boilerplate removal."""
    lines = needs_shared("bench", "extraction", "dev", "text_lines.jsonl")
    folder = tmp_path / "txt"
    folder.mkdir()
    for row in map(json.loads, lines.read_text(encoding="utf-8").splitlines()):
        (folder / f"{row['id'][:16]}.txt").write_text("\n".join(row["lines"]), encoding="utf-8")
    # Plain text names no publisher: that one check is waived by share, not skipped.
    assert _gate_failures(folder, Store(tmp_path / "store"), max_source_missing_share=1.0) == []
