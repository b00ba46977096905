"""Stream a version's shards as record batches of only the columns a figure needs.

The report never holds a whole shard: each pass reads `batch_rows` rows at a time, so its
memory is one batch of the selected columns plus the bounded state of `bounded.py`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curate.store.manifest import DataFile
from curate.store.read import row_group_batches
from curate.store.writer import ROW_GROUP_ROWS

BATCH_ROWS = ROW_GROUP_ROWS  # one batch decodes one row group
# A dropped document's reject row carries its whole article as JSON (~7 KB): smaller batches keep
# a batch of them near the size of an article batch.
REJECT_BATCH_ROWS = 512

# The article columns the statistics pass reads: everything but `text`, the bulk of the bytes.
ARTICLE_COLUMNS = [
    "id", "language", "language_score", "source.name", "boilerplate_ratio", "split", "quality",
    "boilerplate.list.element.kind", "boilerplate.list.element.text", "boilerplate.list.element.rule",
    "claims.list.element.source", "claims.list.element.kind", "claims.list.element.status",
]
# Read too when the shards have it (article_v3 on): the name a pronoun source stands for.
RESOLVED_SOURCE = "claims.list.element.source_resolved"
REJECT_COLUMNS = ["status", "reason", "stage", "message", "input_uri", "id", "row_json"]
# Rejects written before near-duplicate detection (reject_v1, and reject_v2 before it gained them)
# have no such columns: they read as nulls.
NEAR_DUPLICATE_COLUMNS = {"duplicate_of": pa.string(), "similarity": pa.float32()}


def article_columns(paths: Sequence[Path]) -> list[str]:
    """`ARTICLE_COLUMNS`, and `RESOLVED_SOURCE` when the version's shards (one schema) have it."""
    if paths and "source_resolved" in str(pq.ParquetFile(paths[0]).schema_arrow.field("claims").type):
        return [*ARTICLE_COLUMNS, RESOLVED_SOURCE]
    return ARTICLE_COLUMNS


def shard_paths(folder: Path, files: Sequence[DataFile]) -> list[Path]:
    """Where the manifest's `files` (its shards or its rejects) are, in manifest order."""
    return [folder / file.path for file in files]


def reject_batches(paths: Sequence[Path], batch_rows: int) -> Iterator[pa.RecordBatch]:
    """Record batches of `REJECT_COLUMNS` and the near-duplicate columns, nulls where a file has none."""
    for path in paths:
        present = set(pq.ParquetFile(path).schema_arrow.names)
        missing = [name for name in NEAR_DUPLICATE_COLUMNS if name not in present]
        wanted = REJECT_COLUMNS + [name for name in NEAR_DUPLICATE_COLUMNS if name in present]
        for batch in row_group_batches([path], wanted, batch_rows):
            for name in missing:
                batch = batch.append_column(name, pa.nulls(batch.num_rows, NEAR_DUPLICATE_COLUMNS[name]))
            yield batch


def find_rows(paths: Sequence[Path], ids: set[str], column: str = "id") -> Iterator[dict[str, Any]]:
    """The full rows whose `column` (`id`) is in `ids`. Only that column is read everywhere; a row
    group is read whole only when it holds a wanted value, and only its matching rows become Python."""
    if not ids:
        return
    wanted = pa.array(sorted(ids), pa.string())
    for path in paths:
        shard = pq.ParquetFile(path)
        for group in range(shard.num_row_groups):
            mask = pc.is_in(shard.read_row_group(group, columns=[column]).column(column), value_set=wanted)
            if pc.any(mask).as_py():
                yield from shard.read_row_group(group).filter(mask).to_pylist()
