"""Where a reported content ends: the sentence end, or before a joined second attribution.

"X said A, adding that B" and "X announced A and vowed B" hold two claims; "X said A,
while Y ..." ends X's content at the contrast, "X doubts A, according to Y" at the
second source, and a semicolon or a participle clause after a comma ("X backed A,
hoping to ...") ends it too. A noun-phrase content ("praised the plan, which ...") ends
at its first comma.
"""

from __future__ import annotations

import re

from curate.claims import cues
from curate.claims.patterns import VERBS, trie
from curate.claims.tokens import Span

WORD = re.compile(r"\s*([\w’'-]+|[^\w\s])")
# Nothing but punctuation up to the sentence end.
END = re.compile(r"[\s.!?;:,—–-]*")
_FINITE_VERBS = {v for v in VERBS if v.endswith(("ed", "s")) and not v.endswith("ss")} | cues.IRREGULAR_PAST
_CONTENT_STOP = re.compile(
    r";"
    r"|,\s+(?:according\s+to|(?!including)[a-z]+ing)\b"
    r"|(?:,|\s[–—-])\s+(?:while|whereas|although|though|but)\b"
    rf"|,?\s+(?:and|but)\s+(?:(?:{trie(cues.AUXILIARIES)})\s+)*(?:{trie(_FINITE_VERBS)})\b"
    rf"|,?\s+(?:and|but)\s+(?:(?:{trie(cues.AUXILIARIES)})\s+)+(?:{trie(VERBS)})\b"
    rf"|,?\s+and\s+(?:{trie(cues.PARTICIPLES)})\b"
)


def content_end(text: str, start: int, end: int) -> int:
    """End of a content that starts at `start`: the sentence end or an attribution split."""
    m = _CONTENT_STOP.search(text, start, end)
    return m.start() if m else end


_CLOSING_QUOTES = frozenset('"”')
_LISTED = re.compile(r"\s+(?:an?\s|\"|“|and\s|or\s)")  # the list of names the quote belongs to goes on
_SERIES = re.compile(r"(?:,\s+[^,;.:]{1,40}?){1,5},?\s+(?:and|or)\s+")
_APPOSITIVE_NAME = re.compile(r",\s+(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w.’'-]*,")


def noun_phrase_end(text: str, start: int, end: int) -> int:
    """End of a noun-phrase content: its first comma, unless the comma opens a name in
    apposition ("the nominee, Hillary Clinton, for ...")."""
    comma = text.find(",", start, end)
    while comma > 0:
        if text[comma + 1 : comma + 2] in _CLOSING_QUOTES and _LISTED.match(text, comma + 2, end):
            comma = text.find(",", comma + 1, end)  # `a "nasty guy," an "anchor baby"`: the quote's comma
            continue
        series = _SERIES.match(text, comma, end)
        if series is not None:  # "attacked GOP voters, lawmakers, and thinkers": a list goes on
            comma = text.find(",", series.end(), end)
            continue
        name = _APPOSITIVE_NAME.match(text, comma, end)
        if name is None:
            return comma
        comma = text.find(",", name.end(), end)
    return end


# A relative clause set off by commas (", which rose to $30 a ton, ").
RELATIVE = re.compile(r",\s+(?:which|who)\s[^,]*(?:,[^,]*)??,\s+")


def without_relative(text: str, parts: tuple[Span, ...]) -> tuple[Span, ...]:
    """A one-part content without the relative clause set off inside it ("The tax, which rose to
    $30 a ton, cut emissions"): the clause describes, the claim is the rest."""
    if len(parts) != 1:
        return parts
    m = RELATIVE.search(text, *parts[0])
    if m is None or m.end() >= parts[0][1]:
        return parts
    return ((parts[0][0], m.start()), (m.end(), parts[0][1]))
