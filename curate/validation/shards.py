"""Read, schema-check and flatten shards, in a bounded process pool.

A worker's unit is a `Part`: a run of row groups of one shard holding about `chunk_rows` rows.
It sends back only that part's flat view (and, for a shard's first part, its sha256, schema
problems and counts), so memory follows `chunk_rows` and the number of workers, never the size
or the number of shards. Great Expectations never runs in a worker: the parent imports it once,
while the workers read.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from curate.executor.lifetime import die_with_parent
from curate.schema import load_named, load_schema
from curate.store.manifest import file_sha256
from curate.store.read import INPUT_URI, input_file_counts
from curate.validation.views import VIEWS

# Counted from the raw columns (even when the schema check fails), for the accounting.
COUNTED = {"article": ("split",), "reject": ("status", "reason")}
# Where each row names its input (`input_uri`), for the accounting per input file, and the
# record mark that ends it: `#<n>`, or `#<first>-<last>` for a run of rows.


@dataclass(frozen=True)
class Target:
    """One Parquet file to validate: `label` is how reports name it (its path in the version)."""

    path: Path
    label: str
    kind: str  # the schema id: "article" or "reject"
    schema: str | None = None  # the schema it was written under, as a manifest names it; None: today's

    def expected(self) -> pa.Schema:
        return (load_named(self.schema) if self.schema else load_schema(self.kind)).arrow()


@dataclass(frozen=True)
class Part:
    """Row groups `start` to `stop` (exclusive) of a target; the first part also describes the shard."""

    target: Target
    start: int
    stop: int

    @property
    def first(self) -> bool:
        return self.start == 0


def split_parts(targets: list[Target], rows: int) -> Iterator[Part]:
    """Each target cut into runs of whole row groups of at least `rows` rows (the last may be less)."""
    for target in targets:
        try:
            metadata = pq.ParquetFile(target.path).metadata
        except (OSError, pa.ArrowException):
            yield Part(target, 0, 0)  # its worker reports why it cannot be read
            continue
        start = taken = 0
        for group in range(metadata.num_row_groups):
            taken += metadata.row_group(group).num_rows
            if taken >= rows:
                yield Part(target, start, group + 1)
                start, taken = group + 1, 0
        if start < metadata.num_row_groups or start == 0:
            yield Part(target, start, metadata.num_row_groups)


@dataclass
class ShardView:
    """What a worker found in one part; shard-wide facts are set for a shard's first part only."""

    part: Part
    sha256: str = ""
    rows: int = 0
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    schema_problems: list[str] = field(default_factory=list)
    view: pa.Table | None = None
    error: str | None = None


def _loose(kind: pa.DataType) -> pa.DataType:
    """The type with nullability and list item names dropped: Parquet written by other tools marks
    every field nullable and may call list items `element`; nulls are the suites' business."""
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _loose(f.type)) for f in kind])
    if pa.types.is_list(kind):
        return pa.list_(_loose(kind.value_type))
    return kind


def schema_problems(actual: pa.Schema, expected: pa.Schema) -> list[str]:
    """How `actual` differs from the schema in column names, order and types."""
    missing = [n for n in expected.names if n not in actual.names]
    extra = [n for n in actual.names if n not in expected.names]
    problems = [f"missing columns: {', '.join(missing)}"] if missing else []
    if extra:
        problems.append(f"unexpected columns: {', '.join(extra)}")
    for want in expected:
        if want.name in actual.names and _loose(actual.field(want.name).type) != _loose(want.type):
            problems.append(f"{want.name}: {actual.field(want.name).type} instead of {want.type}")
    if not problems and actual.names != expected.names:
        problems.append("columns are not in the schema's order")
    return problems


def _input_counts(parquet: pq.ParquetFile, path: str) -> Counter[str]:
    """Rows per input file (nothing when the column is missing: the schema check says so)."""
    try:
        column = parquet.read(columns=[path]).column(0)  # no column at all when it is missing
        for name in path.split(".")[1:]:
            column = pc.struct_field(column, name)
    except (IndexError, KeyError, pa.ArrowException):
        return Counter()
    return input_file_counts(column)


def inspect_part(part: Part) -> ShardView:
    """The part's flat view if the shard's schema holds; for a first part also the shard's
    sha256, rows, schema problems and counts."""
    found = ShardView(part)
    target = part.target
    try:
        parquet = pq.ParquetFile(target.path)
        problems = schema_problems(parquet.schema_arrow, target.expected())
        if part.first:
            found.sha256 = file_sha256(target.path)
            found.rows = parquet.metadata.num_rows
            found.schema_problems = problems
            for column in (c for c in COUNTED[target.kind] if c in parquet.schema_arrow.names):
                counted = pc.value_counts(parquet.read(columns=[column]).column(column)).to_pylist()
                found.counts[column] = Counter({str(c["values"]): c["counts"] for c in counted})
            found.counts["input"] = _input_counts(parquet, INPUT_URI[target.kind])
        if not problems and part.stop > part.start:
            flatten = VIEWS[target.kind]
            batches = parquet.iter_batches(batch_size=4096, row_groups=range(part.start, part.stop))
            found.view = pa.concat_tables([flatten(pa.Table.from_batches([batch])) for batch in batches])
    except Exception as exc:  # noqa: BLE001 - an unreadable file or a checker bug: a validator error, never a pass
        found.error = f"{target.label}: {type(exc).__name__}: {exc}"
    return found


class ShardPool:
    """Part views in order, computed at most `2 x workers` ahead.

    Used as a context manager: entering submits the first shards, so whatever the caller does
    next (importing Great Expectations) overlaps with the reading.
    """

    def __init__(self, parts: list[Part], workers: int) -> None:
        self._parts = iter(parts)
        self._workers = min(workers or os.cpu_count() or 1, len(parts))
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque[Future[ShardView]] = deque()

    def __enter__(self) -> Self:
        if self._workers > 1:
            self._pool = ProcessPoolExecutor(max_workers=self._workers, initializer=die_with_parent,
                                             initargs=(os.getpid(),))
            self._submit(2 * self._workers)
        return self

    def _submit(self, count: int) -> None:
        assert self._pool is not None
        for part in self._parts:
            self._pending.append(self._pool.submit(inspect_part, part))
            count -= 1
            if count == 0:
                return

    def __iter__(self) -> Iterator[ShardView]:
        if self._pool is None:
            yield from (inspect_part(part) for part in self._parts)
            return
        while self._pending:
            shard = self._pending.popleft().result()
            self._submit(1)
            yield shard

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
