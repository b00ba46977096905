"""Workers never outlive a killed parent (kill -9 runs no cleanup in the parent)."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

_PARENT = """
import sys
import time
from pathlib import Path
from curate.executor import LocalExecutor

def slow(batch, state):
    time.sleep(120)
    return batch

with LocalExecutor(2, None, Path(sys.argv[1])) as executor:  # its folder in the test's, not in /tmp
    results = executor.map(slow, [[1], [2], [3], [4]])
    print("started", flush=True)
    next(results)
"""


def test_workers_exit_when_the_parent_is_killed(tmp_path: Path) -> None:
    parent = subprocess.Popen([sys.executable, "-c", _PARENT, str(tmp_path / "scratch")], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None and parent.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 30
    workers: list[psutil.Process] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        workers = psutil.Process(parent.pid).children()
        time.sleep(0.05)
    assert len(workers) == 2, "the pool did not start its two workers"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    _, alive = psutil.wait_procs(workers, timeout=10)
    for orphan in alive:
        orphan.kill()
    assert not alive, f"{len(alive)} workers outlived their parent"
