"""Quotation spans: curly, straight and doubled-apostrophe marks, across paragraphs.

Curly marks say which way they face; straight `"` and doubled `''` (used for both ends by
some wires) are classified by their neighbours: after a space and before a word they open,
after a word or punctuation and before a space they close. A quote left open at the end
of a paragraph continues when the next paragraph starts with an opening mark (the
newspaper convention for multi-paragraph quotes). An open quote that does not continue
runs to its paragraph end only when it opens a sentence; elsewhere the mark is taken as
stray and dropped, so it never swallows the rest of a paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from curate.claims.tokens import Span

_MARK = re.compile(r"''(?!')|``|[\"“”]")  # of "'''" the last two close: "'What?'''"
_OPENING_BEFORE = frozenset("([{—–-/")
_CLOSING_AFTER = frozenset(".,;:!?)]}—–-")


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: `start`/`end` include the marks, `parts` are the inner texts per paragraph
    that hold any (`""` has none, and is no one's speech)."""

    start: int
    end: int
    parts: tuple[Span, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "parts", tuple(part for part in self.parts if part[0] < part[1]))


def _opens(text: str, s: int, e: int, lo: int, hi: int, is_open: bool) -> bool:
    """Whether the mark `text[s:e]` opens a quote (else it closes one)."""
    mark = text[s:e]
    if mark in ("“", "``"):
        return True
    if mark == "”":
        return False
    before = text[s - 1] if s > lo else " "
    after = text[e] if e < hi else " "
    if (before.isspace() or before in _OPENING_BEFORE) and not after.isspace():
        return True
    if (after.isspace() or after in _CLOSING_AFTER) and not before.isspace():
        return False
    return not is_open


def _inner(text: str, s: int, e: int) -> Span:
    """The quoted text between two positions, without outer spaces or a trailing comma."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return s, e


def _opens_sentence(text: str, lo: int, pos: int) -> bool:
    """Whether an opening mark at `pos` starts a sentence or follows a colon: only such an
    unclosed quote is kept (to its paragraph end); elsewhere it is a stray mark."""
    before = text[lo:pos].rstrip()
    return not before or before[-1] in ".:!?"


def _paragraph_quotes(text: str, lo: int, hi: int) -> tuple[list[Quote], int | None]:
    """Closed quotes of one paragraph, and the opening position of a quote left open."""
    found: list[Quote] = []
    open_at: int | None = None
    open_end = 0
    for m in _MARK.finditer(text, lo, hi):
        s, e = m.span()
        if _opens(text, s, e, lo, hi, open_at is not None):
            open_at, open_end = s, e
        elif open_at is not None:
            found.append(Quote(open_at, e, (_inner(text, open_end, s),)))
            open_at = None
    return found, open_at


def find_quotes(text: str, paragraphs: list[Span]) -> list[Quote]:
    """All quotations of the text in order; multi-paragraph ones as a single `Quote`."""
    out: list[Quote] = []
    carry: Quote | None = None
    for lo, hi in paragraphs:
        found, open_at = _paragraph_quotes(text, lo, hi)
        if carry is not None:
            first = _MARK.match(text, lo)
            provisional = bool(out) and out[-1].start == carry.start
            if first and found and found[0].start == lo:
                q = found.pop(0)
                if provisional:
                    out.pop()
                out.append(Quote(carry.start, q.end, carry.parts + q.parts))
                carry = None
            elif first and open_at == lo and not found:
                if provisional:
                    out.pop()
                carry = Quote(carry.start, hi, carry.parts + (_inner(text, first.end(), hi),))
                out.append(carry)
                continue
            carry = None
        out.extend(found)
        if open_at is not None:
            mark = _MARK.match(text, open_at)
            assert mark is not None
            carry = Quote(open_at, hi, (_inner(text, mark.end(), hi),))
            if not _opens_sentence(text, lo, open_at):
                continue
            # Kept as a quote to the paragraph end unless the next paragraph continues it.
            out.append(carry)
    return out
