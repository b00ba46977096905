"""Near-duplicate decisions over one build: which member each cluster keeps, which it drops, and
the split every member takes.

The document pass sends, for each kept row, its MinHash signature (`curate.dedup`) and what a
decision needs (id, text length, a quality score, the content hash, the split its own id gives
it); the parent feeds the signatures to a `CandidateIndex` (bounded memory: spilled to disk) and,
once every document is in, turns the clusters into per-batch `Decisions` for the finishing pass
(`Deciding`: made as the finishing pass asks for each batch) and into `dedup/clusters.parquet`.

- **What is kept**: the first member in input order (`[dedup] keep`: or the longest, or the one
  with the least repetition and boilerplate). The others are dropped (`policy_near_duplicate`, or
  `policy_duplicate_content` when their text is the kept one's), unless `[dedup] drop` is false:
  then only exact copies go.
- **Reference documents** (the parent version, `[dedup] against`) join the index first, with the
  signatures their version stored. A new document in a cluster with a reference document is
  dropped as `policy_near_duplicate_of_reference`, unless it has the id of one of them: that is the
  same document again, and it is kept.
- **Splits**: a split group has one split, so near-copies cannot leak across splits. A group is a
  near-duplicate cluster joined with the documents of the same headline (`[dedup] split_by_title`:
  a short reprint can fall below the similarity threshold and still be the same story; a headline
  shared by more than `split_title_max` documents is a generic one, "Letters", and joins nothing).
  Its split is the one the parent version gave a member (a document keeps its split from one
  version to the next, also when its group gains a member with a smaller id or an earlier place:
  that member takes the group's split, not the other way round); for a group new to this version,
  the split of its smallest id, as a document alone has the split of its own id. A document of
  the parent keeps its split even when it is in no group now.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from curate.config import DedupConfig, SplitsConfig
from curate.dedup import CandidateIndex, Clusters
from curate.dedup.union_find import UnionFind
from curate.pipeline.batches import AnnotatedBatch, BatchResult
from curate.pipeline.finish import Decisions, Drop
from curate.pipeline.text_log import TextLog
from curate.schema import load_schema
from curate.signals.identity import assign_split
from curate.timing import DEDUP, timed_as

SPLIT_CODES = ("train", "validation", "test")
_FLUSH_ROWS = 8_192  # cluster rows collected as Python objects before a worker makes them a table
_TABLES_AHEAD = 2  # tables being made while the next rows are collected
_ID_BYTES = 16  # a document id is 32 hex digits (`identity.document_id`)
Submit = Callable[[Callable[..., pa.Table], dict[str, list[Any]]], "Future[pa.Table]"]
"""An executor's `submit`, for the tables of the cluster file."""


def _key(doc_id: str) -> int:
    """The first 64 bits of an id (32 hex digits of sha256): enough to tell 10 million ids apart."""
    return int(doc_id[:16], 16)


@dataclass
class Reference:
    """Documents of a stored version a build is compared with: `signatures` (id, split,
    signature) when the version stored them with the same parameters; `splits_only` (id, split)
    from its shards when it did not, so that its documents still keep their split."""

    label: str
    inherit_splits: bool  # the parent version: its documents keep their split
    signatures: list[pq.ParquetFile] | None = None
    splits_only: pa.Table | None = None
    note: str | None = None


@dataclass
class _Members:
    """Per document of the build, in input order (index = doc - references)."""

    ids: array[int] = field(default_factory=lambda: array("Q"))  # 64-bit id keys
    id_bytes: bytearray = field(default_factory=bytearray)  # the whole ids, 16 bytes each (not a str each)
    lengths: array[int] = field(default_factory=lambda: array("q"))
    scores: array[float] = field(default_factory=lambda: array("d"))
    hashes: array[int] = field(default_factory=lambda: array("Q"))  # 64-bit content hash keys
    titles: array[int] = field(default_factory=lambda: array("Q"))  # 64-bit headline keys, 0: none
    splits: array[int] = field(default_factory=lambda: array("b"))
    batch: array[int] = field(default_factory=lambda: array("i"))
    position: array[int] = field(default_factory=lambda: array("i"))

    def add_ids(self, ids: list[str]) -> None:
        for doc_id in ids:
            packed = bytes.fromhex(doc_id)
            if len(packed) != _ID_BYTES:
                raise ValueError(f"document id {doc_id!r} is not {2 * _ID_BYTES} hex digits")
            self.id_bytes += packed

    def full_id(self, doc: int) -> str:
        return self.id_bytes[doc * _ID_BYTES:(doc + 1) * _ID_BYTES].hex()


