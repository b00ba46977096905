"""Folders and files the store makes get the modes the user's umask asks for.

`tempfile.mkdtemp` and `mkstemp` create 0700 folders and 0600 files whatever the umask, and the
store renames such temporary folders and files into place: without a chmod every version would be
readable by its owner only, although the user's umask (say 022) shares everything else they write.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def current_umask() -> int:
    """The process's umask. Linux tells it in /proc; elsewhere it can only be read by setting it
    (briefly racy with other threads creating files)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def fresh_folder(parent: Path, prefix: str) -> Path:
    """A new empty folder in `parent` with a unique name starting with `prefix`, mode 0777 & ~umask."""
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    path.chmod(0o777 & ~current_umask())
    return path


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path` and rename it over `path`, so a reader (or a
    crash) sees the old file or the new one, never half of it; mode 0666 & ~umask."""
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            os.fchmod(out.fileno(), 0o666 & ~current_umask())
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
