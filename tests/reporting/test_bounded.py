"""The streaming state: histograms over fixed bins and a top-k that stays bounded."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from curate.reporting.bounded import Histogram, TopK


def test_histogram_bins_and_ends() -> None:
    h = Histogram([0, 10, 100, float("inf")], open_end=True)
    h.add([-5, 0, 9.99, 10, 99, 100, 1e9, float("nan")])
    assert h.counts == [3, 2, 2], "below the first edge counts in the first bin; NaN is skipped"
    assert h.labels() == ["0-10", "10-100", "100+"]
    assert h.to_json()["total"] == 7


def test_histogram_last_edge_is_inclusive() -> None:
    h = Histogram([0.0, 0.5, 1.0])
    h.add([1.0, 0.5, 0.49])
    assert h.counts == [1, 2]


def test_histogram_rejects_bad_edges() -> None:
    with pytest.raises(ValueError, match="ascending"):
        Histogram([1, 0])


def test_discrete_labels() -> None:
    assert Histogram([0, 1, 2, float("inf")], open_end=True, discrete=True).labels() == ["0", "1", "2+"]


def test_topk_is_exact_below_capacity() -> None:
    top = TopK(capacity=10)
    top.update([("a", 3), ("b", 1), ("a", 2), ("c", 5)])
    assert top.most_common(2) == [("a", 5, 0), ("c", 5, 0)]
    assert top.floor == 0


def test_topk_stays_bounded_and_keeps_heavy_hitters() -> None:
    rng = random.Random(7)
    stream = [f"rare-{rng.randrange(100_000)}" for _ in range(20_000)] + [f"hot-{i % 5}" for i in range(5_000)]
    rng.shuffle(stream)
    top = TopK(capacity=50)
    for key in stream:
        top.add(key)
        assert len(top) <= 100
    truth = Counter(stream)
    found = {key: (count, error) for key, count, error in top.most_common(100)}
    for i in range(5):
        count, error = found[f"hot-{i}"]
        assert count - error <= truth[f"hot-{i}"] <= count
    assert {key for key, _, _ in top.most_common(5)} == {f"hot-{i}" for i in range(5)}
    assert all(truth[key] <= top.floor for key in truth if key not in found), "what is not held is rare"