@dataclass
class _Dropped:
    """One batch's drops, in arrays until the batch is sent: a `Drop` object each is about 120
    bytes with its float (tracemalloc) and a dict entry; here 21 bytes. `kept`: the kept
    document's index in the build, or -1 - its index among the reference documents."""

    positions: array[int] = field(default_factory=lambda: array("i"))
    kept: array[int] = field(default_factory=lambda: array("q"))
    similarities: array[float] = field(default_factory=lambda: array("d"))
    exact: array[int] = field(default_factory=lambda: array("b"))
    splits: dict[int, str] = field(default_factory=dict)  # where the cluster's split is not the row's own


class Deciding:
    """The decisions, made cluster by cluster as the finishing pass asks for its batches: clusters
    come in the order of their smallest document, so once the next one starts in a later batch,
    no cluster left can touch batch `number`, and it is sent while the rest are decided (workers
    would wait for all of them otherwise). `summary()` decides what is left and closes the
    cluster file. A batch's drops are arrays until it is asked for (`_Dropped`)."""

    def __init__(self, near: NearDuplicates, clusters: Clusters, splits: np.ndarray, writer: _ClusterWriter) -> None:
        self._near = near
        self._clusters = clusters
        self._splits = splits
        self._writer = writer
        self._todo = clusters.members()
        self._next: np.ndarray | None = next(self._todo, None)
        self._moved = 0  # batches whose moved rows (split groups outside the clusters) are recorded
        self._batches: dict[int, _Dropped] = {}
        self.counts = {"clusters": 0, "documents_in_clusters": 0, "same_document": 0, "near_duplicate": 0,
                       "near_duplicate_of_reference": 0, "duplicate_content": 0}

    def of(self, batch: int) -> _Dropped:
        return self._batches.setdefault(batch, _Dropped())

    @timed_as(DEDUP)
    def batch(self, number: int) -> Decisions:
        """Batch `number`'s decisions, final: asked for once, in batch order."""
        self._decide_through(number)
        dropped = self._batches.pop(number, None)
        if dropped is None:
            return Decisions()
        own, reference_ids = self._near.own, self._near.reference_ids
        drops = {}
        for position, kept, similarity, exact in zip(dropped.positions, dropped.kept, dropped.similarities,
                                                      dropped.exact):
            kept_id = own.full_id(kept) if kept >= 0 else reference_ids[-1 - kept]
            drops[position] = Drop(kept_id, similarity, reference=kept < 0, exact=bool(exact))
        return Decisions(drops, dropped.splits)

    @timed_as(DEDUP)
    def summary(self) -> dict[str, int]:
        """The counts of every cluster, once all are decided and the cluster file is written."""
        self._decide_through(None)
        self._writer.close()
        return self.counts

    def _decide_through(self, number: int | None) -> None:
        """Decide every cluster that can touch batches up to `number` (None: all of them)."""
        near = self._near
        own, refs = near.own, len(near.reference_ids)
        while self._next is not None and (number is None or self._next[0] < refs
                                          or own.batch[int(self._next[0]) - refs] <= number):
            members, self._next = self._next, next(self._todo, None)
            mine = members[members >= refs] - refs
            if mine.size:
                self.counts["clusters"] += 1
                self.counts["documents_in_clusters"] += int(mine.size)
                self._cluster(members, mine, refs)
        last = len(near.batch_first) - 1 if number is None else number
        if last < self._moved:
            return
        first_doc = near.batch_first[self._moved] if self._moved < len(near.batch_first) else len(own.lengths)
        end_doc = near.batch_first[last + 1] if last + 1 < len(near.batch_first) else len(own.lengths)
        self._moved = last + 1
        mine_splits = self._splits[refs + first_doc:refs + end_doc]  # cluster members' rows are decided already
        annotated = np.frombuffer(own.splits, dtype=np.int8)[first_doc:end_doc]
        for doc in (np.flatnonzero((mine_splits >= 0) & (mine_splits != annotated)) + first_doc).tolist():
            self.of(int(own.batch[doc])).splits.setdefault(int(own.position[doc]), SPLIT_CODES[self._splits[refs + doc]])

    def _kept_among(self, candidates: np.ndarray) -> int:
        """The member `[dedup] keep` chooses among `candidates` (build indices, ascending)."""
        own, keep = self._near.own, self._near.config.keep
        if keep == "first" or candidates.size == 1:
            return int(candidates[0])
        lengths = np.array([own.lengths[i] for i in candidates])
        if keep == "longest":
            return int(candidates[int(np.argmax(lengths))])  # argmax: the first of equals
        scores = np.array([own.scores[i] for i in candidates])
        best = np.flatnonzero(scores == scores.max())
        return int(candidates[best[int(np.argmax(lengths[best]))]])

    def _cluster(self, members: np.ndarray, mine: np.ndarray, refs: int) -> None:
        """One cluster's decision: the member it keeps, its drops (into their batches' `_Dropped`)
        and its rows of the cluster file."""
        near, counts, writer = self._near, self.counts, self._writer
        own, config = near.own, near.config
        theirs = members[members < refs]
        reference_ids = {near.reference_ids[i] for i in theirs.tolist()}
        same = np.array([i for i in mine.tolist() if own.full_id(i) in reference_ids], dtype=np.int64)
        if same.size and mine.size == 1 and reference_ids == {own.full_id(int(mine[0]))}:
            counts["same_document"] += 1  # found again, alone: no near-copy of anything
        if same.size:  # the same document again: it is kept
            kept, kept_doc, kept_id = self._kept_among(same), None, None
        elif theirs.size:  # new near-copies of reference documents
            kept, kept_doc, kept_id = None, int(theirs[0]), near.reference_ids[int(theirs[0])]
        else:
            kept, kept_doc, kept_id = self._kept_among(mine), None, None
        if kept is not None:
            kept_doc, kept_id = kept + refs, own.full_id(kept)
        assert kept_doc is not None and kept_id is not None, "every branch names the kept document"
        assert self._splits[members[0]] >= 0, "every cluster is a split group"
        split = SPLIT_CODES[self._splits[members[0]]]
        similarities = self._clusters.similarities(kept_doc, members)
        for member, similarity in zip(members.tolist(), similarities.tolist()):
            if member < refs:
                writer.add(kept_id, near.reference_ids[member], None, False, True, similarity, split)
                continue
            doc = member - refs
            exact = kept is not None and doc != kept and own.hashes[doc] == own.hashes[kept]
            dropped = doc != kept and ((exact and near.drop_exact) or config.drop)
            if dropped:
                reference = kept is None
                reason = "duplicate_content" if exact else ("near_duplicate_of_reference" if reference else "near_duplicate")
                counts[reason] += 1
                batch = self.of(int(own.batch[doc]))
                batch.positions.append(int(own.position[doc]))
                batch.kept.append(-1 - kept_doc if kept is None else kept)
                batch.similarities.append(1.0 if exact else similarity)
                batch.exact.append(exact)
            writer.add(kept_id, own.full_id(doc), near.uris[doc], not dropped, False, similarity, split)


