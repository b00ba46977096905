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

import pyarrow.compute as pc

from curate.versions.refs import VersionRef

_COLUMNS = ["quality.n_words", "quality.n_chars", "boilerplate_ratio", "claims.list.element.kind", "language"]
Stats = dict[str, float]


@dataclass
class _Sums:
    rows: int = 0
    words: int = 0
    chars: int = 0
    boilerplate: float = 0.0
    claims: int = 0


def _mean(total: float, rows: int) -> float:
    return round(total / rows, 4) if rows else 0.0


def version_stats(ref: VersionRef) -> Stats:
    """Accounting, split sizes, mean words and characters, mean boilerplate ratio, claims per
    document and the language mix of a version's kept documents."""
    acc = ref.manifest["accounting"]
    stats: Stats = {f"documents.{key}": acc[key] for key in ("read", "kept", "dropped", "rejected")}
    stats.update({f"split.{split}": count for split, count in acc["by_split"].items()})
    sums, languages = _Sums(), Counter[str]()
    for batch in ref.batches(_COLUMNS):
        sums.rows += batch.num_rows
        names = batch.schema.names
        if "quality" in names:
            quality = batch.column("quality")
            if quality.type.get_field_index("n_words") >= 0:
                sums.words += int(pc.sum(pc.struct_field(quality, "n_words")).as_py() or 0)
            if quality.type.get_field_index("n_chars") >= 0:
                sums.chars += int(pc.sum(pc.struct_field(quality, "n_chars")).as_py() or 0)
        if "boilerplate_ratio" in names:
            sums.boilerplate += float(pc.sum(batch.column("boilerplate_ratio")).as_py() or 0.0)
        if "claims" in names:
            sums.claims += int(pc.sum(pc.list_value_length(batch.column("claims"))).as_py() or 0)
        if "language" in names:
            for item in pc.value_counts(batch.column("language")).to_pylist():
                languages[item["values"]] += item["counts"]
    stats.update({"words.mean": _mean(sums.words, sums.rows), "words.total": sums.words,
                  "chars.mean": _mean(sums.chars, sums.rows),
                  "boilerplate_ratio.mean": _mean(sums.boilerplate, sums.rows),
                  "claims.per_doc": _mean(sums.claims, sums.rows)})
    stats.update({f"language.{code}": count for code, count in sorted(languages.items())})
    stats.update({f"reason.{code}": count for code, count in sorted(acc["by_reason"].items())})
    return stats
