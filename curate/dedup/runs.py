"""LSH band keys, spilled to disk as sorted runs, and merged back into candidate pairs.

A document's key in band `b` is a 64-bit hash of its signature's rows in that band; two
documents are candidates when they share a key in some band. As in datatrove, keys are not kept
in memory: every `memory_bytes` of them, each band's `(key, doc)` entries are sorted and written
as one run file (per band: the keys, then the documents, both little-endian). Unlike datatrove,
whose merge goes entry by entry through a heap, the merge cuts the 64-bit key space into equal
ranges (keys are hashes, so the ranges hold about equal shares), finds each range in every run by
`searchsorted` on its memory-mapped keys (a few pages), reads those entries and sorts them in
memory: a range needs about the budget, however many documents there are. An adversary who gives
many documents one key (the same text many times) makes that range larger: still 12 bytes a
document, once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from curate.dedup.hashing import combine

KEY_DTYPE = np.dtype("<u8")
DOC_DTYPE = np.dtype("<u4")
ENTRY_BYTES = KEY_DTYPE.itemsize + DOC_DTYPE.itemsize
MAX_DOCS = 2**32 - 1
# What one entry of a range costs while it is merged (`_group_pairs`): key and doc as read, the
# sort order, sorted copies, group starts and the pairs, measured at about 70 bytes.
_MERGE_BYTES_PER_ENTRY = 80


def band_keys(sigs: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """Shape `(len(sigs), bands)`: the key of each document in each band (uint64)."""
    values = sigs.reshape(len(sigs), bands, rows).astype(np.uint64)
    return combine([values[:, :, row] for row in range(rows)])


@dataclass(frozen=True)
class Run:
    """One spilled run: `count` entries in each band, sorted by (key, doc)."""

    path: Path
    count: int

    def keys(self, band: int) -> np.ndarray:
        """The keys of `band`, memory-mapped: only the pages a binary search touches are read."""
        if self.count == 0:
            return np.empty(0, KEY_DTYPE)
        return np.memmap(self.path, dtype=KEY_DTYPE, mode="r", offset=self._start(band), shape=(self.count,))

    def read(self, band: int, start: int, end: int) -> tuple[np.ndarray, np.ndarray]:
        """(keys, docs) of entries `start .. end - 1` of `band`, read into memory."""
        keys = np.fromfile(self.path, dtype=KEY_DTYPE, count=end - start,
                           offset=self._start(band) + start * KEY_DTYPE.itemsize)
        docs = np.fromfile(self.path, dtype=DOC_DTYPE, count=end - start,
                           offset=self._start(band) + self.count * KEY_DTYPE.itemsize + start * DOC_DTYPE.itemsize)
        return keys, docs

    def _start(self, band: int) -> int:
        return band * self.count * ENTRY_BYTES


def write_run(path: Path, docs: np.ndarray, keys: list[np.ndarray]) -> Run:
    """Write the entries of `docs` (ascending) whose band keys are the rows of the `keys` blocks
    (each of shape (documents, bands), in `docs` order), sorted per band. Only one band's entries are
    copied at a time: the blocks are the buffer whose size the caller bounds."""
    with open(path, "wb") as out:
        for band in range(keys[0].shape[1]):
            band_keys = np.concatenate([block[:, band] for block in keys])
            order = np.argsort(band_keys, kind="stable")  # stable: docs stay ascending within a key
            out.write(band_keys[order].astype(KEY_DTYPE, copy=False).tobytes())
            out.write(docs[order].astype(DOC_DTYPE, copy=False).tobytes())
    return Run(path, len(docs))


def candidate_pairs(runs: list[Run], band: int, memory_bytes: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs `(a, b)`, `a < b` (int64 arrays), sharing a key in `band`: every document with the
    smallest one of its key. Runs must hold ascending document ranges (run i's before run i+1's)."""
    keys = [run.keys(band) for run in runs]
    total = sum(run.count for run in runs)
    if total == 0:
        return
    ranges = max(1, -(-total * _MERGE_BYTES_PER_ENTRY // memory_bytes))
    starts = [0] * len(runs)
    for index in range(ranges):
        ends = [run.count if index == ranges - 1 else
                int(np.searchsorted(run_keys, np.uint64(((index + 1) << 64) // ranges), side="left"))
                for run, run_keys in zip(runs, keys)]
        pieces = [run.read(band, start, end) for run, start, end in zip(runs, starts, ends) if end > start]
        starts = ends
        if sum(piece[0].size for piece in pieces) > 1:
            yield _group_pairs(np.concatenate([k for k, _ in pieces]), np.concatenate([d for _, d in pieces]))


def _group_pairs(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    order = np.argsort(keys, kind="stable")  # runs come in document order: (key, doc) order
    keys, docs = keys[order], docs[order].astype(np.int64)
    first = np.ones(keys.size, dtype=bool)
    first[1:] = keys[1:] != keys[:-1]
    group_start = np.maximum.accumulate(np.where(first, np.arange(keys.size), 0))
    follower = ~first
    return docs[group_start[follower]], docs[follower]
