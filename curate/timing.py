"""CPU time of a build by part, each stage and the work around them, for `benchmarks/build_profile.py`.

Off unless a `Recording` is active in this process. Then each call made through `timed` (or a
function marked with `timed_as`) adds its CPU seconds (`time.process_time`) to its part, less the
seconds of the parts timed inside it: no second is counted twice, so the parts and what was not
timed add up to the process's CPU time. Only this process and thread are timed: profile a build
with one worker, which runs every task in the build's own process. Off, a timed call costs one
more Python call and a global lookup (about 0.1 us); on, about 3 us (two clock reads), some 1% of
a news article's CPU time with every stage on.
"""

from __future__ import annotations

import functools
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")

READ = "read"  # reading inputs and decoding records into documents
CHECKPOINTS = "checkpoints"  # batch keys, and batches pickled to and from the checkpoint folder
ROWS = "rows"  # Arrow tables made from the Python rows
# What the corpus-wide duplicate decisions need and do: each kept row's summary and MinHash
# signature, the candidate index and clusters, exact duplicates, the decisions applied to the rows.
DEDUP = "dedup"
WRITE = "write"  # Parquet shards encoded and written
WORK = (READ, CHECKPOINTS, ROWS, DEDUP, WRITE)
"""The parts outside the stages, in the order a document meets them."""


class Recording:
    """CPU seconds and calls by part. `run` is the one place a part is timed: a subclass may do
    more around it (the profile's `--cprofile` turns cProfile on inside one part)."""

    def __init__(self) -> None:
        self.seconds: defaultdict[str, float] = defaultdict(float)
        self.calls: Counter[str] = Counter()
        self._inner = [0.0]  # per open part (and the outside), seconds of the parts timed inside it

    def run(self, part: str, call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        self._inner.append(0.0)
        start = time.process_time()
        try:
            return call(*args, **kwargs)
        finally:
            spent = time.process_time() - start
            self.seconds[part] += spent - self._inner.pop()
            self.calls[part] += 1
            self._inner[-1] += spent


_active: Recording | None = None


@contextmanager
def recording(into: Recording | None = None) -> Iterator[Recording]:
    """Time the parts called in this process while the block runs, into `into` (or a new one)."""
    global _active
    if _active is not None:
        raise RuntimeError("a timing recording is already active in this process")
    _active = into if into is not None else Recording()
    try:
        yield _active
    finally:
        _active = None


def timed(part: str, call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`call(*args, **kwargs)`, its CPU seconds counted to `part` while a recording is active."""
    if _active is None:
        return call(*args, **kwargs)
    return _active.run(part, call, *args, **kwargs)


def timed_iter(part: str, items: Iterable[T]) -> Iterator[T]:
    """`items`, the CPU seconds of making each counted to `part` while a recording is active
    (off: their own iterator, nothing in between)."""
    if _active is None:
        return iter(items)
    return _timed_items(_active, part, iter(items))


def _timed_items(into: Recording, part: str, items: Iterator[T]) -> Iterator[T]:
    while True:
        try:
            item = into.run(part, next, items)
        except StopIteration:
            return
        yield item


def timed_as(name: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Mark a function whose every call is work of part `name`."""

    def mark(function: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(function)
        def timed_function(*args: P.args, **kwargs: P.kwargs) -> R:
            return timed(name, function, *args, **kwargs)

        return timed_function

    return mark
