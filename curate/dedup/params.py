"""The parameters of near-duplicate detection, shared by the workers and the parent."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MinHashParams:
    """Word n-grams, LSH bands x rows, the hash seed and the verification threshold.

    Two documents whose shingle sets have Jaccard similarity `s` share at least one band (and so
    become a candidate pair) with probability `1 - (1 - s**rows)**bands`; a candidate pair is
    merged only when its estimated Jaccard (the share of equal signature values) is at least
    `threshold` (0 merges every candidate, as datatrove does). Signatures made with different
    `ngram`, `seed` or `bands * rows` cannot be compared.

    Defaults, measured with `benchmarks/near_duplicates.py` on curate's kept text of the scaled
    news corpus (20,000 and 100,000 documents, nine and 45 edited copies of 2,225 BBC articles):
    50 bands of 3 rows make nearly every pair above Jaccard 0.4 a candidate (0.96; 1.0 from 0.5)
    and the 150 hashes estimate Jaccard within about 0.04, so the threshold decides. At 0.5 the
    copies of an article end in one cluster (pair recall 0.995 to 0.997; kept documents 1.5% to
    2% above the distinct articles) and precision is 0.9993 to 1.0: the one merge of two distinct
    articles seen is a BBC follow-up that reuses half of the earlier story (Jaccard 0.47, up to
    0.52 between edited copies). A threshold of 0.55 keeps those apart too but leaves twice as
    many copies (kept +4%). datatrove's 14 x 8 without verification misses a copy in 15 (+19% to
    +30% kept). 5-grams: 3-grams gave the same clusters at more candidates.

    >>> MinHashParams().candidate_probability(0.8) > 0.99
    True
    """

    ngram: int = 5
    bands: int = 50
    rows: int = 3
    seed: int = 1
    threshold: float = 0.5

    def __post_init__(self) -> None:
        for name in ("ngram", "bands", "rows"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"MinHashParams.{name} must be a positive integer, not {value!r}")
        if not isinstance(self.seed, int) or not 0 <= self.seed < 2**64:
            raise ValueError(f"MinHashParams.seed must be an integer in [0, 2**64), not {self.seed!r}")
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"MinHashParams.threshold must be within [0, 1], not {self.threshold!r}")

    @property
    def num_hashes(self) -> int:
        """Signature length: one hash value per band row."""
        return self.bands * self.rows

    def candidate_probability(self, similarity: float) -> float:
        """Chance that two documents of this Jaccard similarity share a band."""
        return 1.0 - (1.0 - similarity**self.rows) ** self.bands
