"""The dataset-level tables: one row each, small whatever the dataset's size.

`DatasetTally` sees every article chunk once and keeps 8-byte hashes of ids and content hashes,
nothing else per row, to find repeats across shards, and the version's near-duplicate clusters
(`dedup/clusters.parquet`: only their kept members) to find one that spans splits; the accounting row compares the manifest
with the rows counted in the shards, in total and per input file (the documents the readers
counted in each file, against the rows whose `input_uri` lies in it). Each table comes with sample
ids or details per column, for the report when that column's expectation fails.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from curate.schema import load_schema
from curate.store.manifest import Manifest, file_sha256
from curate.store.read import owning_input

SAMPLES = 5


class _Seen:
    """Keys met so far, as one sorted array (8 bytes a row)."""

    def __init__(self) -> None:
        self.keys = np.empty(0, dtype=np.uint64)

    def repeats(self, values: pd.Series) -> np.ndarray:
        """True where a value occurred earlier: in an earlier chunk or earlier in this one."""
        keys = pd.util.hash_pandas_object(values, index=False).to_numpy()
        _, first = np.unique(keys, return_index=True)
        repeated = np.ones(len(keys), dtype=bool)
        repeated[first] = False
        repeated |= np.isin(keys, self.keys)
        self.keys = np.union1d(self.keys, keys)
        return repeated


@dataclass
class KeptClusters:
    """The kept members of a version's near-duplicate clusters: id -> (cluster, its split); or
    why they cannot be read."""

    members: dict[str, tuple[str, str]]
    problem: str | None = None


def kept_clusters(folder: Path, manifest: Manifest) -> KeptClusters | None:
    """From the version's `dedup/clusters.parquet`, when its manifest lists one."""
    listed = [f for f in manifest.dedup_files if f["kind"] == "clusters"]
    if not listed:
        return None
    path = folder / listed[0]["path"]
    try:
        if file_sha256(path) != listed[0]["sha256"]:
            return KeptClusters({}, f"{listed[0]['path']} changed since the build")
        table = pq.read_table(path, columns=["cluster", "id", "kept", "reference", "split"])
    except (OSError, pa.ArrowException) as exc:
        return KeptClusters({}, f"{listed[0]['path']} cannot be read: {exc}")
    members = {}
    for cluster, doc_id, kept, reference, split in zip(*(table.column(c).to_pylist() for c in table.column_names)):
        if kept and not reference:
            members[doc_id] = (cluster, split)
    return KeptClusters(members)


class DatasetTally:
    """Repeats of ids and of content across all article chunks; and, when the version has
    near-duplicate clusters (`clusters`: id -> (cluster, its split) of every kept member), the
    kept members found in another split than their cluster's and how many rows share a cluster."""

    def __init__(self, clusters: KeptClusters | None = None) -> None:
        # summary column -> (the column whose repeats it counts, the keys seen so far)
        self._seen = {"duplicate_id_rows": ("id", _Seen()), "repeated_content_share": ("content_hash", _Seen())}
        self.rows = 0
        self.repeats: Counter[str] = Counter()
        self.samples: dict[str, list[str]] = {column: [] for column in self._seen}
        self._clusters = clusters.members if clusters else {}
        self._kept_members: Counter[str] = Counter()  # cluster -> its kept rows found
        problem = clusters.problem if clusters else None
        self.cross_split = 1 if problem else 0  # clusters that cannot be read cannot be vouched for
        self.samples["near_duplicate_cross_split"] = [problem] if problem else []

    def add(self, frame: pd.DataFrame) -> None:
        for column, (key, seen) in self._seen.items():
            repeated = seen.repeats(frame[key])
            self.repeats[column] += int(repeated.sum())
            room = max(0, SAMPLES - len(self.samples[column]))
            self.samples[column] += [str(v) for v in frame["id"][repeated].iloc[:room]]
        self.rows += len(frame)
        if self._clusters:
            members = frame[frame["id"].isin(self._clusters.keys())]
            for doc_id, split in zip(members["id"], members["split"]):
                cluster, expected = self._clusters[doc_id]
                self._kept_members[cluster] += 1
                if split != expected:
                    self.cross_split += 1
                    if len(self.samples["near_duplicate_cross_split"]) < SAMPLES:
                        self.samples["near_duplicate_cross_split"].append(
                            f"{doc_id} in {split}, its cluster {cluster} in {expected}")

    def _near_duplicate_share(self) -> tuple[float, list[str]]:
        shared = sum(count for count in self._kept_members.values() if count > 1)
        clusters = sum(1 for count in self._kept_members.values() if count > 1)
        return shared / max(self.rows, 1), [f"{shared} rows in {clusters} clusters of near-duplicates kept together"]

    def frame(self, split_rows: Counter[str]) -> tuple[pd.DataFrame, dict[str, list[str]]]:
        """The `dataset` suite's row, and sample ids or details per column."""
        total = sum(split_rows.values())
        row: dict[str, Any] = {"article_rows": total,
                               "duplicate_id_rows": self.repeats["duplicate_id_rows"],
                               "repeated_content_share": self.repeats["repeated_content_share"] / max(self.rows, 1)}
        share, share_samples = self._near_duplicate_share()
        row |= {"near_duplicate_cross_split": self.cross_split, "near_duplicate_share": share}
        samples = dict(self.samples, article_rows=[f"{total} articles in the data shards"],
                       near_duplicate_share=share_samples)
        for split in load_schema("article").enum_values("split"):
            row[f"{split}_share"] = split_rows[split] / total if total else 0.0
            samples[f"{split}_share"] = [f"{split}: {split_rows[split]} of {total} rows"]
        return pd.DataFrame([row]), samples


