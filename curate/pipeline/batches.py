"""The tasks the executor runs on batches of documents, returning Arrow tables.

`prepare_batch` is the corpus pass's unit (it stores the prepared documents and returns what the
corpus pass counts: publishers, line keys, ids, and reject rows); `process_prepared` is the
document pass's (it stores the article rows, cast to the schema, and the reject rows, and returns
what the decisions over the whole corpus need of the kept ones); the finishing pass
(`curate.pipeline.finish`) applies those decisions; `merge_rejects` puts the parent's duplicate
rejects among a batch's rejects. All are module-level functions of (job,
state) so any executor can ship them to worker processes, and every table is built there: the
parent only counts, slices and writes. Both passes keep their output as checkpoints named by the
content of the batch (`curate.pipeline.checkpoints`), and take a finished one instead of
computing it again: that is how a killed build resumes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from typing import Any, cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curate.dedup import signatures
from curate.document import RawDoc
from curate.errors import StoreError
from curate.executor.ipc import ArrowFields
from curate.pipeline.checkpoints import Checkpoints, batch_key
from curate.pipeline.document import PipelineContext, prepare_one, process
from curate.pipeline.fit import fit_rows
from curate.pipeline.prepare import Prepared
from curate.readers.records import JsonLine
from curate.schema import load_schema
from curate.templates import NAME as TEMPLATES
from curate.templates import TemplateTable, line_keys
from curate.templates.table import UNKNOWN_SOURCE
from curate.timing import DEDUP, ROWS, timed, timed_as


@dataclass
class PreparedBatch(ArrowFields):
    """What the corpus pass hands the parent: no document text, which waits in the checkpoint
    `key` names. Per prepared document (in batch order): publisher, template line keys, id, input
    uri, and its place in input order when that is not the order of the stream (a rebuild)."""

    key: str
    publishers: list[str | None]
    keys: list[set[int]]
    ids: list[str]
    uris: list[str]
    rejects: pa.Table | None  # None when there are none
    order: list[int] | None = None
    reused: bool = False  # taken from a checkpoint rather than computed

    @property
    def prepared(self) -> int:
        return len(self.publishers)

    @property
    def documents(self) -> int:
        return self.prepared + (self.rejects.num_rows if self.rejects is not None else 0)


@dataclass
class AnnotatedBatch:
    """What the document pass hands the parent for the decisions over the whole corpus: of each
    kept row, in input order, its position in the batch, id, input uri, text length, quality
    score (`curate.pipeline.near_duplicates`), content hash, split, and its MinHash signature
    when `[dedup]` is on; the rows wait in the checkpoint `key` names."""

    key: str
    documents: int
    positions: list[int]
    ids: list[str]
    uris: list[str]
    lengths: list[int]
    scores: list[float]
    hashes: list[str]
    splits: list[str]
    titles: list[int]  # headline keys (`headline_key`), 0 for none
    signatures: np.ndarray | None = None
    reused: bool = False


@dataclass
class BatchResult(ArrowFields):
    """Kept rows by split (split in the worker, so the parent only writes), and reject rows; each
    with its document's position in the batch, so the parent can visit them in input order."""

    kept: dict[str, pa.Table]
    kept_positions: dict[str, list[int]]
    rejects: pa.Table
    reject_positions: list[int]
    reused: bool = field(default=False, compare=False)

    @property
    def documents(self) -> int:
        return int(sum(t.num_rows for t in self.kept.values()) + self.rejects.num_rows)


def store_prepared(checkpoints: Checkpoints, key: str, prepared: list[Prepared], rejects: list[dict[str, Any]],
                   ctx: PipelineContext, order: list[int] | None = None) -> PreparedBatch:
    """Checkpoint `prepared` under `key` and summarize it for the corpus pass."""
    templates = ctx.config.templates
    batch = PreparedBatch(
        key,
        [doc.publisher for doc in prepared],
        [timed(TEMPLATES, line_keys, doc.document, templates.max_line_chars) if templates.enabled else set()
         for doc in prepared],
        [doc.doc_id for doc in prepared],
        [doc.input_uri for doc in prepared],
        rejects_table(rejects) if rejects else None,
        order,
    )
    checkpoints.save("prepare", key, "documents", prepared)
    checkpoints.save("prepare", key, "summary", batch)  # last: its presence marks the batch done
    return batch


