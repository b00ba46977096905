"""The gate's standby: the verdict it gives is the gate's own, its errors reach the job, and it
never outlives the job, however the job ends."""

from __future__ import annotations

import json
import logging
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

import curate
from conftest import ROOT
from curate.errors import ConfigError, InputError
from curate.store import Store, read_manifest
from curate.validation import gate, standby, validate_version
from curate.validation.standby import StandbyFailed, StandbyGate, validate_with

_TIMED = ("validated_at", "seconds")


def _recorded(folder: Path) -> tuple[dict[str, object], dict[str, object]]:
    """results.json and the manifest's validation entry, but for when the gate ran and how long."""
    results = json.loads((folder / "validation" / "results.json").read_text(encoding="utf-8"))
    entry = read_manifest(folder)["validation"]
    return ({k: v for k, v in results.items() if k not in _TIMED}, {k: v for k, v in entry.items() if k not in _TIMED})


def _twin(store: Store, folder: Path) -> Path:
    """A second copy of the version, under another dataset name."""
    twin = store.version_dir("twin", folder.name)
    shutil.copytree(folder, twin)
    return twin


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


@pytest.mark.parametrize("languages", [[], ["fr"]])
def test_the_standby_gives_the_verdict_the_gate_gives_here(version, gate_config, languages) -> None:
    """Same outcomes, same results.json, same manifest entry, passed (the sample) or failed (every
    row in a language the gate does not allow: offending ids and values sampled), with shard
    workers in the standby."""
    store, folder = version
    twin = _twin(store, folder)
    config = gate_config(executor={"workers": 2}, validation={"languages": languages})
    here, _ = validate_version(store, "sample", folder.name, config)
    with StandbyGate() as ahead:
        there, where = ahead.validate(store, "twin", twin.name, config)
    assert where == twin / "validation" and there.passed is here.passed is not languages
    assert [vars(o) for o in there.outcomes] == [vars(o) for o in here.outcomes]
    assert _recorded(twin) == _recorded(folder)


def test_an_error_of_the_gate_in_the_standby_is_raised_here(version, gate_config) -> None:
    store, folder = version
    config = gate_config(validation={"waivers": [{"expectation": "article_rows.no_such_check", "reason": "typo"}]})
    with StandbyGate() as ahead, pytest.raises(ConfigError, match="name unknown expectations") as raised:
        ahead.validate(store, "sample", folder.name, config)
    assert any("in the gate's standby process" in note for note in raised.value.__notes__)


class _Stubborn(Exception):
    """An exception that pickles but cannot be rebuilt from its pickle (two arguments, one kept)."""

    def __init__(self, code: int, why: str) -> None:
        super().__init__(f"{why} ({code})")


def test_an_exception_that_cannot_cross_processes_arrives_as_its_text(version, gate_config, monkeypatch) -> None:
    store, folder = version

    def buggy(*_args: object, **_kwargs: object) -> None:
        raise _Stubborn(7, "a checker bug")

    monkeypatch.setattr(gate, "validate_version", buggy)  # before the fork: the standby inherits it
    with StandbyGate() as ahead, pytest.raises(RuntimeError) as raised:
        ahead.validate(store, "sample", folder.name, gate_config())
    assert str(raised.value) == "_Stubborn: a checker bug (7)"
    assert any("in the gate's standby process" in note and "buggy" in note for note in raised.value.__notes__)


def test_a_standby_that_could_not_prepare_leaves_the_gate_to_this_process(version, gate_config, monkeypatch,
                                                                          caplog) -> None:
    """GX failing to import there: the job is told, runs the gate itself, and gets its verdict."""
    store, folder = version

    def broken() -> None:
        raise ImportError("no module named great_expectations")

    monkeypatch.setattr(gate, "prepare_runner", broken)  # before the fork: the standby inherits it
    failed = pytest.raises(StandbyFailed, match="its preparation failed: ImportError: no module named great_exp")
    with StandbyGate() as ahead, failed:
        ahead.validate(store, "sample", folder.name, gate_config())
    with caplog.at_level(logging.WARNING, logger=standby.__name__), StandbyGate() as ahead:
        result, _ = validate_with(ahead, store, "sample", folder.name, gate_config())
    assert result.passed and "so the gate runs in this process: its preparation failed" in caplog.text


def test_a_killed_standby_leaves_the_gate_to_this_process(version, gate_config, caplog) -> None:
    store, folder = version
    with caplog.at_level(logging.WARNING, logger=standby.__name__), StandbyGate() as ahead:
        assert ahead.pid is not None
        psutil.Process(ahead.pid).kill()
        result, _ = validate_with(ahead, store, "sample", folder.name, gate_config())
    assert result.passed and "killed by signal 9" in caplog.text


def test_a_standby_never_asked_ends_with_the_block() -> None:
    """Closed while it still imports GX (the build failed): killed at once, not waited for."""
    ahead = StandbyGate()
    assert ahead.pid is not None
    pid = ahead.pid
    started = time.monotonic()
    ahead.close()
    assert _gone(pid) and time.monotonic() - started < 5


def test_a_failed_build_ends_its_standby(tmp_path: Path, monkeypatch) -> None:
    started: list[int] = []
    real = StandbyGate.__init__

    def recorded(self: StandbyGate) -> None:
        real(self)
        assert self.pid is not None
        started.append(self.pid)

    monkeypatch.setattr(StandbyGate, "__init__", recorded)
    (tmp_path / "in").mkdir()
    with pytest.raises(InputError):
        curate.build([tmp_path / "in" / "missing.txt"], "news", store=tmp_path / "store", report=False)
    assert len(started) == 1 and _gone(started[0])


def test_a_build_without_the_gate_starts_no_standby_and_never_imports_gx(tmp_path: Path) -> None:
    code = ("import sys, curate\n"
            "from curate.validation import standby\n"
            "standby.StandbyGate = None  # a job that does not validate must not start one\n"
            f"curate.build(['data/raw'], 'sample', 'curate.toml', store={str(tmp_path)!r}, validate=False,"
            " report=False, progress=False)\n"
            "sys.exit('great_expectations' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=False, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


_KILLED_JOB = """
import sys, time
from pathlib import Path
from curate.config import load_config
from curate.store import Store
from curate.validation import shards
from curate.validation.standby import StandbyGate

real = shards.inspect_part
def stuck(part):  # a shard worker that is still reading when the job is killed
    time.sleep(120)
    return real(part)
stuck.__qualname__ = "inspect_part"
stuck.__module__ = shards.__name__
shards.inspect_part = stuck

config = load_config(Path(sys.argv[3]), {"executor": {"workers": 2}})
with StandbyGate() as ahead:
    print(ahead.pid, flush=True)
    ahead.validate(Store(Path(sys.argv[1])), "sample", sys.argv[2], config)
"""


def test_a_killed_job_takes_its_standby_and_the_standby_s_workers_along(version) -> None:
    store, folder = version
    job = subprocess.Popen([sys.executable, "-c", _KILLED_JOB, str(store.root), folder.name,
                            str(ROOT / "curate.toml")], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert job.stdout is not None
        ahead = psutil.Process(int(job.stdout.readline()))
        deadline = time.monotonic() + 120
        workers: list[psutil.Process] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            workers = ahead.children()
            time.sleep(0.05)
        assert len(workers) == 2, "the standby did not start its two shard workers"
    finally:
        job.send_signal(signal.SIGKILL)
        job.wait()
    _, alive = psutil.wait_procs([ahead, *workers], timeout=15)
    for orphan in alive:
        orphan.kill()
    assert not alive, f"{len(alive)} processes outlived the killed job"
