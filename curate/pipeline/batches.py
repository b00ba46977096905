"""The tasks the executor runs on batches of documents, returning Arrow tables.

`prepare_batch` is the corpus pass's unit (it spills the prepared documents and returns their
publishers and line keys for the template count, and reject rows); `process_spilled` is the
document pass's (article rows cast to the schema, and reject rows); `merge_rejects` puts the
parent's duplicate rejects among a batch's rejects. All are module-level functions of (job,
state) so any executor can ship them to worker processes, and every table is built there: the
parent only counts, slices and writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pyarrow as pa

from curate.document import RawDoc
from curate.executor.ipc import ArrowFields
from curate.executor.spill import take_batch, write_batch
from curate.pipeline.document import PipelineContext, prepare_one, process
from curate.pipeline.rejects import Evidence, reject_row
from curate.pipeline.prepare import Prepared
from curate.readers.records import JsonLine
from curate.schema import load_schema
from curate.templates import TemplateTable, line_keys
from curate.templates.table import UNKNOWN_SOURCE

_CAST_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError)


@dataclass
class PreparedBatch(ArrowFields):
    """What the corpus pass hands the parent: no document text, which waits in `spill`."""

    spill: Path | None  # None when every document of the batch was rejected
    publishers: list[str | None]
    keys: list[set[int]]
    rejects: pa.Table | None  # None when there are none

    @property
    def documents(self) -> int:
        return len(self.publishers) + (self.rejects.num_rows if self.rejects is not None else 0)


@dataclass
class BatchResult(ArrowFields):
    """Kept rows by split (split in the worker, so the parent only writes), and reject rows; each
    with its document's position in the batch, so the parent can visit them in input order."""

    kept: dict[str, pa.Table]
    kept_positions: dict[str, list[int]]
    rejects: pa.Table
    reject_positions: list[int]

    @property
    def documents(self) -> int:
        return sum(t.num_rows for t in self.kept.values()) + self.rejects.num_rows


def spill_prepared(path: Path, prepared: list[Prepared], rejects: list[dict[str, Any]],
                   ctx: PipelineContext) -> PreparedBatch:
    """Write `prepared` to `path` and summarize it for the template count."""
    templates = ctx.config.templates
    keys = [line_keys(doc.document, templates.max_line_chars) if templates.enabled else set() for doc in prepared]
    if prepared:
        write_batch(path, prepared)
    return PreparedBatch(path if prepared else None, [doc.publisher for doc in prepared], keys,
                         rejects_table(rejects) if rejects else None)


def prepare_batch(job: tuple[Path, list[RawDoc | JsonLine]], ctx: PipelineContext) -> PreparedBatch:
    path, docs = job
    prepared, rejects = [], []
    for doc in docs:
        result = prepare_one(doc, ctx)
        if isinstance(result, Prepared):
            prepared.append(result)
        else:
            rejects.append(result)
    return spill_prepared(path, prepared, rejects, ctx)


def _to_table(rows: list[dict[str, Any]], docs: list[Prepared], positions: list[int],
              rejects: list[tuple[int, dict[str, Any]]]) -> pa.Table:
    """Cast rows to the article schema; a row that does not fit goes to `rejects` instead (and
    its position out of `positions`)."""
    schema = load_schema("article").arrow()
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except _CAST_ERRORS:
        good, kept_positions = [], []
        for row, doc, position in zip(rows, docs, positions):
            try:
                pa.Table.from_pylist([row], schema=schema)
                good.append(row)
                kept_positions.append(position)
            except _CAST_ERRORS as exc:
                rejects.append((position, reject_row(
                    Evidence.prepared(doc, row.get("id")), reason="write_schema_mismatch", stage="write",
                    error_type=type(exc).__name__, message=f"{doc.input_uri}: row does not fit the schema: {exc}")))
        positions[:] = kept_positions
        return pa.Table.from_pylist(good, schema=schema)


@cache
def _empty(schema_id: str) -> pa.Table:
    # Not Schema.empty_table(): it imports pandas, 0.35 s in every fresh worker.
    return pa.Table.from_pylist([], schema=load_schema(schema_id).arrow())


def rejects_table(rows: list[dict[str, Any]]) -> pa.Table:
    # Most batches have no rejects: build their empty table once.
    return pa.Table.from_pylist(rows, schema=load_schema("reject").arrow()) if rows else _empty("reject")


def templates_for(table: TemplateTable, publishers: set[str | None]) -> TemplateTable:
    """The part of `table` a batch of these publishers' documents needs (what is sent with it)."""
    sources = {publisher or UNKNOWN_SOURCE for publisher in publishers}
    return TemplateTable({source: table.templates[source] for source in sources if source in table.templates})


def process_spilled(job: tuple[Path, TemplateTable], ctx: PipelineContext) -> BatchResult:
    """The document pass over one spilled batch, with its sources' template lines."""
    path, table = job
    docs: list[Prepared] = take_batch(path)
    kept: dict[str, tuple[list[dict[str, Any]], list[Prepared], list[int]]] = {}
    rejects: list[tuple[int, dict[str, Any]]] = []
    for position, doc in enumerate(docs):
        outcome, row = process(doc, ctx, table.of(doc.publisher))
        if outcome == "kept":
            rows, sources, positions = kept.setdefault(row["split"], ([], [], []))
            rows.append(row)
            sources.append(doc)
            positions.append(position)
        else:
            rejects.append((position, row))
    kept_tables = {split: _to_table(rows, sources, positions, rejects)
                   for split, (rows, sources, positions) in sorted(kept.items())}
    rejects.sort(key=lambda item: item[0])
    return BatchResult(kept_tables, {split: positions for split, (_, _, positions) in sorted(kept.items())},
                       rejects_table([row for _, row in rejects]), [position for position, _ in rejects])


def merge_rejects(job: tuple[pa.Table, list[int], list[tuple[int, dict[str, Any]]]], _ctx: PipelineContext) -> pa.Table:
    """A batch's reject table with more reject rows put in at their positions (input order)."""
    table, positions, more = job
    rows = sorted([*zip(positions, table.to_pylist()), *more], key=lambda item: item[0])
    return rejects_table([row for _, row in rows])
