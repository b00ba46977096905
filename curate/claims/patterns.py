"""Compiled regexes built once from the word lists in `cues.py`."""

from __future__ import annotations

import re

from curate.claims import cues


def _alternation(words: object) -> str:
    """A regex alternation, longest first so that "pointed out" wins over "pointed"."""
    items = sorted({re.escape(str(w)) for w in words}, key=len, reverse=True)  # type: ignore[attr-defined]
    return "|".join(items).replace("\\ ", r"\s+")


VERBS = cues.SPEECH | cues.BELIEF | cues.TELL

# One match per cue: "according to", a phrasal cue or a verb form (lower case: a capitalised
# verb form at a sentence start is almost always a participle clause or a headline).
CUE = re.compile(
    rf"\b(?:(?P<according>[Aa]ccording\s+to)|(?P<phrasal>{_alternation(cues.PHRASAL)})"
    rf"|(?P<verb>{_alternation(VERBS)}))\b"
)

HEDGE = re.compile(
    rf"\b(?:(?i:{_alternation(h for h in cues.HEDGES if h not in ('may', 'might', 'could'))})"
    r"|may|might|could)\b"
)
UNCONFIRMED = re.compile(rf"(?i)\b(?:{_alternation(cues.UNCONFIRMED)})\b")
DENIAL = re.compile(rf"(?i)\b(?:{_alternation(cues.DENIALS)})\b")
ANAPHOR = re.compile(rf"(?i)\b(?:{_alternation(cues.ANAPHORS)})\b")
