"""Numbered batch files between the corpus pass and the document pass.

The template pass must see every document before any can be finished. Workers write the batches
they prepare straight to disk and hand the parent only what the corpus pass needs (publishers
and line keys), so the parent never serializes document text twice, and a 1M-document build's
memory stays flat.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any


class Spill:
    """A folder of batch files, one per sequence number."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder

    def path(self, sequence: int) -> Path:
        return self.folder / f"{sequence:08d}.pickle"


def write_batch(path: Path, batch: list[Any]) -> None:
    with path.open("wb") as handle:
        pickle.dump(batch, handle, protocol=pickle.HIGHEST_PROTOCOL)


def take_batch(path: Path) -> list[Any]:
    """Read a batch back and delete its file: each batch is read exactly once."""
    with path.open("rb") as handle:
        batch = pickle.load(handle)
    path.unlink()
    return batch
