"""The article rows the viewer shows, found by id: a kept row in the shards, a dropped one in the
rejects (its whole row is kept there as JSON), a reference document in the version it came from.

Only the `id` column is read everywhere (`scan.find_rows`); a row group is decoded whole only
when it holds a wanted id.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curate.errors import StoreError
from curate.reporting.scan import find_rows, shard_paths
from curate.store import Manifest, Store, load_manifest


@dataclass(frozen=True)
class Document:
    """A row the viewer shows; `reason` is set for a document that was dropped, `duplicate_of`
    (and its `similarity`) for one dropped for another document, which was kept instead."""

    row: dict[str, Any]
    reason: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None


def dropped_document(reject: dict[str, Any]) -> Document:
    """The document a dropped reject row holds (rows of older rejects have no near-duplicate columns)."""
    similarity = reject.get("similarity")
    return Document(json.loads(reject["row_json"]), reject["reason"], reject.get("duplicate_of"),
                    None if similarity is None else round(similarity, 4))


def find_documents(folder: Path, manifest: Manifest, ids: set[str]) -> dict[str, Document]:
    """The documents of the version in `folder` with these ids: kept ones, else dropped ones (an id
    rejected before it had a row, or unknown, is absent)."""
    found = {row["id"]: Document(row) for row in find_rows(shard_paths(folder, manifest.shards), ids)}
    for reject in find_rows(shard_paths(folder, manifest.rejects), ids - set(found)):
        if reject["status"] == "dropped" and reject["row_json"] and reject["id"] not in found:
            found[reject["id"]] = dropped_document(reject)
    return found


def find_document(store: Store, name: str, version: str, doc_id: str) -> Document:
    """The article row with `doc_id`: a kept one, else a dropped one from the rejects."""
    folder = store.require(name, version)
    manifest = load_manifest(folder)
    found = find_documents(folder, manifest, {doc_id})
    if doc_id in found:
        return found[doc_id]
    for reject in find_rows(shard_paths(folder, manifest.rejects), {doc_id}):
        raise StoreError(f"document {doc_id!r} of {name} {version} was rejected ({reject['reason']}) "
                         "before it had a row to show")
    raise StoreError(f"no document with id {doc_id!r} in {name} {version} "
                     f"({manifest.accounting.kept} kept, {manifest.accounting.dropped} dropped)")


def reference_documents(store: Store, manifest: Manifest, ids: set[str]) -> dict[str, tuple[str, Document]]:
    """The documents with these ids in the versions this one was deduplicated against, as
    (that version's label, its row); a reference no longer in the store is skipped."""
    found: dict[str, tuple[str, Document]] = {}
    for entry in manifest.dedup_references:
        wanted = ids - set(found)
        if not wanted:
            break
        try:
            folder = store.require(entry["name"], entry["version"])
        except StoreError:
            continue
        label = f"{entry['name']} {entry['version']}"
        for row in find_rows(shard_paths(folder, load_manifest(folder).shards), wanted):
            found.setdefault(row["id"], (label, Document(row)))
    return found
