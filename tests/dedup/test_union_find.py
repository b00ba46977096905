"""Union-find: the sets are the connected components, named by their smallest member, whatever
the order of the unions."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.dedup.union_find import UnionFind

pairs = st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=60)


def _components(size: int, edges: list[tuple[int, int]]) -> list[int]:
    """Smallest member of each item's component, by flooding (the reference)."""
    neighbours: dict[int, set[int]] = {i: set() for i in range(size)}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    smallest = list(range(size))
    for start in range(size):
        seen, todo = {start}, [start]
        while todo:
            for other in neighbours[todo.pop()] - seen:
                seen.add(other)
                todo.append(other)
        smallest[start] = min(seen)
    return smallest


def _roots(size: int, edges: list[tuple[int, int]], chunk: int) -> list[int]:
    sets = UnionFind(size)
    for start in range(0, len(edges), chunk):
        part = np.array(edges[start:start + chunk], dtype=np.int64).reshape(-1, 2)
        sets.union(part[:, 0], part[:, 1])
    return sets.smallest_roots().tolist()


@settings(max_examples=150, deadline=None)
@given(pairs, st.randoms(use_true_random=False), st.integers(1, 10))
def test_any_order_and_batching_gives_the_components(edges, rng, chunk):
    expected = _components(30, edges)
    assert _roots(30, edges, chunk=len(edges) or 1) == expected
    shuffled = [(b, a) if rng.random() < 0.5 else (a, b) for a, b in edges]
    rng.shuffle(shuffled)
    assert _roots(30, shuffled, chunk) == expected


def test_a_long_chain_joined_from_the_far_end():
    size = 1000
    sets = UnionFind(size)
    for i in reversed(range(size - 1)):
        sets.union(np.array([i + 1]), np.array([i]))
    assert (sets.smallest_roots() == 0).all()
    assert sets.find(np.array([size - 1])).tolist() == sets.find(np.array([0])).tolist()


def test_nothing_joined():
    assert UnionFind(4).smallest_roots().tolist() == [0, 1, 2, 3]
    assert UnionFind(0).smallest_roots().size == 0
