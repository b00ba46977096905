"""Ids do not depend on where an input folder sits or what it is called: a copy of it, built as
the next version, is the same documents (`curate diff`: 0 changes, no split moved). And a
record's own id (the `id` role) is the document's id, a repeat of it a `policy_duplicate_id`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curate.pipeline.build import build
from curate.pipeline.rebuild import rebuild
from curate.signals.identity import document_id
from curate.store import Store
from curate.validation import validate_version
from curate.versioning import diff_versions, open_version
from versioning.corpus import article, prose, tiny_config

DOCS = 24
SOURCE = {"sources": {"default": "Gazette"}}


def _records() -> list[dict[str, object]]:
    """Records with no url and no id: only where they sit tells them apart."""
    return [{"title": f"Title {n}", "text": prose(n), "section": ["World", "Sport"][n % 2], "rank": n}
            for n in range(DOCS)]


def _folder(where: Path) -> Path:
    where.mkdir(parents=True)
    (where / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _records()[:8]), encoding="utf-8")
    (where / "nested").mkdir()
    pq.write_table(pa.Table.from_pylist(_records()[8:16]), where / "nested" / "part.parquet")
    for n in range(16, DOCS):
        (where / f"doc-{n}.txt").write_text(article(n), encoding="utf-8")
    return where


def _saved(where: Path) -> Path:
    import datasets

    datasets.Dataset.from_list(_records()).save_to_disk(str(where))
    return where


def _rows(store: Store, version: str) -> dict[str, tuple[str, str, str]]:
    ref = open_version(store, "news", version)
    table = pa.concat_tables([pq.read_table(p, columns=["id", "split", "content_hash", "metadata"])
                              for p in ref.shard_paths])
    return {row["id"]: (row["split"], row["content_hash"], row["metadata"]) for row in table.to_pylist()}


@pytest.mark.parametrize("make", [_folder, _saved], ids=["folder", "saved-dataset"])
def test_a_copied_input_folder_is_the_same_documents(tmp_path: Path, make) -> None:
    store = Store(tmp_path / "store")
    first = make(tmp_path / "here" / "A")
    built = build([first], "news", tiny_config(**SOURCE), store=store)
    moved = tmp_path / "elsewhere" / "deeper" / "B"
    moved.parent.mkdir(parents=True)
    shutil.copytree(first, moved)
    again = build([moved], "news", tiny_config(**SOURCE), store=store)
    before, after = built.manifest["version"], again.manifest["version"]
    assert before != after
    diff = diff_versions(store, "news", before, after)
    assert (diff.documents.added, diff.documents.removed, diff.documents.changed, diff.documents.moved) == (0, 0, 0, 0)
    assert diff.documents.unchanged == built.manifest["accounting"]["kept"] > DOCS // 2
    assert _rows(store, before) == _rows(store, after), "same ids, splits, texts and metadata"
    assert validate_version(store, "news", after, tiny_config(**SOURCE))[0].passed


def test_two_roots_that_share_a_path_stay_two_sets_of_documents(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    day1, day2 = _folder(tmp_path / "day1"), tmp_path / "day2"
    day2.mkdir()
    records = [{"text": prose(n)} for n in range(40, 48)]
    (day2 / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    built = build([day1, day2], "news", tiny_config(**SOURCE), store=store)
    reasons = built.manifest["accounting"].get("dropped_by_reason", {})
    assert "policy_duplicate_id" not in json.dumps(reasons), "day1/feed.jsonl#0 and day2/feed.jsonl#0 are two documents"
    assert built.manifest["accounting"]["kept"] == DOCS + len(records)


def test_the_id_role_gives_the_record_its_own_id(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    rows = [{"doc_id": f"N-{n}", "body": {"text": prose(n)}, "section": "World"} for n in range(10)]
    rows.append({"doc_id": "N-3", "body": {"text": prose(3, edition=1)}, "section": "Late"})  # a re-crawl
    rows.append({"doc_id": 11, "body": {"text": prose(11)}})
    rows.append({"doc_id": "", "body": {"text": prose(12)}})
    rows.append({"doc_id": ["N-13"], "body": {"text": prose(13)}})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    config = tiny_config(readers={"fields": {"id": ["doc_id"], "text": ["body.text"]}}, **SOURCE)
    built = build([tmp_path / "in"], "news", config, store=store)
    version = built.manifest["version"]
    kept = {row["source"]["record_id"]: row for p in open_version(store, "news", version).shard_paths
            for row in pq.read_table(p).to_pylist()}
    assert sorted(kept) == sorted([f"N-{n}" for n in range(10)] + ["11"])
    assert kept["N-3"]["id"] == document_id(None, "ignored", "N-3") and kept["11"]["id"] == document_id(None, "", "11")
    assert json.loads(kept["N-3"]["metadata"]) == {"section": "Late"}, "the latest record of an id is kept"
    assert kept["11"]["metadata"] is None and kept["11"]["metadata_omitted"] == []
    rejects = pa.concat_tables([pq.read_table(built.path / r["path"]) for r in built.manifest["rejects"]]).to_pylist()
    assert sorted(r["reason"] for r in rejects) == ["policy_duplicate_id", "read_missing_id", "read_wrong_type"]
    assert validate_version(store, "news", version, config)[0].passed

    again = rebuild("news", version, store=store, overrides={"boilerplate": {"threshold": 0.99}})
    assert diff_versions(store, "news", version, again.manifest["version"]).documents.added == 0, "a rebuild keeps ids"
