"""The parent's side of near-duplicate detection: signatures in, clusters out, in bounded memory.

Signatures are appended to `signatures.u32` in the folder as they come (row `i` is document `i`:
uint32, little-endian, `params.num_hashes` a row); band keys wait in memory until they fill
`memory_bytes`, then go to a sorted run file. After the last `add`, `clusters()` merges the runs band by band (`runs.candidate_pairs`), drops the pairs
already joined, keeps those whose estimated Jaccard reaches `params.threshold` (read from the
signatures file, a batch of pairs at a time) and joins them (`UnionFind`). Memory: the key
buffer, one merge range and the signatures of one batch of pairs (each about `memory_bytes`), plus
16 bytes a document for the union-find and 8 for the roots. Disk: 4 bytes per hash and document for
the signatures, 12 per band and document for the runs (deleted by `clusters()`).

Same documents, same clusters, whatever the batching: a document's keys depend on its signature
alone, the merged order is (key, doc) whatever the runs, and the roots are the smallest index of
each connected set, which no order of unions changes.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from curate.dedup.clusters import Clusters
from curate.dedup.params import MinHashParams
from curate.dedup.runs import MAX_DOCS, Run, band_keys, candidate_pairs, write_run
from curate.dedup.signature_file import SignatureFile
from curate.dedup.signatures import SIGNATURE_DTYPE, is_empty
from curate.dedup.union_find import UnionFind

DEFAULT_MEMORY_BYTES = 16 * 2**20
SIGNATURES_FILE = "signatures.u32"
_COMPARED_PAIRS = 1024  # pairs whose rows are copied side by side at once: 1.2 MB at 150 hashes


class CandidateIndex:
    """Collects signatures of documents `0, 1, 2, ...` in order; `clusters()` once at the end.

    `folder` is the index's own (created if missing): it holds the signatures and the runs, and
    the runs are deleted by `clusters()`.
    """

    def __init__(self, folder: Path, params: MinHashParams, memory_bytes: int = DEFAULT_MEMORY_BYTES) -> None:
        if memory_bytes < 1024:
            raise ValueError(f"memory_bytes must be at least 1024, not {memory_bytes}")
        self.folder = folder
        self.params = params
        self.memory_bytes = memory_bytes
        folder.mkdir(parents=True, exist_ok=True)
        self._signatures = open(folder / SIGNATURES_FILE, "wb")  # noqa: SIM115 - open until close()
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []
        self._pending_bytes = 0
        self._runs: list[Run] = []
        self._count = 0

    @property
    def count(self) -> int:
        """Documents added so far."""
        return self._count

    def add(self, first_doc: int, sigs: np.ndarray) -> None:
        """Add the signatures of documents `first_doc .. first_doc + len(sigs) - 1`;
        `first_doc` must be the number of documents added before."""
        if self._signatures.closed:
            raise ValueError("add() after clusters(): the index is closed")
        if first_doc != self._count:
            raise ValueError(f"documents must come in order: expected {self._count}, got {first_doc}")
        if sigs.ndim != 2 or sigs.shape[1] != self.params.num_hashes or sigs.dtype != SIGNATURE_DTYPE:
            raise ValueError(f"expected uint32 signatures of shape (n, {self.params.num_hashes}), "
                             f"got {sigs.dtype} {sigs.shape}")
        if first_doc + len(sigs) > MAX_DOCS:
            raise ValueError(f"at most {MAX_DOCS} documents")
        self._signatures.write(np.ascontiguousarray(sigs).tobytes())
        listed = ~is_empty(sigs)
        docs = np.arange(first_doc, first_doc + len(sigs), dtype=np.int64)[listed]
        if docs.size:
            keys = band_keys(sigs[listed], self.params.bands, self.params.rows)
            self._pending.append((docs, keys))
            self._pending_bytes += docs.nbytes + keys.nbytes
        self._count += len(sigs)
        if self._pending_bytes >= self.memory_bytes:
            self._spill()

    def clusters(self) -> Clusters:
        """Merge the runs into candidate pairs, verify them and join them into clusters."""
        self._spill()
        self._signatures.close()
        signatures = SignatureFile(self.folder / SIGNATURES_FILE, self._count, self.params.num_hashes)
        sets = _CandidateSets(signatures, self.params.threshold, self.memory_bytes)
        for band in range(self.params.bands):
            for a, b in candidate_pairs(self._runs, band, self.memory_bytes):
                sets.join(a, b)
        for run in self._runs:
            run.path.unlink()
        self._runs = []
        return Clusters(sets.roots(), signatures)

    def _spill(self) -> None:
        if not self._pending:
            return
        docs = np.concatenate([docs for docs, _ in self._pending])
        keys = [keys for _, keys in self._pending]
        self._pending, self._pending_bytes = [], 0
        self._runs.append(write_run(self.folder / f"run-{len(self._runs):06d}.bin", docs, keys))

class _CandidateSets:
    """Union-find fed candidate pairs: the already joined are dropped, the rest verified."""

    def __init__(self, signatures: SignatureFile, threshold: float, memory_bytes: int) -> None:
        self._sets = UnionFind(signatures.count)
        self._signatures = signatures
        self._threshold = threshold
        # Pairs verified at once: the signatures of their documents (two a pair at most) are read
        # into memory, then compared a slice of pairs at a time (`_COMPARED_PAIRS`).
        self._verify_batch = max(1, memory_bytes // (2 * signatures.width * SIGNATURE_DTYPE.itemsize))

    def join(self, a: np.ndarray, b: np.ndarray) -> None:
        apart = self._sets.find(a) != self._sets.find(b)
        a, b = a[apart], b[apart]
        if self._threshold > 0:
            similar = np.concatenate([self._similar(a[i:i + self._verify_batch], b[i:i + self._verify_batch])
                                      for i in range(0, a.size, self._verify_batch)] or [np.empty(0, bool)])
            a, b = a[similar], b[similar]
        self._sets.union(a, b)

    def roots(self) -> np.ndarray:
        return self._sets.smallest_roots()

    def _similar(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        docs = np.unique(np.concatenate([a, b]))
        rows = self._signatures.rows(docs)
        at_a, at_b = np.searchsorted(docs, a), np.searchsorted(docs, b)
        equal = np.empty(a.size, dtype=np.int64)
        for start in range(0, a.size, _COMPARED_PAIRS):  # a slice: the pairs' copied rows stay small
            end = start + _COMPARED_PAIRS
            equal[start:end] = np.count_nonzero(rows[at_a[start:end]] == rows[at_b[start:end]], axis=1)
        similar: np.ndarray = equal / self._signatures.width >= self._threshold  # as `similarity` computes it
        return similar
