"""A version's near-duplicate clusters (`dedup/clusters.parquet`, schema cluster_v1): the report's
figures, streamed one row group at a time, and one cluster's members (`find_cluster`, what
`curate show --cluster` prints and a notebook calls).

The build writes each cluster's members one after the other (`pipeline.near_duplicates`), so a
cluster is a run of equal `cluster` values in file order. The figures follow runs across batches
and hold only the rows of the largest clusters seen so far, so memory does not grow with the file.
A cluster's id is the id of the document it keeps (in this version, or in the reference dataset).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curate.errors import StoreError
from curate.reporting.articles import RATIO_EDGES
from curate.reporting.bounded import Histogram
from curate.reporting.scan import BATCH_ROWS, find_rows
from curate.store import Manifest, Store, load_manifest
from curate.store.read import row_group_batches

CLUSTER_COLUMNS = ["cluster", "id", "input_uri", "kept", "reference", "similarity", "split"]
SIZE_EDGES = [*range(2, 21), float("inf")]  # members per cluster: 2, 3, ... 19, "20+"
LARGEST = 10  # clusters the report shows member by member
MEMBERS_SHOWN = 12  # members of one cluster shown (the kept document first); `find_cluster` has all
# The manifest's counts of the near-duplicate pass, by the reason its drops have in the rejects.
DROP_REASONS = {"near_duplicate": "policy_near_duplicate",
                "near_duplicate_of_reference": "policy_near_duplicate_of_reference",
                "duplicate_content": "policy_duplicate_content"}
DROP_NOTES = {  # what each of those reasons means, for the report and the card
    "policy_near_duplicate": "a near-copy of another document of its cluster, which is kept",
    "policy_near_duplicate_of_reference": "a near-copy of a document already in the reference dataset "
                                          "(the parent version, or --dedup-against)",
    "policy_duplicate_content": "the same text as a document that is kept",
}


KEEP_RULES = {"first": "the first in input order", "longest": "the one with the longest kept text",
              "best_quality": "the one with the least repetition and boilerplate (ties: the longer, then the first)"}


def method_description(manifest: Manifest) -> str:
    """How a version with near-duplicate detection on looked for them, in words (the report and
    the card say it alike)."""
    dedup = manifest.dedup or {}
    p = dedup["params"]
    exact = manifest.config["policy"].get("drop_exact_duplicates", True)
    others = "dropped" if dedup["drop"] else (
        "kept as well (annotate only), given the cluster's split" + ("; exact copies still go" if exact else ""))
    return (f"MinHash of the word {p['ngram']}-grams of each kept text ({p['bands'] * p['rows']} hashes, seed "
            f"{p['seed']}), LSH with {p['bands']} bands x {p['rows']} rows, clusters by union-find: two texts join a "
            f"cluster when their estimated Jaccard similarity is at least {p['threshold']:g}. Each cluster keeps "
            f"{KEEP_RULES.get(dedup['keep'], dedup['keep'])}; the others are {others}. All members of a cluster "
            f"have its split{_by_title(manifest)}.")


def _by_title(manifest: Manifest) -> str:
    """How articles of one headline share a split, when they do (`[dedup] split_by_title`)."""
    dedup = manifest.config.get("dedup", {})
    if not dedup.get("split_by_title"):
        return ""
    return (f", and so do all documents of one headline of 3 words or more (site name and kicker folded; "
            f"a headline of more than {dedup['split_title_max']:,} documents is generic and groups nothing)")


def compared_with(manifest: Manifest) -> str:
    """What a version's documents were compared with, in words."""
    references = [f"{r['name']} {r['version']}" + (" (the parent version)" if r["inherit_splits"] else "")
                  for r in manifest.dedup_references]
    mine = "this build's documents with each other"
    return f"{mine} and with those of {', '.join(references)}" if references else mine


def clusters_file(folder: Path, manifest: Manifest) -> Path | None:
    """The version's clusters file, None when it has none."""
    files = manifest.dedup_files
    return next((folder / f["path"] for f in files if f["kind"] == "clusters"), None)


