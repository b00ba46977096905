"""Per-document figures of the kept articles: the per-source table, length, boilerplate-ratio and
quality-signal distributions, the language mix and the viewer's sample, one batch at a time.

State is per source (bounded by the number of publishers) and per histogram bin; nothing per
document is kept.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curate.reporting.bounded import Histogram, ranked
from curate.store.read import source_names

RATIO_EDGES = [i / 20 for i in range(21)]
WORD_EDGES = [0, 50, 100, 200, 300, 400, 500, 600, 800, 1000, 1500, 2000, 3000, 5000, float("inf")]

# Quality signals charted, with the range of normal values the schema quotes (Gopher / C4), drawn
# as a band so a curator sees at once which documents sit outside it.
QUALITY_SIGNALS: dict[str, tuple[list[float], tuple[float, float] | None]] = {
    "mean_word_length": ([float(i) for i in range(16)] + [float("inf")], (3.0, 10.0)),
    "alpha_word_ratio": (RATIO_EDGES, (0.8, 1.0)),
    "stopword_ratio": (RATIO_EDGES, None),
    "symbol_ratio": (RATIO_EDGES, (0.0, 0.1)),
    "terminal_punct_ratio": (RATIO_EDGES, None),
    "uppercase_ratio": (RATIO_EDGES, None),
    "bullet_line_ratio": (RATIO_EDGES, (0.0, 0.9)),
    "ellipsis_line_ratio": (RATIO_EDGES, (0.0, 0.3)),
    "duplicate_paragraph_ratio": (RATIO_EDGES, (0.0, 0.3)),
    "top_2gram_ratio": (RATIO_EDGES, (0.0, 0.2)),
    "duplicate_5gram_ratio": (RATIO_EDGES, (0.0, 0.15)),
}
SAMPLE_SIZE = 24  # documents with the smallest ids: ids are hashes, so this is a fixed random sample
SAMPLE_SOURCES = 12  # ... plus the smallest id of each of the largest sources, so each is seen


def _band(signal: str) -> list[float] | None:
    band = QUALITY_SIGNALS[signal][1]
    return list(band) if band else None


@dataclass
class SourceFigures:
    documents: int = 0
    words: int = 0
    chars: int = 0
    ratio_sum: float = 0.0
    claims: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    first_id: str | None = None



@dataclass
class ArticleFigures:
    sources: dict[str, SourceFigures] = field(default_factory=dict)
    words: Histogram = field(default_factory=lambda: Histogram(WORD_EDGES, open_end=True))
    ratio: Histogram = field(default_factory=lambda: Histogram(RATIO_EDGES))
    quality: dict[str, Histogram] = field(default_factory=lambda: {
        name: Histogram(edges, open_end=edges[-1] == float("inf")) for name, (edges, _) in QUALITY_SIGNALS.items()})
    language_score: Histogram = field(default_factory=lambda: Histogram(RATIO_EDGES))
    languages: Counter[str] = field(default_factory=Counter)
    language_scores: dict[str, float] = field(default_factory=lambda: defaultdict(float))  # summed, for the mean
    split: Counter[str] = field(default_factory=Counter)
    duplicate_paragraph_docs: int = 0
    repetitive_docs: int = 0  # duplicate 5-gram share above Gopher's 0.15
    _sample: list[str] = field(default_factory=list)  # the smallest ids so far, sorted

    def add(self, batch: pa.RecordBatch) -> None:
        names = source_names(batch)
        quality = batch.column("quality")
        claims = pc.list_value_length(batch.column("claims"))
        table = pa.table({"source": names, "words": quality.field("n_words"), "chars": quality.field("n_chars"),
                          "ratio": batch.column("boilerplate_ratio"), "claims": claims,
                          "language": batch.column("language"), "id": batch.column("id")})
        grouped = table.group_by("source").aggregate(
            [("words", "sum"), ("chars", "sum"), ("ratio", "sum"), ("claims", "sum"), ("id", "min"),
             ("source", "count")])
        for row in grouped.to_pylist():
            figures = self.sources.setdefault(row["source"], SourceFigures())
            figures.documents += row["source_count"]
            figures.words += row["words_sum"]
            figures.chars += row["chars_sum"]
            figures.ratio_sum += row["ratio_sum"]
            figures.claims += row["claims_sum"]
            if figures.first_id is None or row["id_min"] < figures.first_id:
                figures.first_id = row["id_min"]
        for row in table.group_by(["source", "language"]).aggregate([("id", "count")]).to_pylist():
            self.sources[row["source"]].languages[row["language"]] += row["id_count"]
        self._add_distributions(batch, quality)
        self._add_sample(batch.column("id"))

    def _add_distributions(self, batch: pa.RecordBatch, quality: pa.StructArray) -> None:
        self.words.add(quality.field("n_words").to_numpy(zero_copy_only=False))
        self.ratio.add(batch.column("boilerplate_ratio").to_numpy(zero_copy_only=False))
        for name, histogram in self.quality.items():
            histogram.add(quality.field(name).to_numpy(zero_copy_only=False))
        scores = batch.column("language_score").to_numpy(zero_copy_only=False)
        self.language_score.add(scores)
        by_language = pa.table({"language": batch.column("language"), "score": batch.column("language_score")})
        for row in by_language.group_by("language").aggregate([("score", "sum"), ("score", "count")]).to_pylist():
            self.languages[row["language"]] += row["score_count"]
            self.language_scores[row["language"]] += row["score_sum"]
        for row in pc.value_counts(batch.column("split")).to_pylist():
            self.split[row["values"]] += row["counts"]
        self.duplicate_paragraph_docs += int(np.count_nonzero(
            quality.field("duplicate_paragraph_ratio").to_numpy(zero_copy_only=False) > 0))
        self.repetitive_docs += int(np.count_nonzero(
            quality.field("duplicate_5gram_ratio").to_numpy(zero_copy_only=False) > 0.15))

    def _add_sample(self, ids: pa.Array) -> None:
        smallest = ids.take(pc.bottom_k_unstable(ids, min(SAMPLE_SIZE, len(ids)))).to_pylist()
        self._sample = sorted(set(self._sample).union(smallest))[:SAMPLE_SIZE]

    def sample_ids(self) -> list[str]:
        """The viewer's documents: a fixed hash sample, plus one per large source, sorted."""
        chosen = set(self._sample)
        largest = sorted(self.sources.items(), key=lambda item: (-item[1].documents, item[0]))[:SAMPLE_SOURCES]
        chosen.update(figures.first_id for _, figures in largest if figures.first_id is not None)
        return sorted(chosen)

    def to_json(self) -> dict[str, Any]:
        documents = sum(self.languages.values())
        sources = []
        for name, figures in sorted(self.sources.items(), key=lambda item: (-item[1].documents, item[0])):
            n = figures.documents
            sources.append({"source": name, "documents": n, "words": figures.words, "chars": figures.chars,
                            "mean_words": round(figures.words / n, 1),
                            "boilerplate_ratio": round(figures.ratio_sum / n, 4),
                            "claims_per_document": round(figures.claims / n, 2),
                            "languages": ranked(figures.languages)})
        return {
            "documents": documents,
            "sources": sources,
            "distributions": {
                "n_words": self.words.to_json(),
                "boilerplate_ratio": self.ratio.to_json(),
                "language_score": self.language_score.to_json(),
                "quality": {name: {**h.to_json(), "normal": _band(name)}
                            for name, h in self.quality.items()},
            },
            "languages": [{"language": lang, "documents": n, "share": round(n / documents, 4),
                           "mean_score": round(self.language_scores[lang] / n, 3)}
                          for lang, n in sorted(self.languages.items(), key=lambda item: (-item[1], item[0]))],
            "splits": dict(sorted(self.split.items())),
            "repetition": {"documents_with_duplicate_paragraphs": self.duplicate_paragraph_docs,
                           "documents_over_gopher_duplicate_5gram": self.repetitive_docs},
        }

