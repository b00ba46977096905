"""A whole build of junk beside real articles: every junk document is dropped by the rule written
for it, every article kept, the gate passes and the report counts each reason. With a rule
turned off, the gate is still the safety net."""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from curate.pipeline.build import BuildResult, build
from curate.reporting import write_report
from curate.store import Store
from curate.validation import validate_version
from policy.documents import ARTICLES, JUNK
from versioning.corpus import tiny_config

CONFIG = {"sources": {"default": "Junk Wire"}}


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    for reason, document in JUNK.items():
        (folder / f"{reason}.txt").write_text(document, encoding="utf-8")
    for name, document in ARTICLES.items():
        (folder / f"article-{name}.txt").write_text(document, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def junk_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, BuildResult]:
    root = tmp_path_factory.mktemp("junk")
    store = Store(root / "store")
    return store, build([_corpus(root / "in")], "junk", tiny_config(**CONFIG), store=store)


def _outcomes(result: BuildResult) -> dict[str, str]:
    """Input file -> "kept" or the reason it was dropped."""
    def rows(kind: str, columns: list[str]) -> list[dict[str, str]]:
        return [row for shard in result.manifest[kind]
                for row in pq.read_table(result.path / shard["path"], columns=columns).to_pylist()]

    kept = {row["source"]["input_uri"]: "kept" for row in rows("shards", ["source"])}
    return kept | {row["input_uri"]: row["reason"] for row in rows("rejects", ["input_uri", "reason"])}


def test_junk_is_dropped_by_its_rule_and_articles_are_kept(junk_build: tuple[Store, BuildResult]) -> None:
    _, result = junk_build
    expected = {f"{reason}.txt": reason for reason in JUNK} | {f"article-{name}.txt": "kept" for name in ARTICLES}
    assert _outcomes(result) == expected


def test_the_gate_passes_and_the_report_counts_every_reason(junk_build: tuple[Store, BuildResult]) -> None:
    store, result = junk_build
    version = result.manifest["version"]
    gate, _ = validate_version(store, "junk", version, tiny_config(**CONFIG))
    assert gate.passed, [o.key for o in gate.failed]
    summary = write_report(store, "junk", version).summary
    assert summary["accounting"]["dropped_by_reason"] == dict.fromkeys(JUNK, 1)
    assert {group["reason"] for group in summary["rejects"]} == set(JUNK)


def test_a_rule_turned_off_leaves_the_document_to_the_gate(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "markup.txt").write_text(JUNK["policy_markup_in_text"], encoding="utf-8")
    config = tiny_config(**CONFIG, policy={"drop_markup": False})
    store = Store(tmp_path / "store")
    result = build([folder], "markup", config, store=store)
    assert _outcomes(result) == {"markup.txt": "kept"}
    gate, _ = validate_version(store, "markup", result.manifest["version"], config)
    assert [o.key for o in gate.failed] == ["article_rows.text_no_markup"]
