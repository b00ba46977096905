"""Write rows into zstd Parquet shards named like the Hugging Face Hub's.

Rows are buffered into row groups of 1,024 rows, or fewer once their large values (the columns
named in `sized_by`: an article's text, a reject's raw bytes) reach 64 MiB, so a run of large
documents never gathers gigabytes before a row group is written. Each row group is written from
one contiguous chunk (Parquet's page boundaries follow the chunks it is handed), and where a row
group ends depends only on the rows, never on how the executor batched them: same inputs and
config, byte-identical shards. Shards get their final `<split>-00000-of-0000N.parquet` names once the count N is known.

Given a key column (`cut_by`: an article's id), a row group ends instead after a row whose key
hashes to a multiple of 1,024 (at least 64 rows in, at most 4,096, and the 64 MiB still apply):
about 1,024 rows on average, and an article added or removed moves only its own row group's
ends, where fixed counts would shift every row group after it.

Where the installed pyarrow can, shards carry a page index (readers skip pages by their min/max
without reading them) and their data pages are cut at content-defined boundaries: a page then
ends where the values say, not where a byte count does, so two versions that differ by a few
documents share most pages byte for byte, which the Hub's Xet storage keeps once
(benchmarks/shard_dedup.py measures it). Both are deterministic: same rows, same bytes. The large
columns (`sized_by`) get no dictionary: their values are nearly all distinct, so a dictionary
only gathers the first megabyte of them into one page that any change rewrites whole.
"""

from __future__ import annotations

import hashlib
import inspect
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from curate.store.manifest import file_sha256
from curate.timing import WRITE, timed_as

ROW_GROUP_ROWS = 1024
ROW_GROUP_BYTES = 64 * 2**20
# Content-defined row groups (`cut_by`): a cut after 1 row in ROW_GROUP_ROWS, within these bounds.
MIN_GROUP_ROWS = 64
MAX_GROUP_ROWS = 4 * ROW_GROUP_ROWS
# Buffered tables are merged into one once there are this many: a rare split (5% of rows) would
# otherwise hold thousands of three-row tables, whose per-table overhead grows with the corpus.
_COMPACT_AFTER = 64
_BASE_OPTIONS: dict[str, object] = {"compression": "zstd", "compression_level": 3, "write_statistics": True}
# Newer than the oldest pyarrow curate runs on: taken when `ParquetWriter` knows them.
_NEWER_OPTIONS: dict[str, object] = {"write_page_index": True, "use_content_defined_chunking": True}


def parquet_options(available: frozenset[str] | None = None) -> dict[str, object]:
    """The options every shard is written with: the base ones, and those of `_NEWER_OPTIONS`
    that `available` (default: the installed `ParquetWriter`'s parameters) names."""
    known = available if available is not None else frozenset(inspect.signature(pq.ParquetWriter).parameters)
    return {**_BASE_OPTIONS, **{name: value for name, value in _NEWER_OPTIONS.items() if name in known}}


_PARQUET_OPTIONS = parquet_options()


def dictionary_columns(schema: pa.Schema, large: tuple[str, ...]) -> list[str]:
    """Every leaf column of `schema` (Parquet's dotted paths, `a.list.element.b` inside a list)
    but those under the top-level columns `large`."""
    def leaves(path: str, kind: pa.DataType) -> list[str]:
        if pa.types.is_struct(kind):
            return [leaf for child in kind for leaf in leaves(f"{path}.{child.name}", child.type)]
        if pa.types.is_list(kind) or pa.types.is_large_list(kind):
            return leaves(f"{path}.list.element", kind.value_type)
        return [path]

    return [leaf for top in schema if top.name not in large for leaf in leaves(top.name, top.type)]


@dataclass
class _Part:
    path: Path
    rows: int = 0


