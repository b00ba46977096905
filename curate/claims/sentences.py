"""Paragraph and sentence boundaries by regex: fast, dependency-free, offsets kept.

A sentence ends at `.`, `!` or `?` (plus closing quotes or brackets) followed by a capital,
a digit or an opening quote. Titles ("Sen.", "Gov.") never end a sentence; initials
("O."), multi-dot abbreviations ("U.S.") and month abbreviations ("Dec.") end one only when
the next word is a typical sentence opener ("... in the U.S. The next day ...").
"""

from __future__ import annotations

import re

from curate.claims.tokens import Span

_PARAGRAPH = re.compile(r"[^\n]+")
_TERMINATOR = re.compile(r"""([.!?]+)((?:''|["”’')\]])*)(?=\s|$)""")
_NEXT = re.compile(r"""\s+(['"“‘(\[]*)(\w+)""")

_TITLES = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col",
        "maj", "capt", "sgt", "adm", "cmdr", "rev", "hon", "pres", "supt", "det", "insp", "st",
        "mt", "ft", "messrs", "mmes", "fr", "atty", "amb", "gens", "sec", "secy", "cpl", "pvt",
        "del",
    }
)
_WEAK_ABBREVIATIONS = frozenset(
    {
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no",
        "nos", "vs", "v", "approx", "est", "dept", "univ", "fig", "al", "ca", "inc", "corp", "co",
        "ltd", "jr", "sr", "bros", "etc", "ave", "blvd", "cf", "ex", "pp",
    }
)
_OPENERS = frozenset(
    {
        "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This",
        "That", "These", "Those", "There", "His", "Her", "Their", "Its", "Our", "My", "So", "Yet",
        "As", "At", "On", "For", "If", "When", "While", "After", "Before", "Mr", "Ms", "Mrs",
        "Dr", "However", "Still", "Some", "Many", "Most", "One", "Two", "Officials", "What",
        "Why", "How", "Asked", "According", "Now", "Then", "Meanwhile", "Also", "By", "With",
        "Since", "Under", "Despite", "Although", "Though", "Both", "Neither", "Even",
    }
)


def paragraphs(text: str) -> list[Span]:
    """Spans of the non-empty lines: every newline closes a paragraph in curated text."""
    return [m.span() for m in _PARAGRAPH.finditer(text) if not m.group().isspace()]


def _is_boundary(text: str, m: re.Match[str], end: int) -> bool:
    """Whether the terminator `m` really ends a sentence, looking at its word and the next."""
    nxt = _NEXT.match(text, m.end(), end)
    if nxt is None:
        return True
    first = nxt.group(2)
    if not (first[0].isupper() or first[0].isdigit() or nxt.group(1)):
        return False
    if m.group(1) != "." or m.group(2):
        return True
    start = m.start()
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    word = text[start : m.start()]
    low = word.lower()
    if low in _TITLES:
        return False
    abbreviation = (
        (len(word) == 1 and word.isalpha())
        or low in _WEAK_ABBREVIATIONS
        or (start > 0 and text[start - 1] == ".")
    )
    return not abbreviation or first in _OPENERS


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of `text[start:end]` (one paragraph), trimmed of outer whitespace."""
    out: list[Span] = []
    begin = start
    for m in _TERMINATOR.finditer(text, start, end):
        if _is_boundary(text, m, end):
            out.append((begin, m.end()))
            begin = m.end()
    if begin < end:
        out.append((begin, end))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            trimmed.append((s, e))
    return trimmed
