"""`curate build`: inputs in, one new immutable version out.

Every document read is accounted for: kept (a row in `data/`), dropped by a policy rule or
rejected by an error (a row in `rejects/`). The readers' documents are counted per input file as
they are read (each `inputs` entry's `documents`, and records that hold no document by kind in
`not_documents`); `read` is their sum, and the gate checks it against the rows: read = kept +
dropped + rejected, and per input file, its count = its rows.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from curate import __version__
from curate.config import Config
from curate.errors import DocumentError, InputError
from curate.executor import open_executor
from curate.pipeline.batches import PreparedBatch, merge_rejects, prepare_batch, process_prepared, templates_for
from curate.pipeline.checkpoints import FOLDER as CHECKPOINTS
from curate.pipeline.checkpoints import Checkpoints
from curate.pipeline.dedup import ExactDuplicates
from curate.pipeline.document import PipelineContext
from curate.pipeline.duplicate_ids import IdLedger
from curate.pipeline.finish import Decisions, finish_batch
from curate.pipeline.near_duplicates import Deciding, NearDuplicates, Reference
from curate.pipeline.reading import InputBatches
from curate.pipeline.references import open_reference
from curate.pipeline.references import recorded as recorded_references
from curate.readers import HF_PREFIX, InputFile, discover
from curate.readers.files import sha256_and_size
from curate.schema import load_schema
from curate.store import Store
from curate.store.manifest import MANIFEST, Manifest, file_sha256, write_manifest
from curate.store.writer import ShardWriter
from curate.templates import NAME as TEMPLATES
from curate.templates import TemplateCounter, TemplateTable
from curate.templates.table import UNKNOWN_SOURCE
from curate.timing import timed

if TYPE_CHECKING:
    from curate.executor import Executor

SPLITS = ("train", "validation", "test")
CLUSTERS = "clusters.parquet"
_DEDUP_SCRATCH = ".dedup"  # the index's runs and signatures while the build runs
# The executor's own folder, removed when the build ends: a Ray the build started spills its
# object store here, local workers leave their results here.
_SCRATCH = ".executor"
_SIGNATURE_ROWS = 10_000_000  # signatures a file: one file for most versions
References = tuple[Store, list[dict[str, Any]]]


def _near_duplicates(config: Config, staging: Path, references: list[Reference]) -> NearDuplicates | None:
    if not config.dedup.enabled:
        return None
    near = NearDuplicates(config.dedup, config.splits, staging / _DEDUP_SCRATCH,
                          keep_exact_copies=not config.policy.drop_exact_duplicates)
    for reference in references:
        near.add_reference(reference)
    return near


def _dedup_files(staging: Path, shards: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [{"kind": kind, **shard, "path": f"dedup/{shard['path']}"} for shard in shards]


@dataclass(frozen=True)
class BuildResult:
    path: Path
    manifest: dict[str, Any]


def _files(folder: Path) -> list[Path]:
    """The files of a folder input, links to files followed, sorted (discovery vetted them)."""
    return sorted(Path(parent, name) for parent, _, names in os.walk(folder) for name in names
                  if Path(parent, name).is_file())


def input_entries(inputs: list[InputFile]) -> list[dict[str, Any]]:
    """uri, reader, bytes and sha256 of each input (of a folder input: over its files' sha256s),
    each file read through the readers' `open_input` (a regular file, or no hash)."""
    entries = []
    for item in inputs:
        digest, size = hashlib.sha256(), 0
        for path in _files(item.path) if item.reader == "hf" else [item.path]:
            try:
                sha, length = sha256_and_size(path.resolve(), item.uri)
            except DocumentError:  # unreadable: the reader rejects it, with the reason
                sha, length = "unreadable", 0
            digest.update(sha.encode())
            size += length
        entries.append({"uri": item.uri, "reader": item.reader, "bytes": size, "sha256": digest.hexdigest()})
    return entries


def inputs_hash(entries: list[dict[str, Any]]) -> str:
    """The hash of what the inputs are (uri, reader, size, sha256), not of what was read from them."""
    identity = [{key: entry[key] for key in ("uri", "reader", "bytes", "sha256")} for entry in entries]
    return hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()


def input_root(path: Path) -> str:
    """An input as given, made absolute: where `curate reproduce` reads it again (not hashed)."""
    text = str(path)
    if text.startswith(HF_PREFIX):
        return HF_PREFIX + str(Path(text[len(HF_PREFIX):]).resolve())
    return str(path.resolve())


class _Rejects:
    """The rejects shard writer and its counts: every reject table goes through `add`, once, in
    input order; a table still being made (a `Future`) holds back the ones after it."""

    def __init__(self, writer: ShardWriter) -> None:
        self.writer = writer
        self.by_status: Counter[str] = Counter()
        self.by_reason: Counter[str] = Counter()
        self._pending: deque[pa.Table | Future[pa.Table]] = deque()

    def add(self, table: pa.Table | Future[pa.Table] | None) -> None:
        if table is not None:
            self._pending.append(table)
        self._write(wait=False)

    def _write(self, wait: bool) -> None:
        while self._pending:
            head = self._pending[0]
            if isinstance(head, Future):
                if not (wait or head.done()):
                    return
                head = head.result()
            self._pending.popleft()
            if head.num_rows:
                self.writer.write(head)
                self.by_status.update(head.column("status").to_pylist())
                self.by_reason.update(head.column("reason").to_pylist())

    def finish(self) -> None:
        self._write(wait=True)


def build(inputs: list[Path], name: str, config: Config, *, store: Store, version: str | None = None,
          on_progress: Callable[[str, int], None] | None = None, resume: bool = True,
          references: References | None = None) -> BuildResult:
    """Build a new version of `name` from `inputs` and move it into the store whole.

    Two passes over the documents: the corpus pass prepares every document (extract, normalize,
    publisher) and counts each source's repeated lines; the document pass annotates the prepared
    documents with the resulting template table. `on_progress(pass, documents)` reports both
    and the writing (`prepare`, `annotate`, `finish`; `prepare_rejected`: of the corpus pass's
    documents, those rejected while read, which the later passes never see).
    A build of the same inputs that was killed or crashed is resumed (`resume`, see `write_version`).
    """
    files, skipped = discover(inputs)
    if not files:
        shown = "; ".join(skipped[:3]) + (f"; and {len(skipped) - 3} more" if len(skipped) > 3 else "")
        raise InputError(f"no input file to read in {', '.join(map(str, inputs))}"
                         + (f": {len(skipped)} skipped ({shown})" if skipped else ": it is empty"))
    ctx = PipelineContext.create(config)
    entries = input_entries(files)

    def prepare(checkpoints: Checkpoints, executor: Executor) -> Iterator[PreparedBatch]:
        """The prepared batches, each input's entry counting what was read of it (`documents`,
        and `not_documents` by kind for the records that hold none, which go no further)."""
        for entry in entries:
            entry["documents"], entry["not_documents"] = 0, {}
        source = InputBatches(tuple(files), config.readers, config.executor.batch_size, config.executor.batch_bytes,
                              checkpoints)
        for batch, counts in executor.map_source(prepare_batch, source):
            for index, (documents, kinds) in counts.items():
                entry = entries[index]
                entry["documents"] += documents
                entry["not_documents"] = dict(Counter(entry["not_documents"]) + Counter(kinds))
            if batch is not None:
                yield batch

    sources = {"inputs": entries, "input_roots": [input_root(p) for p in inputs], "skipped_inputs": skipped}
    return write_version(name, ctx, prepare, sources, store=store, version=version, on_progress=on_progress,
                         resume=resume, references=references)


class _CorpusPass:
    """What the parent keeps of the corpus pass: each source's repeated lines, every document's
    id, and the batches to annotate (checkpoint key and publishers)."""

    def __init__(self, config: Config, scratch: Path) -> None:
        self.config = config
        self.counter = TemplateCounter(config.templates.min_share, config.templates.min_docs)
        self.ids = IdLedger(scratch / "uris")
        self.batches: list[tuple[int, str, set[str | None]]] = []  # (batch number, key, publishers)
        self.reused = 0

    def add(self, batch: PreparedBatch) -> None:
        for publisher, keys in zip(batch.publishers, batch.keys):
            timed(TEMPLATES, self.counter.add, publisher or UNKNOWN_SOURCE, keys)
        number = self.ids.batches
        self.ids.add(batch.ids, batch.uris, batch.order)
        if batch.prepared:
            self.batches.append((number, batch.key, set(batch.publishers)))
        self.reused += batch.reused

    def jobs(self, checkpoints: Checkpoints, table: TemplateTable,
             ) -> Iterator[tuple[Checkpoints, str, TemplateTable, dict[int, str]]]:
        """The document pass's jobs: each batch with its template lines and superseded records."""
        superseded = self.ids.superseded(self.config.policy.keep_duplicate_id)
        self.ids.close()
        for number, key, publishers in self.batches:
            yield checkpoints, key, templates_for(table, publishers), superseded.get(number, {})

    def templates(self) -> TemplateTable:
        return timed(TEMPLATES, self.counter.table) if self.config.templates.enabled else TemplateTable()


def write_version(name: str, ctx: PipelineContext,
                  prepare: Callable[[Checkpoints, Executor], Iterable[PreparedBatch]],
                  sources: dict[str, Any], *, store: Store, version: str | None = None,
                  on_progress: Callable[[str, int], None] | None = None, resume: bool = True,
                  references: References | None = None) -> BuildResult:
    """The corpus pass (`prepare` yields prepared batches, made on the executor if it likes),
    then the document pass, into a new version of `name`, under the dataset's lock. `sources`
    (inputs, their hashes, skipped files) goes into the manifest.

    With `resume`, batches an interrupted build of the same documents finished are taken from its
    checkpoints (`curate.pipeline.checkpoints`); without, those are discarded first. They are
    removed once the version is committed. Near-duplicates are also looked for in the versions
    `[dedup]` names (the parent, `against`), or in `references` when given: the store they are in
    and which (what `curate reproduce` passes, as the version recorded them).
    """
    with store.lock(name, "build"):
        folder = store.dataset(name) / CHECKPOINTS
        if not resume:
            shutil.rmtree(folder, ignore_errors=True)
        checkpoints = Checkpoints(folder)
        result = _write_version(name, ctx, prepare, sources, store, version, on_progress, checkpoints, references)
        checkpoints.clear()
        return result


def _write_version(name: str, ctx: PipelineContext,
                   prepare: Callable[[Checkpoints, Executor], Iterable[PreparedBatch]],
                   sources: dict[str, Any], store: Store, version: str | None,
                   on_progress: Callable[[str, int], None] | None, checkpoints: Checkpoints,
                   references: References | None) -> BuildResult:
    config = ctx.config
    progress = on_progress or (lambda _pass, _n: None)
    parent = store.latest(name)
    auto = version == "auto"  # numbered from the diff against the parent, once the shards exist
    version = store.next_version(name) if auto or version is None else version
    staging = store.stage(name, version)
    article, reject = load_schema("article"), load_schema("reject")
    (staging / "data").mkdir()
    (staging / "rejects").mkdir()
    max_rows = config.executor.shard_max_rows
    writers = {split: ShardWriter(staging / "data", split, article.arrow(), max_rows, ("text",), cut_by="id")
               for split in SPLITS}
    rejects = _Rejects(ShardWriter(staging / "rejects", "rejects", reject.arrow(), max_rows, ("raw", "row_json")))
    by_split: Counter[str] = Counter()
    corpus = _CorpusPass(config, staging)
    duplicates = ExactDuplicates() if config.policy.drop_exact_duplicates else None
    reused = 0
    where, compared = references or (store, recorded_references(config.dedup, store, name, parent))
    near = _near_duplicates(config, staging, [open_reference(where, entry, config) for entry in compared])
    signature_writer = ShardWriter(staging / "dedup", "signatures", load_schema("signature").arrow(),
                                   _SIGNATURE_ROWS) if near else None
    with open_executor(config.executor, ctx, store.dataset(name) / _SCRATCH) as executor:
        for batch in prepare(checkpoints, executor):
            corpus.add(batch)
            rejects.add(batch.rejects)
            progress("prepare", batch.documents)
            if batch.documents > batch.prepared:  # rejected while read: they go no further
                progress("prepare_rejected", batch.documents - batch.prepared)
        table = corpus.templates()
        annotated: list[str] = []
        for summary in executor.map(process_prepared, corpus.jobs(checkpoints, table)):
            if near is not None:
                near.add(len(annotated), summary)
            annotated.append(summary.key)
            reused += summary.reused
            progress("annotate", summary.documents)
        deciding: Deciding | None = None
        dedup: dict[str, Any] = {"enabled": False}
        if near is not None:
            deciding, dedup = near.decide(staging / "dedup" / CLUSTERS, executor.submit)
        jobs = ((checkpoints, key, deciding.batch(number) if deciding is not None else Decisions())
                for number, key in enumerate(annotated))  # decided as they are sent
        for number, result in enumerate(executor.map(finish_batch, jobs)):
            documents = result.documents
            repeats: list[tuple[int, dict[str, Any]]] = []
            if duplicates is not None:
                result, repeats = duplicates.split_off(result)
            for split, kept in result.kept.items():
                by_split[split] += kept.num_rows
                writers[split].write(kept)
            if near is not None and signature_writer is not None:
                signature_writer.write(near.kept_signatures(number, result))
            if repeats:  # their table is made in a worker: here it would cost a pandas import
                rejects.add(executor.submit(merge_rejects, (result.rejects, result.reject_positions, repeats)))
            else:
                rejects.add(result.rejects)
            progress("finish", documents)
        rejects.finish()
        if deciding is not None:
            dedup.update(deciding.summary())
    if near is not None and signature_writer is not None:
        near.close()
        shutil.rmtree(staging / _DEDUP_SCRATCH)
        dedup["references"] = compared
        dedup["files"] = [*_dedup_files(staging, signature_writer.close(), "signatures"),
                          {"kind": "clusters", "path": f"dedup/{CLUSTERS}",
                           "rows": pq.ParquetFile(staging / "dedup" / CLUSTERS).metadata.num_rows,
                           "sha256": file_sha256(staging / "dedup" / CLUSTERS)}]
    reject_files = [{**s, "path": f"rejects/{s['path']}"} for s in rejects.writer.close()]
    shards = []
    for split in SPLITS:
        for shard in writers[split].close():
            shards.append({"split": split, **shard, "path": f"data/{shard['path']}"})
    kept = sum(by_split.values())
    manifest: dict[str, Any] = {
        "name": name,
        "version": version,
        "parent": parent,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "pipeline_version": __version__,
        "stages": list(ctx.stages),
        "schema": {"name": article.name, "fingerprint": article.fingerprint},
        "reject_schema": {"name": reject.name, "fingerprint": reject.fingerprint},
        "config_hash": ctx.config_hash,
        "config": config.model_dump(mode="json"),
        "inputs_hash": inputs_hash(sources["inputs"]),
        **sources,
        "templates": table.summary(),
        "shards": shards,
        "rejects": reject_files,
        "accounting": {
            # what the readers yielded, counted per input as it was read (a rebuild's inputs carry
            # the counts of the build it comes from; a version built before they were counted has
            # none): the gate checks it against the rows
            "read": sum(entry.get("documents", 0) for entry in sources["inputs"]),
            "kept": kept,
            "dropped": rejects.by_status["dropped"],
            "rejected": rejects.by_status["rejected"],
            "by_split": {split: by_split[split] for split in SPLITS},
            "by_reason": dict(sorted(rejects.by_reason.items())),
            "not_documents": dict(sorted(sum((Counter(entry.get("not_documents", {})) for entry in sources["inputs"]),
                                             Counter()).items())),
        },
        "dedup": dedup,
        "resumed": {"prepared_batches": corpus.reused, "annotated_batches": reused},
        "validation": None,
    }
    if auto and parent is not None:
        from curate.versioning.naming import auto_version
        from curate.versioning.refs import VersionRef

        staged = VersionRef(staging, Manifest.parse(manifest, staging / MANIFEST))
        manifest["version_bump"] = auto_version(store, name, parent, staged)
        version = manifest["version"] = manifest["version_bump"]["version"]
    write_manifest(staging, manifest)
    return BuildResult(store.commit(staging, name, version), manifest)
