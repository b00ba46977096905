"""The two tasks the executor runs on batches of documents, returning Arrow-ready results.

`prepare_batch` is the corpus pass's unit (prepared documents, their line keys for the template
count, and reject rows); `process_batch` is the document pass's (article rows cast to the schema,
and reject rows). Both are module-level functions of (batch, state) so any executor can ship them
to worker processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pyarrow as pa

from curate.document import RawDoc
from curate.pipeline.document import PipelineContext, prepare_one, process, reject_row
from curate.pipeline.prepare import Prepared
from curate.schema import load_schema
from curate.templates import TemplateTable, line_keys

_CAST_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError)


@dataclass
class PreparedBatch:
    prepared: list[Prepared]
    keys: list[set[int]]
    rejects: list[dict[str, Any]]


@dataclass
class BatchResult:
    kept: pa.Table
    rejects: pa.Table
    reasons: dict[str, int] = field(default_factory=dict)


def prepare_batch(docs: list[RawDoc], ctx: PipelineContext) -> PreparedBatch:
    prepared, keys, rejects = [], [], []
    max_chars = ctx.config.templates.max_line_chars
    want_keys = ctx.config.templates.enabled
    for doc in docs:
        result = prepare_one(doc, ctx)
        if isinstance(result, Prepared):
            prepared.append(result)
            keys.append(line_keys(result.document, max_chars) if want_keys else set())
        else:
            rejects.append(result)
    return PreparedBatch(prepared, keys, rejects)


def _to_table(rows: list[dict[str, Any]], docs: list[Prepared], rejects: list[dict[str, Any]]) -> pa.Table:
    """Cast rows to the article schema; a row that does not fit goes to `rejects` instead."""
    schema = load_schema("article").arrow()
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except _CAST_ERRORS:
        good = []
        for row, doc in zip(rows, docs):
            try:
                pa.Table.from_pylist([row], schema=schema)
                good.append(row)
            except _CAST_ERRORS as exc:
                rejects.append(reject_row(input_uri=doc.input_uri, input_format=doc.input_format,
                                          input_sha256=doc.input_sha256, status="rejected",
                                          reason="write_schema_mismatch", stage="write",
                                          error_type=type(exc).__name__, doc_id=row.get("id"),
                                          message=f"{doc.input_uri}: row does not fit the schema: {exc}"))
        return pa.Table.from_pylist(good, schema=schema)


@cache
def _empty(schema_id: str) -> pa.Table:
    return load_schema(schema_id).arrow().empty_table()


def rejects_table(rows: list[dict[str, Any]]) -> pa.Table:
    # Most batches have no rejects, and pyarrow takes milliseconds to build an empty table.
    return pa.Table.from_pylist(rows, schema=load_schema("reject").arrow()) if rows else _empty("reject")


def process_batch(docs: list[Prepared], state: tuple[PipelineContext, TemplateTable]) -> BatchResult:
    ctx, table = state
    kept, kept_docs, rejects = [], [], []
    for doc in docs:
        outcome, row = process(doc, ctx, table.of(doc.publisher))
        if outcome == "kept":
            kept.append(row)
            kept_docs.append(doc)
        else:
            rejects.append(row)
    kept_table = _to_table(kept, kept_docs, rejects)
    reasons: dict[str, int] = {}
    for row in rejects:
        reasons[row["reason"]] = reasons.get(row["reason"], 0) + 1
    return BatchResult(kept_table, rejects_table(rejects), reasons)
