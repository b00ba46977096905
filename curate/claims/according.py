""""According to SOURCE": the source follows the cue, the content is the rest of the sentence.

`According to X, C.`, `C, according to X.` and the medial `A, according to X, B.`
(two content parts).
"""

from __future__ import annotations

import re

from curate.claims import cues, sources
from curate.claims.content import RELATIVE, WORD, content_end
from curate.claims.draft import Draft, trim
from curate.claims.tokens import tokens

_SUBJECT_WORDS = 4


def according_claim(text: str, m: re.Match[str], s: int, e: int) -> Draft | None:
    """`According to X, C.` / `C, according to X.` / `A, according to X, B.`"""
    source = sources.according_source(text, m.end(), e)
    if source is None:
        return None
    cue = (m.start(), m.end())
    lead = [text[a:b].lower() for a, b in tokens(text, s, m.start())]
    if all(w in cues.LEADING_JUNK or not w[0].isalnum() for w in lead):
        described = RELATIVE.match(text, source[1], e)  # "According to the report, which X prepared, C"
        start = described.end() if described is not None else source[1]
        part = trim(text, start, content_end(text, start, e))
        return Draft((part,), source, cue, "according_to") if part[1] > part[0] else None
    opened = text.rfind("(", s, m.start())
    if opened > text.rfind(")", s, m.start()):  # "... (the number is closer to 15, according to X)"
        s = opened + 1
    before = trim(text, s, m.start())
    if before[1] <= before[0]:
        return None
    rest = WORD.match(text, source[1], e)
    after = trim(text, rest.end(), e) if rest is not None and rest.group(1) == "," else None
    if after is None or after[1] <= after[0] or text[before[1] : m.start()].strip() != ",":
        return Draft((before,), source, cue, "according_to")
    # A short `A` ("The ship, according to the navy, sank") is a subject awaiting its verb.
    if _unfinished(text, before) or len(text[before[0] : before[1]].split()) <= _SUBJECT_WORDS:
        return Draft((before, after), source, cue, "according_to")
    # "C, according to X, an editor at Y.": after a whole clause, what follows describes X.
    return Draft((before,), (source[0], after[1]), cue, "according_to")


def _unfinished(text: str, span: tuple[int, int]) -> bool:
    """Whether a clause stops short before "according to" ("... demanded, according to the
    report, written confirmation"): it ends in a verb or a function word."""
    last = text[span[0] : span[1]].rsplit(None, 1)[-1].lower()
    return last in cues.ALL_VERBS or last in cues.VERBISH or last in cues.NOT_NP_END or last.endswith("ed")