def _finished(checkpoints: Checkpoints, stage: str, key: str) -> Any | None:
    """A checkpoint's content, or None when there is none or it cannot be read (then it goes)."""
    if not checkpoints.exists(stage, key, "summary"):
        return None
    try:
        done = checkpoints.load(stage, key, "summary")
    except Exception:  # noqa: BLE001 - a torn or foreign file: recompute rather than fail
        checkpoints.discard(stage, key)
        return None
    done.reused = True
    return done


def prepare_batch(job: tuple[Checkpoints, list[RawDoc | JsonLine]], ctx: PipelineContext) -> PreparedBatch:
    checkpoints, docs = job
    key = batch_key(ctx.run_key, docs)
    if (done := _finished(checkpoints, "prepare", key)) is not None:
        return cast(PreparedBatch, done)
    prepared, rejects = [], []
    for doc in docs:
        result = prepare_one(doc, ctx)
        if isinstance(result, Prepared):
            prepared.append(result)
        else:
            rejects.append(result)
    return store_prepared(checkpoints, key, prepared, rejects, ctx)


@cache
def _empty(schema_id: str) -> pa.Table:
    # Not Schema.empty_table(): it imports pandas, 0.35 s in every fresh worker.
    return pa.Table.from_pylist([], schema=load_schema(schema_id).arrow())


@timed_as(ROWS)
def rejects_table(rows: list[dict[str, Any]]) -> pa.Table:
    # Most batches have no rejects: build their empty table once.
    return pa.Table.from_pylist(rows, schema=load_schema("reject").arrow()) if rows else _empty("reject")


def templates_for(table: TemplateTable, publishers: set[str | None]) -> TemplateTable:
    """The part of `table` a batch of these publishers' documents needs (what is sent with it)."""
    sources = {publisher or UNKNOWN_SOURCE for publisher in publishers}
    return TemplateTable({source: table.templates[source] for source in sources if source in table.templates})


def _stored(checkpoints: Checkpoints, stage: str, key: str, kind: str, what: str) -> Any:
    """What a finished batch left in its checkpoint; a file a machine crash tore is removed and the
    build asked for again (the batch is then redone)."""
    try:
        return checkpoints.load(stage, key, kind)
    except Exception as exc:  # torn by a crash of the machine, not of the build
        checkpoints.discard(stage, key)
        raise StoreError(f"the {what} of batch {key[:12]} in {checkpoints.folder} could not be read "
                         f"({type(exc).__name__}); they were removed: run the build again") from exc


def prepared_documents(checkpoints: Checkpoints, key: str) -> list[Prepared]:
    docs: list[Prepared] = _stored(checkpoints, "prepare", key, "documents", "prepared documents")
    return docs


def process_prepared(job: tuple[Checkpoints, str, TemplateTable, dict[int, str]],
                     ctx: PipelineContext) -> AnnotatedBatch:
    """The document pass over one prepared batch, with its sources' template lines and the
    documents of the batch that another record of the same id supersedes (position -> the input
    uri of the one kept)."""
    checkpoints, prepared_key, table, superseded = job
    key = batch_key(ctx.run_key, (), prepared_key, sorted(table.templates.items()), sorted(superseded.items()))
    if (done := _finished(checkpoints, "annotate", key)) is not None:
        return cast(AnnotatedBatch, done)
    docs = prepared_documents(checkpoints, prepared_key)
    kept: dict[str, tuple[list[dict[str, Any]], list[Prepared], list[int]]] = {}
    rejects: list[tuple[int, dict[str, Any]]] = []
    for position, doc in enumerate(docs):
        outcome, row = process(doc, ctx, table.of(doc.publisher), superseded.get(position))
        if outcome == "kept":
            rows, sources, positions = kept.setdefault(row["split"], ([], [], []))
            rows.append(row)
            sources.append(doc)
            positions.append(position)
        else:
            rejects.append((position, row))
    kept_tables = {split: fit_rows(rows, sources, positions, rejects)
                   for split, (rows, sources, positions) in sorted(kept.items())}
    rejects.sort(key=lambda item: item[0])
    result = BatchResult(kept_tables, {split: positions for split, (_, _, positions) in sorted(kept.items())},
                         rejects_table([row for _, row in rejects]), [position for position, _ in rejects])
    checkpoints.save("annotate", key, "rows", result)
    summary = _summary(key, result, ctx)
    checkpoints.save("annotate", key, "summary", summary)  # last: its presence marks the batch done
    return summary


