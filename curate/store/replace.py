"""Replace a derived folder of a version (validation/, report/) whole, never leaving half of it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from curate.store.modes import fresh_folder


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A fresh empty folder beside `target`; when the block ends without error it takes `target`'s
    place in two renames (a reader sees the old folder or the new one), else it is removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = fresh_folder(target.parent, f".{target.name}-")
    try:
        yield fresh
        old = target.with_name(f".{target.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        if target.exists():
            target.rename(old)
        fresh.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
