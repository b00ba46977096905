"""A temporary on-disk queue of batches between the corpus pass and the document pass.

The template pass must see every document before any document can be finished; keeping the
prepared documents on disk instead of in memory keeps a 1M-document build's memory flat.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any


class Spill:
    """Append batches with `write`, then read them back once, in order, with `read`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle = path.open("wb")

    def write(self, batch: list[Any]) -> None:
        if batch:
            pickle.dump(batch, self._handle, protocol=pickle.HIGHEST_PROTOCOL)

    def read(self) -> Iterator[list[Any]]:
        """Every batch written, then the file is deleted."""
        self._handle.close()
        try:
            with self.path.open("rb") as handle:
                while True:
                    try:
                        yield pickle.load(handle)
                    except EOFError:
                        return
        finally:
            self.path.unlink(missing_ok=True)