_SITE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+")  # "Headline | Site", "Headline - Site"
_KICKER = re.compile(r"^\s*(?:\w+\W*){1,3}?:\s+")  # "UPDATED: ", "Live: ", "Brexit: "


def headline_key(title: str | None) -> int:
    """64 bits of a headline's words, 0 for a headline of fewer than 3: two documents with one key
    tell the same story (split groups, `curate.pipeline.near_duplicates`). What a republication
    changes is folded: case, punctuation and spacing, a site name after `|` or a dash (the
    longest part is the headline), a kicker of up to three words before a colon."""
    parts = _SITE_SUFFIX.split(unicodedata.normalize("NFKC", title or ""))
    headline = max(parts, key=len)
    words = re.findall(r"\w+", _KICKER.sub("", headline, count=1).casefold())
    if len(words) < 3:
        return 0
    return int.from_bytes(hashlib.sha256(" ".join(words).encode()).digest()[:8], "little") or 1


def _quality_score(quality: dict[str, Any], boilerplate_ratio: float) -> float:
    """Higher for less repetition and boilerplate: how `[dedup] keep = "best_quality"` ranks a
    cluster's members."""
    return -float(quality["duplicate_5gram_ratio"] + quality["duplicate_paragraph_ratio"] + boilerplate_ratio)


@timed_as(DEDUP)
def _summary(key: str, result: BatchResult, ctx: PipelineContext) -> AnnotatedBatch:
    """The kept rows of `result` in input order, and their signatures when `[dedup]` is on."""
    rows = sorted((position, split, index) for split, table in result.kept.items()
                  for index, position in enumerate(result.kept_positions[split]))
    columns = {split: {"id": table.column("id").to_pylist(),
                       "uri": pc.struct_field(table.column("source"), "input_uri").to_pylist(),
                       "text": table.column("text").to_pylist(),
                       "hash": table.column("content_hash").to_pylist(),
                       "quality": table.column("quality").to_pylist(),
                       "ratio": table.column("boilerplate_ratio").to_pylist(),
                       "title": table.column("title").to_pylist()}
               for split, table in result.kept.items()}
    picked = [(split, columns[split], index) for _, split, index in rows]
    texts = [column["text"][index] for _, column, index in picked]
    dedup = ctx.config.dedup
    return AnnotatedBatch(
        key, result.documents,
        positions=[position for position, _, _ in rows],
        ids=[column["id"][index] for _, column, index in picked],
        uris=[column["uri"][index] for _, column, index in picked],
        lengths=[len(text) for text in texts],
        scores=[_quality_score(column["quality"][index], column["ratio"][index]) for _, column, index in picked],
        hashes=[column["hash"][index] for _, column, index in picked],
        splits=[split for split, _, _ in picked],
        titles=[headline_key(column["title"][index]) for _, column, index in picked],
        signatures=signatures(texts, dedup.params()) if dedup.enabled else None,
    )


def annotated_rows(checkpoints: Checkpoints, key: str) -> BatchResult:
    """The rows the document pass stored for batch `key`."""
    rows: BatchResult = _stored(checkpoints, "annotate", key, "rows", "rows")
    return rows


@timed_as(DEDUP)
def merge_rejects(job: tuple[pa.Table, list[int], list[tuple[int, dict[str, Any]]]], _ctx: PipelineContext) -> pa.Table:
    """A batch's reject table with more reject rows put in at their positions (input order)."""
    table, positions, more = job
    rows = sorted([*zip(positions, table.to_pylist()), *more], key=lambda item: item[0])
    return rejects_table([row for _, row in rows])