@dataclass
class ShardWriter:
    """Streams tables of one prefix (a split, or `rejects`) into rolling shard files in `folder`."""

    folder: Path
    prefix: str
    schema: pa.Schema
    max_rows: int
    sized_by: tuple[str, ...] = ()  # string or binary columns whose lengths make a row large
    cut_by: str | None = None  # a string column whose values end content-defined row groups
    _parts: list[_Part] = field(default_factory=list)
    _writer: pq.ParquetWriter | None = None
    _buffer: list[pa.Table] = field(default_factory=list)
    _buffered: int = 0
    _sizes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # per buffered row
    _cuts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))  # per buffered row: a group may end

    @timed_as(WRITE)
    def write(self, table: pa.Table) -> None:
        if table.num_rows == 0:
            return
        self._buffer.append(table)
        self._buffered += table.num_rows
        self._sizes = np.concatenate([self._sizes, self._row_sizes(table)])
        self._cuts = np.concatenate([self._cuts, self._row_cuts(table)])
        while (rows := self._next_group()) is not None:
            self._flush(rows)
        if len(self._buffer) >= _COMPACT_AFTER:
            self._buffer = [pa.concat_tables(self._buffer).combine_chunks()]

    def _row_sizes(self, table: pa.Table) -> np.ndarray:
        """Bytes of each row's sized values, read off the columns' offsets (pyarrow gives a null
        no bytes). Not through `to_numpy` or a fill value: either makes pyarrow import pandas, a
        second of CPU in this process."""
        sizes = np.zeros(table.num_rows, dtype=np.int64)
        for column in self.sized_by:
            values = table.column(column).combine_chunks()
            wide = pa.types.is_large_string(values.type) or pa.types.is_large_binary(values.type)
            offsets = np.frombuffer(values.buffers()[1], dtype=np.int64 if wide else np.int32)
            sizes += np.diff(offsets[values.offset:values.offset + len(values) + 1]).astype(np.int64)
        return sizes

    def _row_cuts(self, table: pa.Table) -> np.ndarray:
        """Whether each row's `cut_by` key may end a row group: its sha256 is a multiple of
        ROW_GROUP_ROWS (so any key, not only a hash, spreads evenly). All False without `cut_by`."""
        if self.cut_by is None:
            return np.zeros(table.num_rows, dtype=bool)
        keys = table.column(self.cut_by).to_pylist()
        return np.array([key is not None and int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big")
                         % ROW_GROUP_ROWS == 0 for key in keys], dtype=bool)

    def _next_group(self) -> int | None:
        """Rows of the next row group, once the buffer holds it whole: 1,024 (with `cut_by`: up to
        the first cut at least MIN_GROUP_ROWS in, at most MAX_GROUP_ROWS), or fewer when their sizes
        reach ROW_GROUP_BYTES first (a row larger than that is a group of its own)."""
        rows = ROW_GROUP_ROWS
        if self.cut_by is not None:
            cuts = np.flatnonzero(self._cuts[MIN_GROUP_ROWS - 1:])
            rows = min(MAX_GROUP_ROWS, int(cuts[0]) + MIN_GROUP_ROWS) if len(cuts) else MAX_GROUP_ROWS
        over = np.flatnonzero(np.cumsum(self._sizes) >= ROW_GROUP_BYTES)
        rows = min(rows, int(over[0]) + 1) if len(over) else rows
        return rows if self._buffered >= rows else None

    def _flush(self, rows: int) -> None:
        self._sizes, self._cuts = self._sizes[rows:], self._cuts[rows:]
        pending = pa.concat_tables(self._buffer)
        while rows > 0:
            part = self._current_part()
            take = min(rows, self.max_rows - part.rows)
            assert self._writer is not None
            self._writer.write_table(pending.slice(0, take).combine_chunks(), row_group_size=take)
            part.rows += take
            pending, rows = pending.slice(take), rows - take
        self._buffer = [pending] if pending.num_rows else []
        self._buffered = pending.num_rows

    def _current_part(self) -> _Part:
        if self._writer is None or self._parts[-1].rows >= self.max_rows:
            if self._writer is not None:
                self._writer.close()
            part = _Part(self.folder / f".part-{self.prefix}-{len(self._parts):05d}.parquet")
            self._parts.append(part)
            options = {"use_dictionary": dictionary_columns(self.schema, self.sized_by), **_PARQUET_OPTIONS}
            self._writer = pq.ParquetWriter(part.path, self.schema, **options)
        return self._parts[-1]

    @timed_as(WRITE)
    def close(self) -> list[dict[str, object]]:
        """Flush, rename the parts to their final names, and describe each shard."""
        if self._buffered:
            self._flush(self._buffered)
        if self._writer is not None:
            self._writer.close()
        total = len(self._parts)
        shards = []
        for index, part in enumerate(self._parts):
            final = self.folder / f"{self.prefix}-{index:05d}-of-{total:05d}.parquet"
            part.path.rename(final)
            shards.append({"path": final.name, "rows": part.rows, "bytes": final.stat().st_size,
                           "sha256": file_sha256(final)})
        return shards
