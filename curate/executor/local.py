"""The local executor: a process pool over batches of documents, streaming and ordered.

Reading stays in the parent (it is cheap and keeps record order); workers run the pipeline and
return Arrow tables cast to the schema. At most `2 x workers` batches are in flight, so memory
does not grow with the corpus, and results come back in submission order, so the output does
not depend on the number of workers.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice

import pyarrow as pa

from curate.document import RawDoc
from curate.pipeline.document import PipelineContext, process, reject_row
from curate.schema import load_schema


@dataclass
class BatchResult:
    kept: pa.Table
    rejects: pa.Table
    reasons: dict[str, int] = field(default_factory=dict)

    @property
    def documents(self) -> int:
        return self.kept.num_rows + self.rejects.num_rows


def _to_table(rows: list[dict], schema: pa.Schema, docs: list[RawDoc],
              rejects: list[dict]) -> pa.Table:
    """Cast rows to the schema; a row that does not fit goes to `rejects` instead."""
    try:
        return pa.Table.from_pylist(rows, schema=schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        good = []
        for row, doc in zip(rows, docs):
            try:
                pa.Table.from_pylist([row], schema=schema)
                good.append(row)
            except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
                rejects.append(reject_row(doc, status="rejected", reason="write_schema_mismatch", stage="write",
                                          error_type=type(exc).__name__, doc_id=row.get("id"),
                                          message=f"{doc.input_uri}: row does not fit the schema: {exc}"))
        return pa.Table.from_pylist(good, schema=schema)


def process_batch(docs: list[RawDoc], ctx: PipelineContext) -> BatchResult:
    article = load_schema("article").arrow()
    reject_schema = load_schema("reject").arrow()
    kept, kept_docs, rejects = [], [], []
    for doc in docs:
        outcome, row = process(doc, ctx)
        if outcome == "kept":
            kept.append(row)
            kept_docs.append(doc)
        else:
            rejects.append(row)
    kept_table = _to_table(kept, article, kept_docs, rejects)
    reasons: dict[str, int] = {}
    for row in rejects:
        reasons[row["reason"]] = reasons.get(row["reason"], 0) + 1
    return BatchResult(kept_table, pa.Table.from_pylist(rejects, schema=reject_schema), reasons)


_WORKER_CONTEXT: PipelineContext | None = None


def _init_worker(ctx: PipelineContext) -> None:
    global _WORKER_CONTEXT
    _WORKER_CONTEXT = ctx


def _run_in_worker(docs: list[RawDoc]) -> BatchResult:
    assert _WORKER_CONTEXT is not None, "worker was not initialised"
    return process_batch(docs, _WORKER_CONTEXT)


def _batches(docs: Iterable[RawDoc], size: int) -> Iterator[list[RawDoc]]:
    iterator = iter(docs)
    while batch := list(islice(iterator, size)):
        yield batch


def worker_count(requested: int) -> int:
    return requested or os.cpu_count() or 1


def run_local(docs: Iterable[RawDoc], ctx: PipelineContext, workers: int, batch_size: int) -> Iterator[BatchResult]:
    """Results batch by batch, in input order; `workers <= 1` runs in this process."""
    workers = worker_count(workers)
    if workers <= 1:
        for batch in _batches(docs, batch_size):
            yield process_batch(batch, ctx)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(ctx,)) as pool:
        pending: deque[Future[BatchResult]] = deque()
        for batch in _batches(docs, batch_size):
            pending.append(pool.submit(_run_in_worker, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
