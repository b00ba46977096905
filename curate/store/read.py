"""Read a version's shards a few columns and one row group at a time: how the report, the
version diff and the card stream a dataset without holding it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curate.store.writer import ROW_GROUP_ROWS

NO_SOURCE = "(no publisher)"  # how the report and the card name articles without a publisher


def row_group_batches(paths: Sequence[Path], columns: list[str],
                      batch_rows: int = ROW_GROUP_ROWS) -> Iterator[pa.RecordBatch]:
    """Record batches of `columns`, row group by row group: one reader over a whole file holds
    more memory the more row groups it has (measured: 20 MB at 29 row groups against 3.8 MB read
    one row group at a time)."""
    for path in paths:
        shard = pq.ParquetFile(path)
        for group in range(shard.num_row_groups):
            yield from shard.iter_batches(batch_size=batch_rows, columns=columns, row_groups=[group])


def source_names(batch: pa.RecordBatch) -> pa.Array:
    """The batch's publisher names (its `source` struct read), `NO_SOURCE` where there is none."""
    return pc.fill_null(pc.struct_field(batch.column("source"), "name"), NO_SOURCE)
