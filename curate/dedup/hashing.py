"""Combining 64-bit hashes: a polynomial over the parts, then MurmurHash3's finalizer.

Used for word n-grams (the hashes of n consecutive words) and for LSH band keys (the values of
one band's rows). The multiplier is odd, so each step is invertible mod 2**64 and no part is
lost; the finalizer makes every bit of the result depend on every bit of every part.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)
_MIX1, _MIX2, _SHIFT = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53), np.uint64(33)


def combine(parts: Sequence[np.ndarray]) -> np.ndarray:
    """Element-wise hash of the ordered `parts` (uint64 arrays of one shape); a new array."""
    hashes = parts[0].astype(np.uint64, copy=True)
    for part in parts[1:]:
        hashes *= _MULTIPLIER
        hashes += part
    hashes ^= hashes >> _SHIFT
    hashes *= _MIX1
    hashes ^= hashes >> _SHIFT
    hashes *= _MIX2
    hashes ^= hashes >> _SHIFT
    return hashes
