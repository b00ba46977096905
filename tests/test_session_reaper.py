"""The session's end kills the orphans its processes left, and nothing that is not the session's."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psutil

from session_reaper import MARKER, reap

# A parent that starts a sleeper in a session of its own and exits at once: the sleeper is an
# orphan (reparented, in no process group of ours), as Ray's raylet was after its worker died.
_ORPHANING = """
import subprocess, sys
sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"], start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(sleeper.pid)
"""


def _orphan(session: str | None) -> psutil.Process:
    env = {key: value for key, value in os.environ.items() if key != MARKER}
    if session is not None:
        env[MARKER] = session
    done = subprocess.run([sys.executable, "-c", _ORPHANING], env=env, capture_output=True, text=True, timeout=60,
                          check=True)
    return psutil.Process(int(done.stdout))


def test_an_orphan_of_the_session_is_killed_and_another_is_spared() -> None:
    session = f"reaper-test-{os.getpid()}-{time.monotonic_ns()}"
    ours, theirs = _orphan(session), _orphan(f"{session}-other")
    try:
        assert ours.ppid() != os.getpid()
        assert reap(session) == [ours.pid]
        assert not ours.is_running() or ours.status() == psutil.STATUS_ZOMBIE
        assert theirs.is_running()
    finally:
        for process in (ours, theirs):
            try:
                process.kill()
            except psutil.Error:
                continue


def test_the_reaper_spares_itself_and_its_ancestors() -> None:
    """The pytest that reaps at its end carries the mark, and so does the `timeout` that runs it."""
    session = f"reaper-self-{os.getpid()}-{time.monotonic_ns()}"
    inner = f"{sys.executable} -c 'import sys; from session_reaper import reap; print(reap(sys.argv[1]))' {session}"
    done = subprocess.run(["sh", "-c", f"{inner} && echo the shell lives"], env={**os.environ, MARKER: session},
                          capture_output=True, text=True, timeout=60, cwd=os.path.dirname(__file__))
    assert done.returncode == 0 and done.stdout.split("\n")[:2] == ["[]", "the shell lives"], done.stderr
