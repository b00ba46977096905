"""Union-find over document indices, with roots that do not depend on the order of unions.

Union by size and path compression keep trees shallow; the cluster's name is chosen only at the
end (`smallest_roots`: the smallest index in each set), so any order of the same unions gives the
same answer. Finding roots is vectorized (`find`), which lets the caller drop, in one numpy step,
the many candidate pairs that are already joined: later LSH bands mostly repeat earlier ones.
"""

from __future__ import annotations

import numpy as np


class UnionFind:
    """Disjoint sets over `0 .. size - 1`; 16 bytes a document."""

    def __init__(self, size: int) -> None:
        self._parent = np.arange(size, dtype=np.int64)
        self._size = np.ones(size, dtype=np.int64)

    def find(self, items: np.ndarray) -> np.ndarray:
        """The current root of each of `items`; compresses their paths to point at it."""
        parent = self._parent
        roots: np.ndarray = parent[items]
        while True:
            above = parent[roots]
            if np.array_equal(above, roots):
                break
            roots = above
        parent[items] = roots
        return roots

    def union(self, a: np.ndarray, b: np.ndarray) -> None:
        """Join the set of `a[i]` with the set of `b[i]`, for every `i`."""
        roots_a, roots_b = self.find(a), self.find(b)
        apart = roots_a != roots_b
        for x, y in zip(roots_a[apart].tolist(), roots_b[apart].tolist()):
            self._union_roots(self._root(x), self._root(y))

    def smallest_roots(self) -> np.ndarray:
        """Per item, the smallest item of its set (int64)."""
        count = self._parent.size
        roots = self.find(np.arange(count, dtype=np.int64))
        smallest = np.full(count, count, dtype=np.int64)
        np.minimum.at(smallest, roots, np.arange(count, dtype=np.int64))
        per_item: np.ndarray = smallest[roots]
        return per_item

    def _root(self, item: int) -> int:
        parent = self._parent
        while (above := int(parent[item])) != item:
            parent[item] = parent[above]  # path splitting: point at the grandparent
            item = above
        return item

    def _union_roots(self, x: int, y: int) -> None:
        if x == y:
            return
        if self._size[x] < self._size[y]:
            x, y = y, x
        self._parent[y] = x
        self._size[x] += self._size[y]
