"""MinHash signatures of texts, and the Jaccard similarity they estimate.

Value `k` of a signature is the smallest `(a_k * h + b_k) mod 2**64` over the document's shingle
hashes `h`, keeping its top 32 bits (a multiply-add-shift hash family; `a_k` odd). `a_k` and `b_k`
come from xxh3 of the seed and `k`, not from a random generator whose stream may change with
numpy: the same text and parameters give the same signature on every machine and every version
of curate that keeps this scheme, so stored signatures stay comparable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import xxhash

from curate.dedup.params import MinHashParams
from curate.dedup.shingles import text_shingles

EMPTY = np.uint32(0xFFFFFFFF)
"""Every value of the signature of a text without a word: it never becomes a candidate."""

SIGNATURE_DTYPE = np.dtype("<u4")
# Shingles per block of the (shingles x hashes) product: bounds its memory to ~1 MiB per 100 hashes.
_BLOCK = 1024
_TOP = np.uint64(32)
_LARGEST = np.iinfo(np.uint64).max


def signatures(texts: Sequence[str], params: MinHashParams) -> np.ndarray:
    """One signature per text: shape `(len(texts), params.num_hashes)`, uint32.

    Each row depends only on its text and `params` (never on the other texts of the batch).
    """
    out = np.empty((len(texts), params.num_hashes), dtype=SIGNATURE_DTYPE)
    for row, text in enumerate(texts):
        out[row] = _signature(text_shingles(text, params.ngram, params.seed), params)
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two documents: the share of equal signature values."""
    if a.shape != b.shape or a.ndim != 1 or a.size == 0:
        raise ValueError(f"signatures of different or no length: {a.shape} and {b.shape}")
    return float(np.count_nonzero(a == b)) / a.size


def is_empty(sigs: np.ndarray) -> np.ndarray:
    """Per row of `sigs`: whether it is the signature of a text without a word."""
    empty: np.ndarray = np.all(sigs == EMPTY, axis=-1)
    return empty


def _signature(pieces: Iterable[np.ndarray], params: MinHashParams) -> np.ndarray:
    """The signature of the shingle hashes in `pieces` (all of one text)."""
    multipliers, offsets = _coefficients(params.seed, params.num_hashes)
    smallest = np.full(params.num_hashes, _LARGEST, dtype=np.uint64)
    shingles = 0
    for hashes in pieces:
        shingles += hashes.size
        for start in range(0, hashes.size, _BLOCK):
            values = np.multiply.outer(hashes[start:start + _BLOCK], multipliers)
            values += offsets
            np.minimum(smallest, values.min(axis=0), out=smallest)
    if shingles == 0:
        return np.full(params.num_hashes, EMPTY, dtype=SIGNATURE_DTYPE)
    return (smallest >> _TOP).astype(SIGNATURE_DTYPE)


@lru_cache(maxsize=16)
def _coefficients(seed: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """`(a, b)` of the hash family: a pure function of `seed`, memoized."""
    def draw(kind: bytes, index: int) -> int:
        return xxhash.xxh3_64_intdigest(kind + index.to_bytes(4, "little"), seed)

    multipliers = np.array([draw(b"a", k) | 1 for k in range(count)], dtype=np.uint64)
    offsets = np.array([draw(b"b", k) for k in range(count)], dtype=np.uint64)
    multipliers.flags.writeable = offsets.flags.writeable = False
    return multipliers, offsets
