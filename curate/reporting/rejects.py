"""The documents not kept: counts by reason and by source, with the first few of each reason as
examples (dropped ones keep their row, so the viewer can show what the rule saw, and a
near-duplicate names the document kept instead: `duplicate_of`).

A dropped document's publisher is read from its row's JSON with one regular expression over the
column (no JSON parsing per row); a rejected one never got a publisher, so the config's folder
mapping names it from its input path, as the build would have.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from curate.config import SourcesConfig
from curate.pipeline.publisher import resolve_publisher
from curate.policy import DUPLICATE_CONTENT as DUPLICATE_REASON
from curate.reporting.documents import Document, dropped_document
from curate.store.read import NO_SOURCE

EXAMPLES = 3
# json.dumps writes `"source": {"name": ...` with these separators; inside a JSON string every `"`
# is escaped, so the pattern can only match the row's own source field.
_SOURCE_NAME = r'"source": \{"name": (?P<name>null|"(?:[^"\\]|\\.)*")'


@dataclass
class RejectFigures:
    sources_config: SourcesConfig = field(default_factory=lambda: SourcesConfig.model_validate({}))
    reasons: Counter[tuple[str, str, str]] = field(default_factory=Counter)  # (reason, status, stage)
    by_source: Counter[tuple[str, str]] = field(default_factory=Counter)  # (source, status) -> documents
    duplicates_by_source: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, batch: pa.RecordBatch) -> None:
        sources = self._sources(batch)
        table = pa.table({"reason": batch.column("reason"), "status": batch.column("status"),
                          "stage": batch.column("stage"), "source": sources})
        for row in table.group_by(["reason", "status", "stage", "source"]).aggregate([("reason", "count")]).to_pylist():
            self.reasons[(row["reason"], row["status"], row["stage"])] += row["reason_count"]
            self.by_source[(row["source"], row["status"])] += row["reason_count"]
            if row["reason"] == DUPLICATE_REASON:
                self.duplicates_by_source[row["source"]] += row["reason_count"]
        self._add_examples(batch, sources)

    def _sources(self, batch: pa.RecordBatch) -> pa.Array:
        found = pc.struct_field(pc.extract_regex(batch.column("row_json"), _SOURCE_NAME), "name")
        names: list[str | None] = [None] * len(found)
        decoded: dict[str, str | None] = {}
        for index, (raw, uri) in enumerate(zip(found.to_pylist(), batch.column("input_uri").to_pylist())):
            if raw is not None:
                if raw not in decoded:
                    decoded[raw] = json.loads(raw)
                names[index] = decoded[raw]
            else:  # no row: a read or processing error
                names[index] = resolve_publisher(uri, None, None, self.sources_config)
        return pc.fill_null(pa.array(names, pa.string()), NO_SOURCE)

    def _add_examples(self, batch: pa.RecordBatch, sources: pa.Array) -> None:
        reasons = batch.column("reason")
        for reason in pc.unique(reasons).to_pylist():
            held = self.examples.setdefault(reason, [])
            if len(held) >= EXAMPLES:
                continue
            rows = pc.indices_nonzero(pc.equal(reasons, reason))[:EXAMPLES - len(held)]
            picked = batch.take(rows).to_pylist()
            for row, source in zip(picked, sources.take(rows).to_pylist()):
                similarity = row["similarity"]
                held.append({"status": row["status"], "input_uri": row["input_uri"], "id": row["id"],
                             "source": source, "message": row["message"], "duplicate_of": row["duplicate_of"],
                             "similarity": None if similarity is None else round(similarity, 4),
                             "row_json": row["row_json"]})

    def to_json(self) -> dict[str, Any]:
        groups = []
        for (reason, status, stage), n in sorted(self.reasons.items(), key=lambda item: (-item[1], item[0])):
            examples = [{k: v for k, v in ex.items() if k != "row_json"} for ex in self.examples.get(reason, [])]
            groups.append({"reason": reason, "status": status, "stage": stage, "documents": n, "examples": examples})
        by_source: dict[str, dict[str, int]] = {}
        for (source, status), n in sorted(self.by_source.items()):
            by_source.setdefault(source, {"dropped": 0, "rejected": 0})[status] = n
        return {"documents": sum(self.reasons.values()), "by_reason": groups, "by_source": by_source,
                "exact_duplicates": {"reason": DUPLICATE_REASON,
                                     "documents": sum(self.duplicates_by_source.values()),
                                     "by_source": dict(sorted(self.duplicates_by_source.items())),
                                     "examples": next((g["examples"] for g in groups if g["reason"] == DUPLICATE_REASON), [])}}

    def example_documents(self) -> list[Document]:
        """Every example that kept its article row (dropped by a policy rule; a document rejected
        after preparation keeps its prepared document there, not a row)."""
        return [dropped_document({**ex, "reason": reason}) for reason, held in sorted(self.examples.items())
                for ex in held if ex["status"] == "dropped" and ex["row_json"]]
