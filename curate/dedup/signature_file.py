"""The signatures of an index's documents, in the file `CandidateIndex` wrote, read by rows.

Rows are read with `pread`, not through a memory map: verifying pairs reads rows all over the
file, and the kernel maps 64 KiB around every page a mapping touches, so a map of the file soon
counts whole in the process's memory (570 MiB at a million documents).
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from curate.dedup.signatures import SIGNATURE_DTYPE


class SignatureFile:
    """Signature of document `i` at row `i`: `width` little-endian uint32 values a row."""

    def __init__(self, path: Path, count: int, width: int) -> None:
        self.path, self.count, self.width = path, count, width
        self._row_bytes = width * SIGNATURE_DTYPE.itemsize

    def rows(self, docs: np.ndarray) -> np.ndarray:
        """The rows of `docs` (any order, repeats allowed), shape `(len(docs), width)`."""
        docs = np.asarray(docs, dtype=np.int64)
        if docs.size and not (docs.min() >= 0 and docs.max() < self.count):
            raise IndexError(f"rows {docs.min()}..{docs.max()} of {self.count}")
        size = self._row_bytes
        out = np.empty((docs.size, self.width), dtype=SIGNATURE_DTYPE)
        place = out.reshape(-1).view(np.uint8).data  # each row read into its place: no bytes object a row
        with open(self.path, "rb", buffering=0) as file:
            for row, doc in enumerate(docs.tolist()):
                if os.preadv(file.fileno(), [place[row * size:(row + 1) * size]], doc * size) != size:
                    raise OSError(f"{self.path}: row {doc} is cut short (the file has changed since it was written)")
        return out
