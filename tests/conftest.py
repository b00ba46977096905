"""Shared fixtures: the embedded sample corpus and one build of it per test session."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from curate.config import load_config
from curate.pipeline.build import BuildResult, build
from curate.store import Store
from session_reaper import MARKER, report

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "raw"
SEED = SAMPLE / "txt" / "haaretz" / "000_31abf893fe94734c.txt"
SHARED = ROOT.parent / "shared"


def _is_controller(config: pytest.Config) -> bool:
    return not hasattr(config, "workerinput")  # pytest-xdist gives its workers that attribute


def pytest_configure(config: pytest.Config) -> None:
    """Mark the session's processes (the workers start after this, and inherit it)."""
    if _is_controller(config):
        os.environ.setdefault(MARKER, f"pytest-{os.getpid()}")


def pytest_unconfigure(config: pytest.Config) -> None:
    """End whatever the session left running: the Ray of a worker that died, say."""
    if _is_controller(config):
        report(os.environ[MARKER])


@pytest.fixture(scope="session")
def sample_config():
    return load_config(ROOT / "curate.toml", {"executor": {"workers": 2, "batch_size": 4}})


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory, sample_config) -> BuildResult:
    store = Store(tmp_path_factory.mktemp("store"))
    return build([SAMPLE], "sample", sample_config, store=store)


def needs_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test: a user's machine has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available (benchmark data lives outside the repo)")
    return path


def kill_once_annotated(command: list[str], annotated: Path, batches: int, timeout: float = 180,
                        **popen: Any) -> None:
    """Run a build (`command`) and kill it with SIGKILL once its document pass has finished
    `batches` batches (checkpoint summaries in `annotated`); skip the test if it ended first."""
    run = subprocess.Popen(command, cwd=ROOT, **popen)
    deadline = time.monotonic() + timeout
    while run.poll() is None and time.monotonic() < deadline:
        if annotated.is_dir() and len(list(annotated.glob("*.summary"))) >= batches:
            run.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    run.wait()
    if run.returncode == 0:
        pytest.skip("the build finished before it could be killed")