def clusters_note(manifest: Manifest) -> str | None:
    """Why a version has no clusters file (None when it has one)."""
    dedup = manifest.dedup
    if dedup is None:
        return "This version was built before curate looked for near-duplicates: it has no clusters."
    if not dedup.get("enabled"):
        return "Near-duplicate detection was off for this version ([dedup] enabled = false): it has no clusters."
    if clusters_file(Path(), manifest) is None:
        return "This version was built before curate kept its near-duplicate clusters: it has no clusters file."
    return None


def ordered(rows: list[dict[str, Any]], cluster: str) -> list[dict[str, Any]]:
    """A cluster's rows with the document it keeps first (this version's row before a reference
    dataset's of the same id), then the others, kept ones first, each in file order."""
    return sorted(rows, key=lambda row: (row["id"] != cluster, not row["kept"]))


@dataclass
class _Run:
    """One cluster while its rows stream by: its size, the kept document's rows and the first
    `MEMBERS_SHOWN` others."""

    cluster: str
    size: int = 0
    other_ids: int = 0  # members whose id is not the cluster's
    heads: list[dict[str, Any]] = field(default_factory=list)
    others: list[dict[str, Any]] = field(default_factory=list)

    def hold(self, part: pa.RecordBatch) -> None:
        own = pc.equal(part.column("id"), part.column("cluster"))
        self.heads += part.filter(own).to_pylist()
        room = MEMBERS_SHOWN - len(self.others)
        if room > 0:
            self.others += part.filter(pc.invert(own)).slice(0, room).to_pylist()

    def to_json(self) -> dict[str, Any]:
        members = ordered(self.heads + self.others, self.cluster)[:MEMBERS_SHOWN]
        return {"cluster": self.cluster, "size": self.size, "split": members[0]["split"],
                "members": [{**row, "similarity": round(row["similarity"], 4)} for row in members],
                "more": self.size - len(members)}


@dataclass
class ClusterFigures:
    clusters: int = 0
    same_document: int = 0  # clusters of one id: a document built again, with its copy in the reference dataset
    documents: int = 0  # members from this version's build
    reference_documents: int = 0  # members from the reference dataset
    sizes: Histogram = field(default_factory=lambda: Histogram(SIZE_EDGES, open_end=True, discrete=True))
    similarity: Histogram = field(default_factory=lambda: Histogram(RATIO_EDGES))  # of the members not kept as the cluster's document
    largest: list[_Run] = field(default_factory=list)  # largest first, ties by cluster id
    _open: _Run | None = None  # the batch's last cluster, which may go on in the next batch

    def add(self, batch: pa.RecordBatch) -> None:
        reference = batch.column("reference").to_numpy(zero_copy_only=False)
        self.reference_documents += int(np.count_nonzero(reference))
        self.documents += int(reference.size - np.count_nonzero(reference))
        other_id = pc.not_equal(batch.column("id"), batch.column("cluster"))
        others = pc.and_(pc.invert(batch.column("reference")), other_id)
        self.similarity.add(pc.filter(batch.column("similarity"), others).to_numpy(zero_copy_only=False))
        if not batch.num_rows:
            return
        runs = pc.run_end_encode(batch.column("cluster"))
        ends = runs.run_ends.to_numpy(zero_copy_only=False).tolist()
        starts = [0, *ends[:-1]]
        other_ids = np.add.reduceat(other_id.to_numpy(zero_copy_only=False).astype(np.int64), starts).tolist()
        closed: list[int] = []
        for value, start, end, n_other in zip(runs.values.to_pylist(), starts, ends, other_ids):
            part = batch.slice(start, end - start)
            run, self._open = self._open, None
            if run is not None and run.cluster != value:
                closed.append(self._close(run))
                run = None
            continuing = run is not None  # the previous batch's last cluster goes on
            run = run or _Run(value)
            run.size += part.num_rows
            run.other_ids += n_other
            if continuing or end == batch.num_rows:  # a cluster that is or was open holds its rows as they come
                run.hold(part)
            if end == batch.num_rows:
                self._open = run
            else:
                closed.append(self._close(run, None if continuing else part))
        self.sizes.add(closed)

    def _close(self, run: _Run, part: pa.RecordBatch | None = None) -> int:
        """Count `run` among the largest when it is; `part` holds its rows when none are held yet."""
        worst = self.largest[-1] if len(self.largest) >= LARGEST else None
        if worst is None or (-run.size, run.cluster) < (-worst.size, worst.cluster):
            if part is not None:
                run.hold(part)
            self.largest = sorted([*self.largest, run], key=lambda r: (-r.size, r.cluster))[:LARGEST]
        self.clusters += 1
        self.same_document += not run.other_ids
        return run.size

    def finish(self) -> None:
        if self._open is not None:
            self.sizes.add([self._close(self._open)])
            self._open = None

    def to_json(self) -> dict[str, Any]:
        self.finish()
        return {"clusters": self.clusters, "same_document": self.same_document, "documents": self.documents, "reference_documents": self.reference_documents,
                "sizes": self.sizes.to_json(), "similarity": self.similarity.to_json(),
                "largest": [run.to_json() for run in self.largest]}


