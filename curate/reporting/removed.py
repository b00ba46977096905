"""What the boilerplate stage removed: spans and characters by kind, per source, and the most
frequent lines the line stage removed (where over-removal shows first: a real sentence repeated by
many pages; what HTML pages' extractor left out counts by kind, but its menus are not listed).

Spans are flattened per batch and grouped by Arrow; only the per-(source, kind) totals and a
bounded top-k of lines outlive the batch.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from curate.boilerplate.page import RULE_PREFIX
from curate.reporting.bounded import TopK
from curate.store.read import source_names

LINE_CHARS = 200  # a removed line is counted by its first 200 characters: bounded keys
TOP_LINES = 40
LINE_CAPACITY = 5000


@dataclass
class RemovedFigures:
    spans: Counter[tuple[str, str]] = field(default_factory=Counter)  # (source, kind) -> spans
    chars: Counter[tuple[str, str]] = field(default_factory=Counter)  # (source, kind) -> characters
    documents: Counter[str] = field(default_factory=Counter)  # kind -> documents with such a span
    removed_by_source: Counter[str] = field(default_factory=Counter)  # source -> removed characters
    lines: TopK = field(default_factory=lambda: TopK(LINE_CAPACITY))
    line_sources: dict[tuple[str, str], set[str]] = field(default_factory=dict)  # only for lines held

    def add(self, batch: pa.RecordBatch) -> None:
        spans = batch.column("boilerplate")
        flat = pc.list_flatten(spans)
        if len(flat) == 0:
            return
        parents = pc.list_parent_indices(spans)
        sources = source_names(batch).take(parents)
        kinds = flat.field("kind")
        lengths = pc.utf8_length(flat.field("text"))
        table = pa.table({"source": sources, "kind": kinds, "chars": lengths, "parent": parents})
        for row in table.group_by(["source", "kind"]).aggregate([("chars", "sum"), ("kind", "count")]).to_pylist():
            key = (row["source"], row["kind"])
            self.spans[key] += row["kind_count"]
            self.chars[key] += row["chars_sum"]
            self.removed_by_source[row["source"]] += row["chars_sum"]
        per_doc = table.group_by(["kind", "parent"]).aggregate([]).column("kind")
        self.documents.update(dict(zip(*(c.to_pylist() for c in pc.value_counts(per_doc).flatten()))))
        line_stage = pc.invert(pc.starts_with(flat.field("rule"), RULE_PREFIX))  # menus would fill the top lines
        self._add_lines(flat.filter(line_stage), kinds.filter(line_stage), sources.filter(line_stage))

    def _add_lines(self, flat: pa.StructArray, kinds: pa.Array, sources: pa.Array) -> None:
        lines = pc.utf8_slice_codeunits(pc.utf8_trim_whitespace(flat.field("text")), 0, LINE_CHARS)
        table = pa.table({"line": lines, "kind": kinds, "source": sources})
        grouped = table.group_by(["line", "kind"]).aggregate([("source", "count"), ("source", "distinct")])
        found = list(zip(*(grouped.column(c).to_pylist() for c in ("line", "kind", "source_count", "source_distinct"))))
        for line, kind, count, _ in found:
            self.lines.add((line, kind), count)
        held = self.lines.keys()
        for line, kind, _, in_sources in found:
            if (line, kind) in held:
                self.line_sources.setdefault((line, kind), set()).update(in_sources)
        if len(self.line_sources) > len(held):  # the top-k pruned: forget the sources of lines it let go
            self.line_sources = {key: names for key, names in self.line_sources.items() if key in held}

    def to_json(self, documents: int) -> dict[str, Any]:
        kinds: Counter[str] = Counter()
        kind_chars: Counter[str] = Counter()
        by_source: dict[str, dict[str, int]] = {}
        for (source, kind), n in sorted(self.spans.items()):
            kinds[kind] += n
            kind_chars[kind] += self.chars[(source, kind)]
            by_source.setdefault(source, {})[kind] = n
        return {
            "spans": sum(kinds.values()),
            "chars": sum(kind_chars.values()),
            "by_kind": [{"kind": kind, "spans": n, "chars": kind_chars[kind], "documents": self.documents[kind],
                         "document_share": round(self.documents[kind] / documents, 4) if documents else 0.0}
                        for kind, n in sorted(kinds.items(), key=lambda item: (-item[1], item[0]))],
            "by_source": by_source,
            "removed_chars_by_source": dict(sorted(self.removed_by_source.items())),
            "top_lines": [{"line": line, "kind": kind, "count": count, "max_error": error,
                           "sources": len(self.line_sources.get((line, kind), ()))}
                          for (line, kind), count, error in self.lines.most_common(TOP_LINES)],
        }

