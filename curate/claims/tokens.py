"""Word and punctuation tokens with their offsets: what every phrase finder walks over."""

from __future__ import annotations

import re

Span = tuple[int, int]

_LOOKBACK = 80
_TOKEN = re.compile(r"[\w’'.&-]*\w|[^\w\s]")


def tokens(text: str, lo: int, hi: int) -> list[Span]:
    """Word and punctuation token spans of `text[lo:hi]`."""
    return [m.span() for m in _TOKEN.finditer(text, lo, hi)]


def tokens_before(text: str, lo: int, pos: int) -> list[Span]:
    """The last few tokens before `pos` (a bounded window: callers look back a few words)."""
    start = max(lo, pos - _LOOKBACK)
    while start > lo and not text[start - 1].isspace():
        start -= 1
    return tokens(text, start, pos)


def token_text(text: str, span: Span) -> str:
    """The text of a token."""
    return text[span[0] : span[1]]