class NearDuplicates:
    """The parent's side: `add_reference` (before any `add`), `add` each annotated batch in input
    order, then `decide` once."""

    def __init__(self, config: DedupConfig, splits: SplitsConfig, folder: Path, keep_exact_copies: bool) -> None:
        self.config = config
        self.splits = splits
        self.params = config.params()
        self.drop_exact = not keep_exact_copies
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.index = CandidateIndex(folder / "index", self.params)
        self.uris = TextLog(folder / "uris")
        self.own = _Members()
        self.reference_ids: list[str] = []
        self.reference_splits = array("b")  # -1: a reference whose splits are not inherited
        self.parent_keys = np.empty(0, dtype=np.uint64)  # sorted, with their split codes
        self.parent_splits = np.empty(0, dtype=np.int8)
        self.notes: list[str] = []
        self.references: list[str] = []
        self.batch_first: list[int] = []  # each annotated batch's first document (index in `own`)
        self._batch_positions: list[np.ndarray] = []
        self._clusters: Clusters | None = None

    # -- input ----------------------------------------------------------------------------------

    def add_reference(self, reference: Reference) -> None:
        self.references.append(reference.label)
        if reference.note:
            self.notes.append(reference.note)
        keys, codes = [], []
        for file in reference.signatures or []:
            for batch in file.iter_batches(batch_size=8192):
                ids = batch.column("id").to_pylist()
                splits = [SPLIT_CODES.index(s) for s in batch.column("split").to_pylist()]
                data = b"".join(batch.column("signature").to_pylist())
                sigs = np.frombuffer(data, dtype="<u4").reshape(len(ids), self.params.num_hashes)
                self.index.add(self.index.count, sigs)
                self.reference_ids.extend(ids)
                self.reference_splits.extend(splits if reference.inherit_splits else [-1] * len(ids))
                keys += [_key(i) for i in ids]
                codes += splits
        if reference.splits_only is not None:
            keys = [_key(i) for i in reference.splits_only.column("id").to_pylist()]
            codes = [SPLIT_CODES.index(s) for s in reference.splits_only.column("split").to_pylist()]
        if reference.inherit_splits and keys:
            order = np.argsort(np.array(keys, dtype=np.uint64), kind="stable")
            self.parent_keys = np.array(keys, dtype=np.uint64)[order]
            self.parent_splits = np.array(codes, dtype=np.int8)[order]

    @timed_as(DEDUP)
    def add(self, number: int, batch: AnnotatedBatch) -> None:
        """The kept rows of annotated batch `number` (batches in input order)."""
        own = self.own
        self.batch_first.append(len(own.lengths))
        self._batch_positions.append(np.array(batch.positions, dtype=np.int64))
        if batch.signatures is not None and len(batch.ids):
            self.index.add(self.index.count, batch.signatures)
        own.ids.extend(_key(i) for i in batch.ids)
        own.add_ids(batch.ids)
        own.lengths.extend(batch.lengths)
        own.scores.extend(batch.scores)
        own.hashes.extend(int(h[:16], 16) for h in batch.hashes)
        own.titles.extend(batch.titles)
        own.splits.extend(SPLIT_CODES.index(s) for s in batch.splits)
        own.batch.extend([number] * len(batch.ids))
        own.position.extend(batch.positions)
        for uri in batch.uris:
            self.uris.append(uri)

    # -- decisions ------------------------------------------------------------------------------

    def _parent_split(self, keys: np.ndarray) -> np.ndarray:
        """The parent's split code of each id key, -1 where the parent does not have it."""
        if not self.parent_keys.size:
            return np.full(keys.shape, -1, dtype=np.int8)
        at = np.clip(np.searchsorted(self.parent_keys, keys), 0, self.parent_keys.size - 1)
        return np.where(self.parent_keys[at] == keys, self.parent_splits[at], -1).astype(np.int8)

    @timed_as(DEDUP)
    def decide(self, clusters_path: Path, submit: Submit) -> tuple[Deciding, dict[str, Any]]:
        """The clusters, with their decisions to be made batch by batch (`Deciding`) and
        `clusters_path` written as they are (a cluster of two or more documents with at least one
        of this build's, its tables made by `submit`: an executor's worker); and the manifest's
        summary of it all, whose counts `Deciding.summary` adds once every batch is decided."""
        clusters = self._clusters = self.index.clusters()
        keys = np.frombuffer(self.own.ids, dtype=np.uint64) if len(self.own.ids) else np.empty(0, dtype=np.uint64)
        splits = self._group_splits(clusters.root, self._parent_split(keys))
        summary = {"enabled": True, "params": {"ngram": self.params.ngram, "bands": self.params.bands,
                                               "rows": self.params.rows, "seed": self.params.seed,
                                               "threshold": self.params.threshold},
                   "hash_bytes": 4, "keep": self.config.keep, "drop": self.config.drop,
                   "split_by_title": self.config.split_by_title,
                   "references": self.references, "notes": self.notes}
        return Deciding(self, clusters, splits, _ClusterWriter(clusters_path, submit)), summary

    def _group_splits(self, roots: np.ndarray, parent: np.ndarray) -> np.ndarray:
        """The split code of every document whose split is not simply its own id's, by index in
        the index (-1 for the others; a code a document, not a dict entry): the members of a split
        group (its near-duplicate cluster joined with the documents of the same headline, with
        `[dedup] split_by_title`) and the parent's documents."""
        own, refs = self.own, len(self.reference_ids)
        sets = UnionFind(len(roots))
        sets.union(np.arange(len(roots), dtype=np.int64), roots)
        if self.config.split_by_title and len(own.titles):
            titles = np.frombuffer(own.titles, dtype=np.uint64)
            order = np.argsort(titles, kind="stable")
            ranked = titles[order]
            starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
            sizes = np.diff(np.append(starts, ranked.size))
            for start, size in zip(starts.tolist(), sizes.tolist()):
                if ranked[start] and 1 < size <= self.config.split_title_max:
                    docs = order[start:start + size] + refs
                    sets.union(docs[1:], np.full(size - 1, docs[0]))
        groups = sets.smallest_roots()
        splits = np.full(len(roots), -1, dtype=np.int8)
        order = np.argsort(groups, kind="stable")
        ranked = groups[order]
        starts = np.flatnonzero(np.concatenate(([True], ranked[1:] != ranked[:-1])))
        for start, end in zip(starts.tolist(), np.append(starts[1:], ranked.size).tolist()):
            members = order[start:end]
            if members.size == 1:
                doc = int(members[0])
                if doc >= refs and parent[doc - refs] >= 0:
                    splits[doc] = parent[doc - refs]
                continue
            inherited = [self.reference_splits[m] for m in members.tolist() if m < refs and self.reference_splits[m] >= 0]
            inherited += [int(parent[m - refs]) for m in members.tolist() if m >= refs and parent[m - refs] >= 0]
            mine = [m - refs for m in members.tolist() if m >= refs]
            if not mine:
                continue
            splits[members] = (inherited[0] if inherited
                               else SPLIT_CODES.index(assign_split(min(own.full_id(i) for i in mine), self.splits)))
        return splits

    # -- the version's signatures ---------------------------------------------------------------

    @timed_as(DEDUP)
    def kept_signatures(self, number: int, result: BatchResult) -> pa.Table:
        """(id, split, signature) of the rows batch `number` finally keeps, in input order: what
        the version stores for later builds to compare with. Built from Arrow and numpy buffers
        alone: a conversion from Python objects would make pyarrow import pandas in the parent."""
        assert self._clusters is not None, "decide() first"
        splits = sorted(result.kept)
        if not splits:
            return pa.Table.from_batches([], schema=load_schema("signature").arrow())
        columns = pa.concat_tables([result.kept[split].select(["id", "split"]) for split in splits])
        positions = np.concatenate([np.array(result.kept_positions[split], dtype=np.int64) for split in splits])
        order = np.argsort(positions, kind="stable")
        docs = self.batch_first[number] + np.searchsorted(self._batch_positions[number], positions[order])
        sigs = np.ascontiguousarray(self._clusters.signatures.rows(docs + len(self.reference_ids)))
        width = sigs.shape[1] * sigs.itemsize
        offsets = np.arange(0, (len(sigs) + 1) * width, width, dtype=np.int32)
        signature = pa.Array.from_buffers(pa.binary(), len(sigs), [None, pa.py_buffer(offsets), pa.py_buffer(sigs)])
        taken = columns.take(pa.Array.from_buffers(pa.int64(), len(order), [None, pa.py_buffer(order)]))
        return pa.Table.from_arrays([taken.column("id"), taken.column("split"), signature],
                                    schema=load_schema("signature").arrow())

    def close(self) -> None:
        self.uris.close()


