"""Word and punctuation tokens with their offsets: what every phrase finder walks over."""

from __future__ import annotations

import re

Span = tuple[int, int]

_WORD_INNER = frozenset("_’'.&-")
_TOKEN = re.compile(r"[\w’'.&-]*\w|[^\w\s]")


def tokens(text: str, lo: int, hi: int) -> list[Span]:
    """Word and punctuation token spans of `text[lo:hi]`."""
    return [m.span() for m in _TOKEN.finditer(text, lo, hi)]


def token_before(text: str, lo: int, pos: int) -> Span | None:
    """The last token before `pos`, not reaching before `lo`: a walk back over characters,
    cheaper than tokenizing a window for callers that look one word back at a time."""
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end <= lo:
        return None
    if not (text[end - 1].isalnum() or text[end - 1] == "_"):
        return end - 1, end
    start = end - 1
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in _WORD_INNER):
        start -= 1
    return start, end


def token_text(text: str, span: Span) -> str:
    """The text of a token."""
    return text[span[0] : span[1]]