def _differences(label: str, recorded: dict[str, int], counted: Counter[str]) -> tuple[int, list[str]]:
    keys = sorted(set(recorded) | set(counted))
    off = [(k, recorded.get(k, 0), counted[k]) for k in keys if recorded.get(k, 0) != counted[k]]
    return (sum(abs(r - c) for _, r, c in off),
            [f"{label} {k}: manifest {r}, rows {c}" for k, r, c in off[:SAMPLES]])


def _per_input(inputs: list[dict[str, Any]], files: Counter[str]) -> tuple[dict[str, int], Counter[str]]:
    """(documents per input uri as the manifest records them, rows per input uri)."""
    recorded: dict[str, int] = {}
    for entry in inputs:  # two roots may hold the same relative path: compare their sum
        recorded[entry["uri"]] = recorded.get(entry["uri"], 0) + entry.get("documents", 0)
    counted: Counter[str] = Counter()
    for file, rows in files.items():
        counted[owning_input(file, recorded) or f"{file} (not an input of the manifest)"] += rows
    return recorded, counted


def accounting_frame(accounting: dict[str, Any], inputs: list[dict[str, Any]],
                     counts: dict[str, Counter[str]]) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """The `accounting` suite's row: how far the manifest's numbers (`accounting`, and each of
    `inputs`' document count) are from the rows counted in the shards (`counts` by split, status,
    reason and input file)."""
    split_rows = counts["split"]
    read, kept = accounting.get("read", 0), accounting.get("kept", 0)
    outcomes = {status: accounting.get(status, 0) for status in load_schema("reject").enum_values("reject_status")}
    splits_off, split_details = _differences("split", accounting.get("by_split", {}), split_rows)
    rejects_off, reject_details = _differences("status", outcomes, counts["status"])
    reasons_off, reason_details = _differences("reason", accounting.get("by_reason", {}), counts["reason"])
    if any("documents" in entry for entry in inputs):
        inputs_off, input_details = _differences("input", *_per_input(inputs, counts["input"]))
    else:  # an older curate did not count them: nothing to compare (read_balance still holds)
        inputs_off, input_details = 0, ["per-input counts not recorded: built before curate counted each "
                                        "input's documents (a rebuild records them)"]
    row = {
        "read_balance": read - kept - sum(outcomes.values()),
        "kept_vs_rows": kept - sum(split_rows.values()),
        "splits_vs_rows": splits_off,
        "rejects_vs_rows": rejects_off,
        "reasons_vs_rows": reasons_off,
        "inputs_vs_rows": inputs_off,
    }
    samples = {
        "read_balance": [f"read {read}, kept {kept} + " + " + ".join(f"{k} {v}" for k, v in outcomes.items())],
        "kept_vs_rows": [f"kept {kept}, rows in data shards {sum(split_rows.values())}"],
        "splits_vs_rows": split_details,
        "rejects_vs_rows": reject_details,
        "reasons_vs_rows": reason_details,
        "inputs_vs_rows": input_details,
    }
    return pd.DataFrame([row]), samples
