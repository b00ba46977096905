"""Claims announced by how a line or sentence opens, not by a verb in it.

`Asked whether C, X said ...`: the question is a claim with no written source.
`Source: content` at a line start, the headline form ("Lynch: No outside influence on FBI
probe"): the colon is the cue.
`As X reported, C` / `As reported by X, C`: the as-clause attributes the sentence after it.
"""

from __future__ import annotations

import re

from curate.claims import cues, sources
from curate.claims.around_cue import skip_fillers
from curate.claims.content import content_end
from curate.claims.draft import Draft, trim
from curate.claims.noun_phrases import PREPOSITIONS
from curate.claims.patterns import CUE
from curate.claims.tokens import Span

_ASKED = re.compile(
    r"(?:(?:And|But|So)\s+)?(?:(?:[Ww]hen|[Ii]f|[Aa]fter|[Oo]nce|[Ww]hile)\s+)?([Aa]sked)\b"
)
_QUESTION = re.compile(
    r"\s+(?:[\w’'-]+\s+){0,3}?(?=(?:if|whether|about|why|how|what|who|when|where|to)\b)"
)
_HEADLINE = re.compile(r"([A-Z][^\s:]*(?:\s+[^\s:]+){0,4}?)\s*:\s+(?=\S)")
_HEADLINE_SOURCE_MAX = 4
_AS = re.compile(r"(?:(?:And|But|So|Just)\s+)?[Aa]s\s+")
_AS_WORDS = 8  # words between "As" and the comma that ends its clause
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


def as_claim(text: str, s: int, e: int) -> Draft | None:
    """`As The Post reported, C.` / `As reported by X, C.` at a sentence start."""
    m = _AS.match(text, s, e)
    if m is None:
        return None
    comma = text.find(",", m.end(), e)
    if comma < 0 or len(text[m.end() : comma].split()) > _AS_WORDS:
        return None
    cue = next((c for c in CUE.finditer(text, m.end(), comma) if not c.group("according")), None)
    if cue is None:
        return None
    if text.startswith(" by ", cue.end()):
        source = sources.according_source(text, cue.end() + len(" by "), comma)
    elif skip_fillers(text, cue.end(), comma) < comma:
        return None  # "As the vote neared, ...": no verb of saying ends the clause
    else:
        source = sources.source_before(text, m.end(), cue.start())
        source = source if source is not None and source[0] == m.end() else None
    part = trim(text, comma + 1, content_end(text, comma + 1, e))
    if source is None or part[1] <= part[0]:
        return None
    return Draft((part,), source, cue.span(), "reported_speech")
