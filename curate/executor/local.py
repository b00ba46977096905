"""The local executor: a process pool over batches, streaming and ordered.

The caller reads (cheap, and it keeps record order) and hands batches to `run_local` with a
module-level task `task(batch, state)`. `state` (config, lexicons, the template table) goes to
each worker once, at start-up. At most `2 x workers` batches are in flight, so memory does not
grow with the corpus, and results come back in submission order, so the output does not depend
on the number of workers.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

_WORKER_STATE: Any = None


def _init_worker(state: Any) -> None:
    global _WORKER_STATE
    _WORKER_STATE = state


def _run_in_worker(task: Callable[[list[Any], Any], Result], batch: list[Any]) -> Result:
    return task(batch, _WORKER_STATE)


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def worker_count(requested: int) -> int:
    return requested or os.cpu_count() or 1


def run_local(task: Callable[[list[Item], Any], Result], work: Iterable[list[Item]], state: Any,
              workers: int) -> Iterator[Result]:
    """`task(batch, state)` for every batch, results in input order; `workers <= 1` runs here."""
    workers = worker_count(workers)
    if workers <= 1:
        for batch in work:
            yield task(batch, state)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(state,)) as pool:
        pending: deque[Future[Result]] = deque()
        for batch in work:
            pending.append(pool.submit(_run_in_worker, task, batch))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
