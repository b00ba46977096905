"""`curate diff` on two builds whose inputs gained, lost and changed documents."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.errors import StoreError
from curate.pipeline.build import build
from curate.store import Store
from curate.versioning import diff_versions, version_stats
from curate.versioning.refs import open_version
from versioning.corpus import doc_id, tiny_config, write_corpus

OLD = {0: 0, 1: 0, 2: 0, 3: 0, 4: 0, 5: 0}
NEW = {1: 0, 2: 0, 3: 1, 4: 1, 6: 0, 7: 0, 8: 0}  # 0, 5 removed; 3, 4 corrected; 6, 7, 8 added


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> Store:
    root = tmp_path_factory.mktemp("diff")
    store = Store(root / "store")
    build([write_corpus(root / "in", OLD)], "news", tiny_config(), store=store)
    build([write_corpus(root / "in", NEW)], "news", tiny_config(policy={"min_words": 40}), store=store)
    return store


def test_documents_added_removed_changed_exactly(two_versions: Store) -> None:
    diff = diff_versions(two_versions, "news", "1.0.0", "1.1.0")
    docs = diff.documents
    assert (docs.added, docs.removed, docs.changed, docs.unchanged, docs.moved) == (3, 2, 2, 2, 0)
    assert docs.examples["added"] == sorted(doc_id(n) for n in (6, 7, 8))
    assert docs.examples["removed"] == sorted(doc_id(n) for n in (0, 5))
    assert docs.examples["changed"] == sorted(doc_id(n) for n in (3, 4))
    assert "unchanged" not in docs.examples and "moved" not in docs.examples
    assert diff.bump == "minor" and diff.suggested_version == "1.1.0" and "3 documents added" in diff.reason


def test_inputs_config_and_lineage(two_versions: Store) -> None:
    diff = diff_versions(two_versions, "news", "1.0.0", "1.1.0")
    assert diff.inputs.added == ["doc-006.txt", "doc-007.txt", "doc-008.txt"]
    assert diff.inputs.removed == ["doc-000.txt", "doc-005.txt"]
    assert diff.inputs.changed == ["doc-003.txt", "doc-004.txt"]
    assert [(c.key, c.old, c.new) for c in diff.config] == [("policy.min_words", 50, 40)]
    assert diff.old.parent is None and diff.new.parent == "1.0.0" and diff.descends
    assert diff.old.config_hash != diff.new.config_hash and diff.old.inputs_hash != diff.new.inputs_hash
    assert diff.schema.changes == [] and diff.schema.comparable and not diff.shards_identical
    backwards = diff_versions(two_versions, "news", "1.1.0", "1.0.0")
    assert (backwards.documents.added, backwards.documents.removed) == (2, 3) and not backwards.descends


def test_statistics_old_and_new(two_versions: Store) -> None:
    diff = diff_versions(two_versions, "news", "1.0.0", "1.1.0")
    stats = {s.key: (s.old, s.new) for s in diff.stats}
    assert stats["documents.kept"] == (6, 7)
    assert stats["language.en"] == (6, 7)
    assert stats["words.total"][0] < stats["words.total"][1]
    for key in ("words.mean", "chars.mean", "boilerplate_ratio.mean", "claims.per_doc"):
        assert key in stats


def test_stats_match_the_rows(sample_build) -> None:
    ref = open_version(Store(sample_build.path.parents[2]), "sample", sample_build.manifest["version"])
    rows = pa.concat_tables([pq.read_table(p) for p in ref.shard_paths]).to_pylist()
    stats = version_stats(ref)
    assert stats["words.total"] == sum(r["quality"]["n_words"] for r in rows)
    assert stats["claims.per_doc"] == round(sum(len(r["claims"]) for r in rows) / len(rows), 4)
    assert stats["boilerplate_ratio.mean"] == pytest.approx(sum(r["boilerplate_ratio"] for r in rows) / len(rows),
                                                            abs=1e-4)
    assert sum(v for k, v in stats.items() if k.startswith("language.")) == len(rows)
    assert {k: v for k, v in stats.items() if k.startswith("split.")} == {
        f"split.{s}": n for s, n in sample_build.manifest["accounting"]["by_split"].items()}


def test_corrections_only_suggest_a_patch(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    build([write_corpus(tmp_path / "in", OLD)], "news", tiny_config(), store=store)
    build([write_corpus(tmp_path / "in", {**OLD, 2: 1}) ], "news", tiny_config(), store=store)
    diff = diff_versions(store, "news", "1.0.0", "1.1.0")
    assert (diff.documents.changed, diff.documents.added, diff.bump, diff.suggested_version) == (1, 0, "patch", "1.0.1")
    build([write_corpus(tmp_path / "in", {**OLD, 2: 1})], "news", tiny_config(), store=store)
    same = diff_versions(store, "news", "1.1.0", "1.2.0")
    assert same.bump == "none" and same.suggested_version == "1.1.0" and same.shards_identical


def test_cli_diff_human_and_json(two_versions: Store) -> None:
    runner = CliRunner()
    human = runner.invoke(app, ["diff", "news", "1.0.0", "1.1.0", "--store", str(two_versions.root)])
    assert human.exit_code == 0, human.output
    assert "suggested version 1.1.0" in human.output and "policy.min_words" in human.output
    assert doc_id(6) in human.output
    machine = runner.invoke(app, ["diff", "news", "1.0.0", "1.1.0", "--store", str(two_versions.root), "--json"])
    data = json.loads(machine.output)
    assert data["documents"]["added"] == 3 and data["bump"] == "minor" and data["new"]["parent"] == "1.0.0"


def test_unknown_versions_are_named(two_versions: Store) -> None:
    with pytest.raises(StoreError, match=r"no version 9\.9\.9 of dataset 'news'"):
        diff_versions(two_versions, "news", "1.0.0", "9.9.9")
    result = CliRunner().invoke(app, ["diff", "nope", "1.0.0", "1.1.0", "--store", str(two_versions.root)])
    assert result.exit_code == 2 and "'nope'" in result.output


def test_python_api(two_versions: Store) -> None:
    import curate

    via_api = curate.diff("news", "1.0.0", "1.1.0", store=two_versions.root)
    assert via_api.to_dict() == diff_versions(two_versions, "news", "1.0.0", "1.1.0").to_dict()


def test_changelog_lines(two_versions: Store) -> None:
    from curate.versioning import changelog

    lines = changelog(diff_versions(two_versions, "news", "1.0.0", "1.1.0"))
    assert lines[:2] == ["minor change (3 documents added)",
                         "documents: 3 added, 2 removed, 2 changed, 2 unchanged"]
    assert "documents.kept: 6 -> 7 (+1)" in lines
    assert "config: policy.min_words 50 -> 40" in lines and "inputs: 3 added, 2 removed, 2 changed" in lines
    assert not [line for line in lines if line.startswith(("schema:", "pipeline:"))]
