"""Claims across the kept articles: how many per document, the most cited sources, and the
status and kind mix, one batch at a time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from curate.claims.antecedents import PRONOUNS
from curate.reporting.bounded import Histogram, TopK, ranked

PER_DOCUMENT_EDGES = [float(i) for i in range(31)] + [float("inf")]
TOP_SOURCES = 25
SOURCE_CAPACITY = 5000
SOURCE_CHARS = 120


@dataclass
class ClaimFigures:
    per_document: Histogram = field(default_factory=lambda: Histogram(PER_DOCUMENT_EDGES, open_end=True, discrete=True))
    status: Counter[str] = field(default_factory=Counter)
    kind: Counter[str] = field(default_factory=Counter)
    status_by_kind: Counter[tuple[str, str]] = field(default_factory=Counter)
    unsourced: int = 0
    pronoun_sources: int = 0  # sources written as a pronoun (`curate.claims.antecedents.PRONOUNS`)
    resolved: int = 0  # of those, resolved to a name (`source_resolved`; versions before article_v3 have none)
    sources: TopK = field(default_factory=lambda: TopK(SOURCE_CAPACITY))

    def add(self, batch: pa.RecordBatch) -> None:
        claims = batch.column("claims")
        self.per_document.add(pc.list_value_length(claims).to_numpy(zero_copy_only=False))
        flat = pc.list_flatten(claims)
        if len(flat) == 0:
            return
        table = pa.table({"kind": flat.field("kind"), "status": flat.field("status")})
        for row in table.group_by(["kind", "status"]).aggregate([("kind", "count")]).to_pylist():
            self.kind[row["kind"]] += row["kind_count"]
            self.status[row["status"]] += row["kind_count"]
            self.status_by_kind[(row["kind"], row["status"])] += row["kind_count"]
        # Sources trimmed and case-folded ("He" and "he" are one source); a pronoun resolved within
        # its article counts as the name it stands for.
        written = pc.utf8_trim_whitespace(flat.field("source"))
        self.unsourced += written.null_count + int(pc.sum(pc.equal(written, "")).as_py() or 0)
        pronoun = pc.is_in(pc.utf8_lower(written), value_set=pa.array(sorted(PRONOUNS)))
        self.pronoun_sources += int(pc.sum(pronoun).as_py() or 0)
        if flat.type.get_field_index("source_resolved") >= 0:
            resolved = flat.field("source_resolved")
            self.resolved += len(resolved) - resolved.null_count
            written = pc.coalesce(resolved, written)
        written = pc.utf8_slice_codeunits(written, 0, SOURCE_CHARS)
        named = pc.drop_null(pc.if_else(pc.equal(written, ""), None, written))
        if len(named):
            counts = pc.value_counts(pc.utf8_lower(named)).flatten()
            self.sources.update(zip(*(c.to_pylist() for c in counts)))

    def to_json(self) -> dict[str, Any]:
        total = sum(self.kind.values())
        documents = self.per_document.to_json()
        return {
            "claims": total,
            "documents": documents["total"],
            "documents_with_claims": documents["total"] - documents["counts"][0],
            "per_document": documents,
            "status": ranked(self.status),
            "kind": ranked(self.kind),
            "status_by_kind": {kind: {status: n for (k, status), n in sorted(self.status_by_kind.items()) if k == kind}
                               for kind in sorted(self.kind)},
            "unsourced": self.unsourced,
            "pronoun_sources": self.pronoun_sources,
            "resolved_sources": self.resolved,
            "top_sources": [{"source": source, "claims": count, "max_error": error}
                            for source, count, error in self.sources.most_common(TOP_SOURCES)],
        }
