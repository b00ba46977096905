"""Key statistics of one version, as a flat `{key: number}` map that two versions can share.

Counts come from the manifest's accounting (documents read, kept, dropped, rejected, per split and
per reason); the rest from a few narrow columns streamed batch by batch (`quality.n_words`,
`quality.n_chars`, `boilerplate_ratio`, the claims' `kind`, `language`), never whole rows. Keys
are dotted (`split.train`, `language.en`, `reason.policy_too_short`) so a diff, a JSON consumer
and a table all read them the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pyarrow.compute as pc

from curate.versioning.refs import VersionRef

_COLUMNS = ["quality.n_words", "quality.n_chars", "boilerplate_ratio", "claims.list.element.kind", "language"]
Stats = dict[str, float]  # every count is an int; means are rounded to 4 decimals


@dataclass
class _Sums:
    """Running totals; a total stays None while no shard has its column (an older schema)."""

    rows: int = 0
    words: int | None = None
    chars: int | None = None
    boilerplate: float | None = None
    claims: int | None = None

    def add(self, name: str, value: Any) -> None:
        setattr(self, name, (getattr(self, name) or 0) + (value.as_py() or 0))

    def mean(self, name: str) -> float | None:
        total = getattr(self, name)
        return None if total is None else round(total / self.rows, 4) if self.rows else 0.0


def version_stats(ref: VersionRef) -> Stats:
    """Accounting, split sizes, mean words and characters, mean boilerplate ratio, claims per
    document and the language mix of a version's kept documents."""
    acc = ref.manifest.accounting
    stats: Stats = {"documents.read": acc.read, "documents.kept": acc.kept, "documents.dropped": acc.dropped,
                    "documents.rejected": acc.rejected}
    stats.update({f"split.{split}": count for split, count in acc.by_split.items()})
    sums, languages = _Sums(), Counter[str]()
    for batch in ref.batches(_COLUMNS):
        sums.rows += batch.num_rows
        names = batch.schema.names
        if "quality" in names:
            quality = batch.column("quality")
            for signal, total in (("n_words", "words"), ("n_chars", "chars")):
                if quality.type.get_field_index(signal) >= 0:
                    sums.add(total, pc.sum(pc.struct_field(quality, signal)))
        if "boilerplate_ratio" in names:
            sums.add("boilerplate", pc.sum(batch.column("boilerplate_ratio")))
        if "claims" in names:
            sums.add("claims", pc.sum(pc.list_value_length(batch.column("claims"))))
        if "language" in names:
            for item in pc.value_counts(batch.column("language")).to_pylist():
                languages[item["values"]] += item["counts"]
    numbers = {"words.mean": sums.mean("words"), "words.total": sums.words, "chars.mean": sums.mean("chars"),
               "boilerplate_ratio.mean": sums.mean("boilerplate"), "claims.per_doc": sums.mean("claims")}
    stats.update({key: value for key, value in numbers.items() if value is not None})
    stats.update({f"language.{code}": count for code, count in sorted(languages.items())})
    stats.update({f"reason.{code}": count for code, count in sorted(acc.by_reason.items())})
    return stats
