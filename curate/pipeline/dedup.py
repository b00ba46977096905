"""Exact-duplicate removal across the corpus: the first document with a given text is kept.

It runs in the parent on each batch's kept rows, batch by batch in input order and, within a
batch, split by split in name order; so which copy survives never depends on the number of
workers. A dropped copy keeps its whole row in the rejects (`policy_duplicate_content`).
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from curate.pipeline.document import reject_row

REASON = "policy_duplicate_content"


class ExactDuplicates:
    """Remembers 16 bytes of every kept `content_hash` (about 80 bytes a document in memory)."""

    def __init__(self) -> None:
        self._seen: set[bytes] = set()

    def split_off(self, table: pa.Table) -> tuple[pa.Table, list[dict[str, Any]]]:
        """(rows of `table` whose text is new, reject rows for the repeats)."""
        keep = []
        for content_hash in table.column("content_hash").to_pylist():
            key = bytes.fromhex(content_hash[:32])
            keep.append(key not in self._seen)
            self._seen.add(key)
        if all(keep):
            return table, []
        repeats = table.filter(pa.array([not k for k in keep])).to_pylist()
        return table.filter(pa.array(keep)), [_reject(row) for row in repeats]


def _reject(row: dict[str, Any]) -> dict[str, Any]:
    source = row["source"]
    return reject_row(input_uri=source["input_uri"], input_format=source["input_format"],
                      input_sha256=row["provenance"]["input_sha256"], status="dropped", reason=REASON,
                      stage="policy", doc_id=row["id"], row=row,
                      message=f"{source['input_uri']}: same text (content_hash {row['content_hash'][:12]}) "
                              "as an earlier document")
