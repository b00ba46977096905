"""Count, per source, in how many documents each line occurs, in bounded memory.

Lossy counting (Manku and Motwani, 2002): every line whose document frequency is at least
`error` x documents is kept, with a count that is low by at most `error` x documents. With the
template threshold well above `error`, no template is missed, and memory stays around
(1 / error) x log(error x documents) entries per source instead of one per distinct line.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from curate.templates.table import TemplateTable


@dataclass
class _SourceCounts:
    documents: int = 0
    counts: dict[int, list[int]] = field(default_factory=dict)  # key -> [count, max undercount]


@dataclass
class TemplateCounter:
    """Feed each document's line keys with `add`; `table` gives the templates found."""

    min_share: float
    min_docs: int
    error: float = 0.001
    _sources: dict[str, _SourceCounts] = field(default_factory=dict)

    def add(self, source: str, keys: Iterable[int]) -> None:
        counts = self._sources.setdefault(source, _SourceCounts())
        counts.documents += 1
        width = math.ceil(1 / self.error)
        bucket = math.ceil(counts.documents / width)
        for key in keys:
            entry = counts.counts.get(key)
            if entry is None:
                counts.counts[key] = [1, bucket - 1]
            else:
                entry[0] += 1
        if counts.documents % width == 0:  # end of a bucket: prune
            counts.counts = {k: v for k, v in counts.counts.items() if v[0] + v[1] > bucket}

    def table(self) -> TemplateTable:
        templates: dict[str, frozenset[int]] = {}
        documents: dict[str, int] = {}
        for source, counts in self._sources.items():
            needed = max(self.min_docs, math.ceil(self.min_share * counts.documents))
            found = frozenset(k for k, (count, _) in counts.counts.items() if count >= needed)
            documents[source] = counts.documents
            if found:
                templates[source] = found
        return TemplateTable(templates, documents)
