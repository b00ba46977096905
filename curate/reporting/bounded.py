"""The only state the report keeps while it streams shards: fixed-bin histograms and bounded top-k
counters. Both merge per batch, so memory does not grow with the number of documents.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np


@dataclass
class Histogram:
    """Counts over fixed bins `[edges[i], edges[i + 1])`; values past the ends fall into the first
    or last bin, whose labels say so (`< 0`, `5000+`), so no document is left out of a chart.

    >>> h = Histogram([0, 10, 100])
    >>> h.add([3, 50, 1000]); h.counts
    [1, 2]
    """

    edges: Sequence[float]
    open_end: bool = False  # the last bin is "edges[-2] and more"
    discrete: bool = False  # bins of width 1 over counts: label a bin by its one value
    counts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        if len(self.edges) < 2 or list(self.edges) != sorted(self.edges):
            raise ValueError(f"histogram edges must be ascending, at least two: {list(self.edges)}")
        self.counts = self.counts or [0] * (len(self.edges) - 1)

    def add(self, values: Iterable[float] | np.ndarray) -> None:
        array = np.asarray(values, dtype=np.float64)
        if array.size == 0:
            return
        array = array[~np.isnan(array)]
        bins = np.searchsorted(np.asarray(self.edges, dtype=np.float64), array, side="right") - 1
        bins = np.clip(bins, 0, len(self.counts) - 1)
        for index, count in enumerate(np.bincount(bins, minlength=len(self.counts)).tolist()):
            self.counts[index] += count

    def labels(self) -> list[str]:
        def number(x: float) -> str:
            return f"{x:g}"

        labels = [number(a) if self.discrete else f"{number(a)}-{number(b)}"
                  for a, b in zip(self.edges[:-1], self.edges[1:])]
        if self.open_end:
            labels[-1] = f"{number(self.edges[-2])}+"
        return labels

    def to_json(self) -> dict[str, Any]:
        # JSON has no infinity: an open last edge is null.
        return {"edges": [float(e) if e != float("inf") else None for e in self.edges], "labels": self.labels(),
                "counts": list(self.counts),
                "discrete": self.discrete,
                "total": sum(self.counts)}


@dataclass
class TopK:
    """Approximate counts of the most frequent keys in at most `2 x capacity` entries (Space-Saving,
    batched: Metwally et al., 2005).

    While a key set has never outgrown `2 x capacity`, every count is exact (`error` 0: the sample
    and the benchmark corpus stay far below). After a prune, a key entering anew starts at the
    largest count pruned so far (`floor`) and remembers it as its `error`: its true count lies in
    `[count - error, count]`, and every key whose true count exceeds the floor is still held.
    """

    capacity: int
    _counts: dict[Any, list[int]] = field(default_factory=dict)  # key -> [count, error]
    floor: int = 0

    def add(self, key: Any, count: int = 1) -> None:
        entry = self._counts.get(key)
        if entry is None:
            self._counts[key] = [self.floor + count, self.floor]
            if len(self._counts) > 2 * self.capacity:
                self._prune()
        else:
            entry[0] += count

    def update(self, pairs: Iterable[tuple[Any, int]]) -> None:
        for key, count in pairs:
            self.add(key, count)

    def _prune(self) -> None:
        ranked = sorted(self._counts.items(), key=lambda item: -item[1][0])
        self.floor = max(self.floor, max(entry[0] for _, entry in ranked[self.capacity:]))
        self._counts = dict(ranked[:self.capacity])

    def keys(self) -> set[Any]:
        return set(self._counts)

    def __len__(self) -> int:
        return len(self._counts)

    def most_common(self, n: int) -> list[tuple[Any, int, int]]:
        """(key, count, error) of the `n` largest counts; ties in key order, so output is stable."""
        ranked = sorted(self._counts.items(), key=lambda item: (-item[1][0], str(item[0])))
        return [(key, count, error) for key, (count, error) in ranked[:n]]


def ranked(counts: Counter[str]) -> dict[str, int]:
    """Counts largest first, ties by key: the same dict whatever order the batches came in."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
