"""Exact-duplicate removal across the corpus: the first document with a given text is kept.

It runs in the parent on each batch's kept rows, batches in input order and, within a batch, rows
in input order across splits; so which copy survives depends on neither the number of workers
nor the batch size. A dropped copy keeps its whole row in the rejects (`policy_duplicate_content`),
put among the batch's other rejects by `merge_rejects`.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from curate.pipeline.batches import BatchResult
from curate.pipeline.rejects import Evidence, reject_row
from curate.policy import DUPLICATE_CONTENT as REASON
from curate.timing import DEDUP, timed_as


class ExactDuplicates:
    """Remembers 16 bytes of every kept `content_hash` (about 80 bytes a document in memory)."""

    def __init__(self) -> None:
        self._seen: set[bytes] = set()

    @timed_as(DEDUP)
    def split_off(self, result: BatchResult) -> tuple[BatchResult, list[tuple[int, dict[str, Any]]]]:
        """(`result` without the rows whose text came earlier, their reject rows with their
        positions in the batch). Builds no Arrow data from Python: slices only."""
        hashes = {split: table.column("content_hash").to_pylist() for split, table in result.kept.items()}
        order = sorted((position, split, index) for split, positions in result.kept_positions.items()
                       for index, position in enumerate(positions))
        repeats: dict[str, list[int]] = {}
        for _, split, index in order:
            key = bytes.fromhex(hashes[split][index][:32])
            if key in self._seen:
                repeats.setdefault(split, []).append(index)
            self._seen.add(key)
        if not repeats:
            return result, []
        kept, kept_positions = dict(result.kept), dict(result.kept_positions)
        rejects = []
        for split, indices in repeats.items():
            table, positions = kept[split], kept_positions[split]
            rejects += [(positions[i], _reject(table.slice(i, 1).to_pylist()[0])) for i in indices]
            kept[split] = _without(table, indices)
            dropped = set(indices)
            kept_positions[split] = [p for i, p in enumerate(positions) if i not in dropped]
        return BatchResult(kept, kept_positions, result.rejects, result.reject_positions), rejects


def _without(table: pa.Table, indices: list[int]) -> pa.Table:
    """`table` without the rows at `indices` (ascending), as slices of it."""
    pieces, start = [], 0
    for index in indices:
        pieces.append(table.slice(start, index - start))
        start = index + 1
    pieces.append(table.slice(start))
    return pa.concat_tables(pieces)


def _reject(row: dict[str, Any]) -> dict[str, Any]:
    return reject_row(Evidence.dropped(row), reason=REASON, stage="policy",
                      message=f"{row['source']['input_uri']}: same text (content_hash {row['content_hash'][:12]}) "
                              "as an earlier document")
