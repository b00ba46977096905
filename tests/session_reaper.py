"""The processes a test session started end with it, the orphans of a crashed worker included.

A pytest-xdist worker died in the Ray tests, and CI then ran out of its 5,400 s. A Ray driver
killed with SIGKILL leaves Ray's dashboard and runtime-env agents running, reparented to init, out
of reach of any process-group kill. Every process of a session inherits `MARKER` in its
environment (Ray passes it to all of its own), so the session's end finds them by it, and kills them.

`python tests/session_reaper.py SESSION` does the same from outside, after a session that was
itself killed (the Makefile's time limit).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import psutil

MARKER = "CURATE_TEST_SESSION"
_WAIT_SECONDS = 10
_ROUNDS = 5


def _carries(process: psutil.Process, session: str) -> bool:
    """Whether `process` was started with the session's mark. Read raw from /proc where there is
    one: a process that retitles itself (Ray's `ray::RuntimeEnvAgent`) overwrites the start of its
    environment block, and psutil's parse of it then comes back empty."""
    entry = f"{MARKER}={session}".encode()
    try:
        block = Path(f"/proc/{process.pid}/environ").read_bytes()
    except FileNotFoundError:  # not Linux, or gone
        try:
            return process.environ().get(MARKER) == session
        except (psutil.Error, OSError):
            return False
    except OSError:  # another user's: not this session's to end
        return False
    return b"\0" + entry + b"\0" in b"\0" + block + b"\0"


def marked(session: str) -> list[psutil.Process]:
    """The running processes started with `session`'s mark, but this one and its ancestors."""
    spared = {os.getpid(), *(parent.pid for parent in psutil.Process().parents())}
    return [process for process in psutil.process_iter() if process.pid not in spared and _carries(process, session)]


def reap(session: str) -> list[int]:
    """Kill the processes `marked` with `session`, again while any are found (one may have
    started a child between the listing and its kill); their pids."""
    reaped: list[int] = []
    for _ in range(_ROUNDS):
        left = [process for process in marked(session) if process.pid not in reaped]
        if not left:
            break
        for process in left:
            try:
                process.kill()
            except psutil.Error:
                continue
        psutil.wait_procs(left, timeout=_WAIT_SECONDS)
        reaped += [process.pid for process in left]
    return reaped


def report(session: str) -> None:
    """Reap, and say on stderr what was left: a session that ends clean leaves nothing."""
    reaped = reap(session)
    if reaped:
        print(f"\nthe test session {session} left {len(reaped)} processes running; killed: {reaped}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 2 or not sys.argv[1]:
        sys.exit(f"usage: {sys.argv[0]} SESSION  (the value of {MARKER} the session ran with)")
    report(sys.argv[1])
