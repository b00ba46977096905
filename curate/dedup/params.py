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