def cluster_table(rows: dict[str, list[Any]], _ctx: Any) -> pa.Table:
    """Rows of the cluster file as a table: made in a worker, since building Arrow arrays from
    Python objects imports pandas (half a CPU second, between the passes, when no worker runs)."""
    return pa.Table.from_pydict(rows, schema=load_schema("cluster").arrow())


class _ClusterWriter:
    """`dedup/clusters.parquet`, its rows collected as the clusters are decided."""

    def __init__(self, path: Path, submit: Submit) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.schema = load_schema("cluster").arrow()
        self.writer = pq.ParquetWriter(path, self.schema, compression="zstd")
        self.submit = submit
        self.tables: deque[Future[pa.Table]] = deque()
        self.rows: dict[str, list[Any]] = {name: [] for name in self.schema.names}

    def add(self, cluster: str, doc_id: str, uri: str | None, kept: bool, reference: bool, similarity: float,
            split: str) -> None:
        for name, value in zip(self.schema.names, (cluster, doc_id, uri, kept, reference, similarity, split)):
            self.rows[name].append(value)
        if len(self.rows["id"]) >= _FLUSH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self.rows["id"]:
            self.tables.append(self.submit(cluster_table, self.rows))
            self.rows = {name: [] for name in self.schema.names}
        while self.tables and (self.tables[0].done() or len(self.tables) > _TABLES_AHEAD):
            self.writer.write_table(self.tables.popleft().result())  # in order; at most a few tables held

    def close(self) -> None:
        self._flush()
        while self.tables:
            self.writer.write_table(self.tables.popleft().result())
        self.writer.close()
