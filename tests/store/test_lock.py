"""One writer per dataset: a second build is refused with a clear error, never half-run."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from curate.errors import StoreError
from curate.store import Store
from curate.store.lock import LOCK_FILE
from versioning.corpus import write_corpus

_HOLD = """
import sys, time
from pathlib import Path
from curate.store import Store
with Store(Path(sys.argv[1])).lock("news", "holding for a test"):
    print("held", flush=True)
    time.sleep(60)
"""


def _hold(store: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", _HOLD, str(store)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_held_lock_names_its_holder_and_dies_with_it(tmp_path: Path) -> None:
    store = Store(tmp_path)
    holder = _hold(tmp_path)
    try:
        with (pytest.raises(StoreError, match=rf"dataset 'news' is busy: .*pid {holder.pid} on .*holding for a test"),
              store.lock("news", "build")):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with store.lock("news", "build"):  # the kernel dropped the dead holder's lock: nothing stale
        assert (tmp_path / "news" / LOCK_FILE).exists()


def test_reentrant_in_its_thread_refused_to_another(tmp_path: Path) -> None:
    store = Store(tmp_path)
    refused: list[Exception] = []

    def other() -> None:
        try:
            with store.lock("news", "build"):
                pass
        except StoreError as exc:
            refused.append(exc)

    with store.lock("news", "build"), store.lock("news", "validate"):
        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
    assert len(refused) == 1 and "another thread of this process" in str(refused[0])
    with store.lock("other-dataset", "build"), store.lock("news", "build"):
        pass


_BUILD = """
import sys
from pathlib import Path
from curate.errors import CurateError
from curate.pipeline.build import build
from curate.config import load_config
from curate.store import Store
try:
    result = build([Path(sys.argv[1])], "news", load_config(None, {"executor": {"workers": 1, "batch_size": 1}}),
                   store=Store(Path(sys.argv[2])))
    print("built", result.manifest["version"])
except CurateError as exc:
    print("error", exc)
"""


def test_two_concurrent_builds_give_one_version_and_one_clear_error(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(40), 0))
    runs = [subprocess.Popen([sys.executable, "-c", _BUILD, str(corpus), str(tmp_path / "store")],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT) for _ in range(2)]
    outputs = sorted(run.communicate(timeout=300)[0].strip() for run in runs)
    assert all(run.returncode == 0 for run in runs), outputs
    built = [o for o in outputs if o.startswith("built")]
    errors = [o for o in outputs if o.startswith("error")]
    if len(built) == 2:  # the first finished before the second started: two versions, in order
        assert built == ["built 1.0.0", "built 1.1.0"]
        pytest.skip("the builds did not overlap on this machine")
    assert built == ["built 1.0.0"] and len(errors) == 1 and "is busy" in errors[0], outputs
    assert Store(tmp_path / "store").versions("news") == ["1.0.0"]
    assert not list((tmp_path / "store" / "news" / ".staging").iterdir()), "the refused build left nothing"


def test_a_stale_staging_folder_is_removed_by_the_next_build(tmp_path: Path) -> None:
    store = Store(tmp_path)
    stale = tmp_path / "news" / ".staging" / "1.0.0-crashed"
    stale.mkdir(parents=True)
    with store.lock("news", "build"):
        fresh = store.stage("news", "1.0.0")
    assert fresh.exists() and not stale.exists()


def test_every_writer_of_a_dataset_waits_its_turn(tmp_path: Path) -> None:
    """Build, rebuild, validate, report and publish all refuse while another process writes the
    dataset; reading (load, diff) goes on."""
    import curate
    from curate.config import load_config
    from curate.pipeline.build import build
    from curate.pipeline.rebuild import rebuild
    from curate.publishing import publish
    from curate.reporting import write_report
    from curate.validation import validate_version

    config = load_config(None, {"executor": {"workers": 1}})
    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(3), 0))
    store = Store(tmp_path / "store")
    build([corpus], "news", config, store=store)
    holder = _hold(store.root)
    try:
        writers = [lambda: build([corpus], "news", config, store=store),
                   lambda: rebuild("news", "1.0.0", config, store=store),
                   lambda: validate_version(store, "news", "1.0.0", config),
                   lambda: write_report(store, "news", "1.0.0"),
                   lambda: publish(store, "news", "1.0.0")]
        for write in writers:
            with pytest.raises(StoreError, match="is busy"):
                write()
        with pytest.warns(UserWarning, match="its quality gate never ran"):
            assert len(curate.load("news", "1.0.0", store=store.root, allow_failed=True)["train"]) >= 1
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert store.versions("news") == ["1.0.0"]
