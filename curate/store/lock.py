"""One writer per dataset: the lock file `STORE/<name>/.lock`, held with flock(2).

The kernel drops a flock when the process holding it ends, however it ends (kill -9 included), so
a lock never outlives its holder and there is no stale lock to clear by hand. The file's text (which
process, doing what, since when) only feeds the error message of a process that finds it taken.
Within one process the lock is re-entrant for the thread that holds it (the CLI builds, then
validates and writes the report), and refused to every other thread and process.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from curate.errors import StoreError
from curate.store.modes import current_umask

LOCK_FILE = ".lock"


@dataclass
class _Held:
    thread: int
    fd: int
    depth: int = 1


_HELD: dict[Path, _Held] = {}
_GUARD = threading.Lock()


def _forget_in_child() -> None:
    """A forked child (a pool worker) closes its copies of the lock files: a flock lasts while any
    copy is open, and the lock must end with its holder, not with the last of its workers."""
    global _GUARD
    for held in _HELD.values():
        os.close(held.fd)
    _HELD.clear()
    _GUARD = threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)


def _holder(fd: int) -> str:
    """Who holds the lock, as its file tells (it may be mid-write: then say so)."""
    try:
        info = json.loads(os.pread(fd, 4096, 0) or b"{}")
        return f"pid {info['pid']} on {info['host']}: {info['action']}, since {info['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that is just starting"


def _busy(dataset: str, who: str) -> StoreError:
    return StoreError(f"dataset {dataset!r} is busy: another curate process is writing it ({who}). Run this "
                      "again once it has finished; if that process died, its lock is already gone.")


@contextmanager
def dataset_lock(folder: Path, action: str) -> Iterator[None]:
    """Hold the lock of the dataset in `folder` (created if missing) for the block; a `StoreError`
    naming the holder when another process or thread has it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = (folder / LOCK_FILE).resolve()
    with _GUARD:
        held = _HELD.get(path)
        if held is not None:
            if held.thread != threading.get_ident():
                raise _busy(folder.name, f"another thread of this process: {_holder(held.fd)}")
            held.depth += 1
    if held is None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666 & ~current_umask())
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            who = _holder(fd)
            os.close(fd)
            raise _busy(folder.name, who) from None
        info = {"pid": os.getpid(), "host": socket.gethostname(), "action": action,
                "since": datetime.now(UTC).isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(info).encode(), 0)
        held = _Held(threading.get_ident(), fd)
        with _GUARD:
            _HELD[path] = held
    try:
        yield
    finally:
        with _GUARD:
            held.depth -= 1
            last = held.depth == 0
            if last:
                del _HELD[path]
        if last:
            os.ftruncate(held.fd, 0)
            os.close(held.fd)  # releases the flock