def collect_clusters(path: Path, batch_rows: int = BATCH_ROWS) -> ClusterFigures:
    figures = ClusterFigures()
    for batch in row_group_batches([path], CLUSTER_COLUMNS, batch_rows):
        figures.add(batch)
    figures.finish()
    return figures



@dataclass(frozen=True)
class Cluster:
    """One near-duplicate cluster: its id (the id of the document it keeps) and its members, rows
    of `dedup/clusters.parquet` (cluster, id, input_uri, kept, reference, similarity, split), the
    kept document first."""

    id: str
    members: list[dict[str, Any]]

    @property
    def split(self) -> str:
        return str(self.members[0]["split"])


def find_cluster(store: Store, name: str, version: str, doc_id: str) -> Cluster:
    """The cluster whose id is `doc_id`, or that has a member of that id; StoreError when the
    version has no clusters or none holds `doc_id`."""
    folder = store.require(name, version)
    manifest = load_manifest(folder)
    label = f"{name} {version}"
    path = clusters_file(folder, manifest)
    if path is None:
        raise StoreError(f"{label}: {clusters_note(manifest)}")
    rows = list(find_rows([path], {doc_id}, column="cluster"))
    if not rows:
        member = next(find_rows([path], {doc_id}), None)
        if member is None:
            raise StoreError(f"no near-duplicate cluster of {label} has the id or a member {doc_id!r} "
                             f"({(manifest.dedup or {}).get('clusters', 0):,} clusters; a document in none has no "
                             "near-duplicate)")
        rows = list(find_rows([path], {member["cluster"]}, column="cluster"))
    return Cluster(rows[0]["cluster"], ordered(rows, rows[0]["cluster"]))


def summarize_clusters(folder: Path, manifest: Manifest, batch_rows: int = BATCH_ROWS) -> dict[str, Any]:
    """The report's figures on near-duplicates: how they were looked for (the manifest's `dedup`
    entry), the drops per reason, and the clusters file's figures; a note instead when the
    version has no clusters file."""
    dedup = manifest.dedup or {}
    path = clusters_file(folder, manifest)
    if path is None:
        return {"enabled": bool(dedup.get("enabled")), "note": clusters_note(manifest)}
    return {"enabled": True, "note": None, "method": method_description(manifest), "compared_with": compared_with(manifest),
            "params": dedup["params"], "keep": dedup["keep"], "drop": dedup["drop"], "references": dedup["references"],
            "notes": dedup["notes"],
            "dropped": {reason: dedup[key] for key, reason in DROP_REASONS.items()},
            **collect_clusters(path, batch_rows).to_json()}
