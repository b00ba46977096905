"""The result of near-duplicate detection: which documents form one cluster."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from curate.dedup.signature_file import SignatureFile


@dataclass
class Clusters:
    """Per document (by index in input order), the root of its cluster: the smallest index in it,
    so a document alone is its own root. `signatures` are every document's, in the index's folder
    (row `i` is document `i`), for similarities and for storing them.
    """

    root: np.ndarray
    signatures: SignatureFile

    def members(self) -> Iterator[np.ndarray]:
        """Each cluster of two or more documents: its indices ascending (the root first), the
        clusters in the order of their roots."""
        order = np.argsort(self.root, kind="stable")
        roots = self.root[order]
        bounds = np.flatnonzero(roots[1:] != roots[:-1]) + 1
        for start, end in zip(np.concatenate(([0], bounds)).tolist(), np.concatenate((bounds, [roots.size])).tolist()):
            if end - start > 1:
                yield order[start:end]

    def similarities(self, doc: int, others: np.ndarray) -> np.ndarray:
        """Estimated Jaccard similarity of document `doc` to each of `others` (float64)."""
        rows = self.signatures.rows(np.concatenate(([doc], np.asarray(others, dtype=np.int64))))  # one read
        similarity: np.ndarray = np.count_nonzero(rows[1:] == rows[0], axis=1) / self.signatures.width
        return similarity
