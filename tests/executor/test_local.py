"""The local executor: ordered results, one set of worker processes for every pass, no pandas."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
import time
import weakref
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from curate.executor import LocalExecutor, batches


def _describe(batch: list[int], state: str) -> tuple[list[int], str, int]:
    time.sleep(0.01 * (batch[0] % 3))  # finish out of order
    return batch, state, os.getpid()


def test_results_come_back_in_order_from_the_same_workers_in_every_pass() -> None:
    with LocalExecutor(2, "state") as executor:
        first = list(executor.map(_describe, batches(range(20), 3)))
        second = list(executor.map(_describe, batches(range(20), 3)))
    for results in (first, second):
        assert [n for batch, _, _ in results for n in batch] == list(range(20))
        assert {state for _, state, _ in results} == {"state"}
    pids = {pid for _, _, pid in first + second}
    assert len(pids) <= 2 and os.getpid() not in pids


def test_one_worker_runs_here() -> None:
    with LocalExecutor(1, "state") as executor:
        assert {pid for _, _, pid in executor.map(_describe, [[1], [2]])} == {os.getpid()}


def _frozen(batch: list[int], state: object) -> int:
    return gc.get_freeze_count()


def test_what_lives_before_the_executor_is_frozen_while_it_runs_and_only_then() -> None:
    """The collector skips the objects alive when the executor opens (the parent's, and the
    workers' copies), and can collect them again once it is closed."""
    gc.unfreeze()
    reference = weakref.ref(_Cycle())  # garbage only the collector can free
    with LocalExecutor(2, None) as executor:
        assert gc.get_freeze_count() > 1000
        assert all(count > 1000 for count in executor.map(_frozen, [[1], [2]]))
    assert gc.get_freeze_count() == 0
    gc.collect()
    assert reference() is None


def test_the_executor_thaws_only_a_freeze_of_its_own() -> None:
    """A caller's own freeze, and an executor's open around another, outlive the inner one's
    close; the executor that froze first thaws everything when it closes."""
    gc.unfreeze()
    gc.freeze()
    with LocalExecutor(1, None):
        pass
    assert gc.get_freeze_count() > 1000  # the caller's freeze stands
    gc.unfreeze()
    with LocalExecutor(1, None) as outer:
        with LocalExecutor(1, None):
            pass
        assert gc.get_freeze_count() > 1000
        outer.close()
        assert gc.get_freeze_count() == 0
    assert gc.get_freeze_count() == 0


class _Cycle:
    def __init__(self) -> None:
        self.me = self


_NO_PANDAS = """
import sys
import pyarrow as pa
from curate.executor import LocalExecutor

def task(batch, state):
    pa.Table.from_pylist([{"n": n} for n in batch])
    return "pandas" in sys.modules

if __name__ == "__main__":
    with LocalExecutor(2, None) as executor:
        print(any(executor.map(task, [[1, 2], [3]])))
"""


def test_workers_do_not_import_pandas_for_pyarrow(tmp_path: Path) -> None:
    # In a fresh interpreter: forked workers inherit the modules of this test session.
    script = tmp_path / "no_pandas.py"
    script.write_text(_NO_PANDAS, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_batches_taper_at_the_end() -> None:
    assert [len(b) for b in batches(range(10), 4)] == [4, 4, 2]
    tapered = list(batches(range(50), 8, taper=2))
    assert [n for batch in tapered for n in batch] == list(range(50))
    assert [len(b) for b in tapered] == [8, 8, 8, 8] + [2] * 9
    assert [len(b) for b in batches(range(5), 8, taper=2)] == [2, 2, 1]


def test_batches_stay_under_their_byte_budget() -> None:
    sizes = [3, 3, 3, 9, 1, 1, 5, 5]  # the 9 is over the budget: it goes alone
    cut = list(batches(sizes, 8, weight=lambda n: n, budget=8))
    assert cut == [[3, 3], [3], [9], [1, 1, 5], [5]]
    tapered = list(batches(sizes * 4, 8, taper=2, weight=lambda n: n, budget=8))
    assert [n for batch in tapered for n in batch] == sizes * 4
    assert all(sum(batch) <= 8 or len(batch) == 1 for batch in tapered)


def _large(batch: list[int], state: object) -> bytes:
    return bytes([batch[0] % 256]) * (3 * 2**20)  # far more than a pipe holds


def _fail(batch: list[int], state: object) -> int:
    if batch[0] == 2:
        raise ValueError(f"batch {batch} is bad")
    return batch[0]


def _results_folders() -> set[str]:
    return {path.name for path in Path(tempfile.gettempdir()).glob("curate-results-*")}


def test_results_of_megabytes_come_back_whole_and_leave_no_file() -> None:
    before = _results_folders()
    with LocalExecutor(2, None) as executor:
        results = list(executor.map(_large, [[n] for n in range(9)]))
        handed = executor.submit(_large, [7]).result()
        assert len(_results_folders() - before) == 1
        assert not any(any(Path(tempfile.gettempdir(), name).iterdir()) for name in _results_folders() - before)
    assert results == [bytes([n]) * (3 * 2**20) for n in range(9)]
    assert handed == bytes([7]) * (3 * 2**20)
    assert _results_folders() == before  # the folder goes with the executor


def test_a_task_s_failure_reaches_the_caller_as_it_was_raised() -> None:
    with LocalExecutor(2, None) as executor:
        with pytest.raises(ValueError, match=r"batch \[2\] is bad"):
            list(executor.map(_fail, [[1], [2], [3]]))
        with pytest.raises(ValueError, match=r"batch \[2\] is bad"):
            executor.submit(_fail, [2]).result()
        assert executor.submit(_fail, [5]).result() == 5


def test_a_scratch_folder_is_emptied_first_and_removed_at_the_end(tmp_path: Path) -> None:
    """What a killed build's workers left in the executor's folder goes at the next start."""
    scratch = tmp_path / ".executor"
    scratch.mkdir()
    (scratch / "12345-0.pickle").write_bytes(b"a result nobody took")
    with LocalExecutor(2, None, scratch) as executor:
        assert list(executor.map(_describe, [[1], [2]]))[1][0] == [2]
        assert not any(scratch.iterdir())
    assert not scratch.exists()


def _die(batch: list[int], state: object) -> int:
    if batch[0] == 2:
        os._exit(9)  # a worker killed in the middle of a task (the OOM killer, say)
    return batch[0]


def test_a_worker_killed_mid_task_fails_the_map_and_leaves_no_results(tmp_path: Path) -> None:
    scratch = tmp_path / ".executor"
    with pytest.raises(BrokenProcessPool), LocalExecutor(2, None, scratch) as executor:
        list(executor.map(_die, [[n] for n in range(6)]))
    assert not scratch.exists()


@pytest.mark.parametrize("planted", ["a file", "a symlink to a folder"])
def test_what_sits_at_the_scratch_path_is_replaced_and_nothing_beyond_it_is_touched(tmp_path: Path,
                                                                                   planted: str) -> None:
    scratch, elsewhere = tmp_path / ".executor", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("not the executor's", encoding="utf-8")
    if planted == "a file":
        scratch.write_text("in the way", encoding="utf-8")
    else:
        scratch.symlink_to(elsewhere, target_is_directory=True)
    with LocalExecutor(2, None, scratch) as executor:
        assert [n for batch, _, _ in executor.map(_describe, [[1], [2]]) for n in batch] == [1, 2]
        assert scratch.is_dir() and not scratch.is_symlink()
    assert not scratch.exists()
    assert (elsewhere / "keep.txt").read_text(encoding="utf-8") == "not the executor's"
