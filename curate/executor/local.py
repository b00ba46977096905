"""The local executor: one process pool for a whole build, over batches, streaming and ordered.

The caller hands batches to `LocalExecutor.map` with a module-level task `task(batch, state)`, once
per pass; the same worker processes serve every pass, so a build forks them once. `state` (the
config and what every row records) goes to each worker once, at start-up. At most `4 x workers`
batches are in flight, so memory does not grow with the corpus, and results come back in
submission order, so the output does not depend on the number of workers. A worker hands each
result over in a file of its own (`_Handed`), not through the pool's pipe, so it never waits for
this process to read it.
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import pickle
import shutil
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeVar

from curate.executor.lifetime import die_with_parent

Item = TypeVar("Item")
Result = TypeVar("Result")
Carry = TypeVar("Carry")
Job_co = TypeVar("Job_co", covariant=True)
Carry_co = TypeVar("Carry_co", covariant=True)


class Source(Protocol[Job_co, Carry_co]):
    """Jobs with what each carries back, readable in parts (`curate.pipeline.reading.InputBatches`):
    an executor reads them where it likes, here or in its own workers."""

    def parts(self) -> list[Any]: ...

    def jobs(self, taper: int = 0) -> Iterator[tuple[Job_co | None, Carry_co]]: ...

# Batches in flight per worker. With two, the workers waited in the finishing pass, whose batches
# are short (about 40 ms) while this process writes Parquet between results: 0.32-0.51 s of each
# worker's 14-16 in a 10,000-document build, 0.22-0.25 s with four (results in files both ways).
_AHEAD = 4
_WORKER_STATE: Any = None
_WORKER_RESULTS: Path | None = None  # the folder a worker leaves its results in
_RESULT_NUMBERS = itertools.count()


class _HidePandas:
    """A meta-path finder under which `import pandas` fails."""

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if name.partition(".")[0] == "pandas":
            raise ImportError("pandas is not needed in a build worker")
        return None


def _pyarrow_without_pandas() -> None:
    """pyarrow imports pandas at its first conversion from Python objects, only to recognise pandas
    inputs (0.3 CPU-s in every worker); a worker never hands it one, so let that first check
    find no pandas. pyarrow retries the import when a pandas API is really called."""
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    finder = _HidePandas()
    sys.meta_path.insert(0, finder)
    try:
        pa.array([])
    finally:
        sys.meta_path.remove(finder)


def _init_worker(parent: int, state: Any, results: Path) -> None:
    global _WORKER_STATE, _WORKER_RESULTS
    die_with_parent(parent)
    _WORKER_STATE = state
    _WORKER_RESULTS = results
    _pyarrow_without_pandas()


class _Handed:
    """A task's result, left by its worker in a file. Through the pool's pipe (64 KB), a result
    of hundreds of KB (a finished batch's rows: 366 KB on average for 64 news articles) kept its
    worker waiting until this process had read it all: the sends took 0.42 s of the two workers'
    time in a 10,000-document build. A file is written at once, and read here when the result is
    taken."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def take(self) -> Any:
        try:
            with self.path.open("rb") as handle:
                return pickle.load(handle)
        finally:
            self.path.unlink(missing_ok=True)


def _run_in_worker(task: Callable[[Any, Any], Result], job: Any) -> _Handed:
    assert _WORKER_RESULTS is not None, "a worker of LocalExecutor"
    result = task(job, _WORKER_STATE)
    path = _WORKER_RESULTS / f"{os.getpid()}-{next(_RESULT_NUMBERS)}.pickle"
    with path.open("wb") as handle:
        pickle.dump(result, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return _Handed(path)


def _emptied(folder: Path) -> Path:
    """`folder`, an empty folder: a killed build's results in it go, and so does a file, a special
    file or a link in its place (never what a link points to)."""
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        folder.unlink()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def _taken(handed: Future[_Handed]) -> Future[Any]:
    """A future of the result itself, once the worker has handed it over."""
    result: Future[Any] = Future()

    def take(done: Future[_Handed]) -> None:
        try:
            result.set_result(done.result().take())
        except BaseException as exc:  # noqa: BLE001 - the task's own failure, for the caller
            result.set_exception(exc)

    handed.add_done_callback(take)
    return result


def _cut(items: Iterable[Item], size: int, weight: Callable[[Item], int] | None,
         budget: int | None) -> Iterator[list[Item]]:
    """Consecutive lists of at most `size` items weighing at most `budget` in all (an item heavier
    than that alone goes in a list of its own)."""
    batch: list[Item] = []
    total = 0
    for item in items:
        heavy = weight(item) if weight is not None else 0
        if batch and (len(batch) == size or (budget is not None and total + heavy > budget)):
            yield batch
            batch, total = [], 0
        batch.append(item)
        total += heavy
    if batch:
        yield batch


def batches(items: Iterable[Item], size: int, taper: int = 0, *, weight: Callable[[Item], int] | None = None,
            budget: int | None = None) -> Iterator[list[Item]]:
    """Lists of `size` items, or fewer when their `weight`s would pass `budget` (bytes: a run of
    large documents cannot take more memory than that), except at the end: the last `taper`
    batches' worth of items come in quarter-size batches, so that `taper` workers run out of work
    at about the same time. At most `taper + 1` batches are held back to see the end coming."""
    full = _cut(items, size, weight, budget)
    if not taper:
        yield from full
        return
    ahead: deque[list[Item]] = deque()
    for batch in full:
        ahead.append(batch)
        if len(ahead) > taper + 1:
            yield ahead.popleft()
    yield from _cut((item for batch in ahead for item in batch), max(1, size // 4), weight, budget)


def worker_count(requested: int) -> int:
    return requested or os.cpu_count() or 1


class LocalExecutor:
    """`workers` processes (forked on Linux: they start with every module the parent imported),
    started at the first `map` and kept until `close`; `workers <= 1` runs every task here.
    `scratch`, a folder of the executor's own (emptied at the start: a killed build's results may
    be in it), is where the workers leave their results; a temporary folder when None."""

    def __init__(self, workers: int, state: Any, scratch: Path | None = None) -> None:
        self.workers = worker_count(workers)
        self._state = state
        self._scratch = scratch
        self._pool: ProcessPoolExecutor | None = None
        self._results: Path | None = None  # where the workers leave their results
        self._thaws = False  # whether `close` gives the collector back what `__enter__` froze

    def __enter__(self) -> LocalExecutor:
        """Freeze what is alive now (modules, models, compiled rules: 100,000 objects and more)
        out of the cyclic collector's reach until `close`: its full collections no longer walk
        them (0.33-0.40 s -> 0.14 s of collection in a 10,000-document build), and forked
        workers do not write to the pages they share with this process to mark them. The freeze is
        process-wide: where something was frozen already (a caller's own freeze, an executor open
        around this one), that freeze's owner thaws it, not this executor."""
        self._thaws = gc.get_freeze_count() == 0
        gc.freeze()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
        if self._results is not None:
            shutil.rmtree(self._results, ignore_errors=True)
            self._results = None
        if self._thaws:
            gc.unfreeze()  # collectable again, when a long-lived process lets them go
            self._thaws = False

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
            if self._scratch is None:
                self._results = Path(tempfile.mkdtemp(prefix="curate-results-"))
            else:
                self._results = _emptied(self._scratch)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker,
                                             initargs=(os.getpid(), self._state, self._results))
        return self._pool

    def submit(self, task: Callable[[Item, Any], Result], item: Item) -> Future[Result]:
        """`task(item, state)` on its own, for a result the caller collects later."""
        if self.workers <= 1:
            done: Future[Result] = Future()
            done.set_result(task(item, self._state))
            return done
        return _taken(self._started().submit(_run_in_worker, task, item))

    def map_source(self, task: Callable[[Item, Any], Result],
                   source: Source[Item, Carry]) -> Iterator[tuple[Result | None, Carry]]:
        """`task(job, state)` for every job of `source`, read here; (result, carry) in input
        order, and then (None, carry) for each job that was None."""
        carries: deque[Carry] = deque()
        idle: list[Carry] = []

        def jobs() -> Iterator[Item]:
            for job, carry in source.jobs(taper=self.workers):
                if job is None:
                    idle.append(carry)
                    continue
                carries.append(carry)
                yield job

        for result in self.map(task, jobs()):
            yield result, carries.popleft()
        for carry in idle:
            yield None, carry

    def map(self, task: Callable[[Item, Any], Result], work: Iterable[Item]) -> Iterator[Result]:
        """`task(batch, state)` for every batch, results in input order."""
        if self.workers <= 1:
            for batch in work:
                yield task(batch, self._state)
            return
        pool = self._started()
        pending: deque[Future[_Handed]] = deque()
        for batch in work:
            pending.append(pool.submit(_run_in_worker, task, batch))
            if len(pending) >= _AHEAD * self.workers:
                yield pending.popleft().result().take()
        while pending:
            yield pending.popleft().result().take()

