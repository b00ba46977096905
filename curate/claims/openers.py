"""Claims announced by how a line or sentence opens, not by a verb in it.

`Asked whether C, X said ...`: the question is a claim with no written source.
`Source: content` at a line start, the headline form ("Lynch: No outside influence on FBI
probe"): the colon is the cue.
"""

from __future__ import annotations

import re

from curate.claims import cues, sources
from curate.claims.draft import Draft, trim
from curate.claims.noun_phrases import PREPOSITIONS
from curate.claims.tokens import Span

_ASKED = re.compile(
    r"(?:(?:And|But|So)\s+)?(?:(?:[Ww]hen|[Ii]f|[Aa]fter|[Oo]nce|[Ww]hile)\s+)?([Aa]sked)\b"
)
_QUESTION = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,3}?(?=(?:if|whether|about|why|how|what|who|when|where|to)\b)"
)
_HEADLINE = re.compile(r"([A-Z][^\s:]*(?:\s+[^\s:]+){0,4}?)\s*:\s+(?=\S)")
_HEADLINE_SOURCE_MAX = 4
_PROSE = re.compile(r"\b[a-z]{2,}\b")


def asked_claim(text: str, s: int, e: int) -> Draft | None:
    """`[When] asked [by X] whether C, Y said ...`: the question is a claim of its own; its
    source is the asker when the text names one."""
    m = _ASKED.match(text, s, e)
    if m is None:
        return None
    pos, source = m.end(), None
    if text.startswith(" by ", pos):
        source = sources.according_source(text, pos + len(" by "), e)
        pos = source[1] if source is not None else pos
    question = _QUESTION.match(text, pos, e)
    comma = text.find(",", pos, e)
    if question is None or comma < 0:
        return None
    part = trim(text, question.end(), comma)
    cue = m.span(1)
    return Draft((part,), source, cue, "reported_speech") if part[1] > part[0] else None


def _names_only(text: str, span: Span) -> bool:
    """A short name-like phrase ("Hacker Guccifer", "Clinton camp"), not a clause."""
    words = text[span[0] : span[1]].split()
    return len(words) <= _HEADLINE_SOURCE_MAX and not any(
        w.lower() in cues.ALL_VERBS or (w.islower() and w.endswith(("ed", "s"))) for w in words
    )


def headline_claim(text: str, s: int, e: int) -> Draft | None:
    """`Source: content` at a line start ("Lynch: No outside influence on FBI probe")."""
    if s > 0 and text[s - 1] != "\n":
        return None
    m = _HEADLINE.match(text, s, e)
    if m is None or m.group(1).lower() in cues.LABELS or m.group(1).split()[0].lower() in PREPOSITIONS:
        return None  # "In short: ...", "At issue: ...": a lead-in, no speaker
    source = sources.source_before(text, s, m.end(1))
    if source is None or source[0] != s or not _names_only(text, source):
        return None
    part = trim(text, m.end(), e)
    if not _PROSE.search(text, *part):
        return None  # "Clinton: 1,769.", "Twitter: @Milbank": a tally or a handle, nothing said
    colon = text.index(":", m.end(1))
    return Draft((part,), source, (colon, colon + 1), "reported_speech") if part[1] > part[0] else None
