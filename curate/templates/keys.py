"""Line keys: what makes two lines "the same line" across documents of one source."""

from __future__ import annotations

import hashlib
import re

_DIGITS = re.compile(r"\d+")


def line_key(line: str) -> int:
    """64-bit key of a line, case-folded and with digit runs masked ("Comments (12)" matches
    "Comments (7)"), so counters and dates inside a template line do not hide it."""
    folded = _DIGITS.sub("#", " ".join(line.split()).casefold())
    return int.from_bytes(hashlib.blake2b(folded.encode(), digest_size=8).digest(), "little")


def line_keys(document: str, max_chars: int) -> set[int]:
    """The distinct keys of a document's non-empty lines of at most `max_chars` characters."""
    return {line_key(line) for line in document.split("\n") if line and len(line) <= max_chars}
