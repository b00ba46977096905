"""What follows a verb cue: where its content starts, and whether the cue reads as a verb.

After "said" a clause may follow bare ("said the plan failed"); after a stance verb its
object is the content ("praised the plan", "sought to rally voters"). A form that is
mostly a noun ("support", "calls", "shows") is a cue only where the words around it
prove the verb reading: a pronoun subject, a finding as subject ("the poll shows"), a name
on both sides ("Sanders calls Clinton ..."), or "that" after it.
"""

from __future__ import annotations

import re

from curate.claims import cues
from curate.claims.content import END, WORD
from curate.claims.patterns import CUE
from curate.claims.tokens import Span, tokens

_PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "we", "i", "you", "there"})
_SUBJECT_PRONOUNS = _PRONOUN_SUBJECTS | {"who", "which", "that"}
_QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "who", "when", "where", "which"})
# After "said,": a clause that opens with one of these is the content ("said, if ...").
_CLAUSE_AFTER_COMMA = frozenset(
    {
        "if", "when", "once", "unless", "although", "though", "because", "while", "despite", "in",
        "after", "before", "given", "since",
    }
)
_THAT_WINDOW = 14
_QUANTITY = re.compile(r"\s+(?:\$?\d|half\b|a\s+(?:third|quarter|fifth|dozen)\b|one\s+in\b|two\s+in\b|a\s+(?:hundred|thousand|million|billion)\b)")


def _that_ahead(text: str, pos: int, e: int) -> int | None:
    """Start of a "that" within a few words of `pos`, before any other cue or clause end."""
    for k, (a, b) in enumerate(tokens(text, pos, e)):
        word = text[a:b]
        if k >= _THAT_WINDOW or word in (";", ".") or CUE.match(text, a):
            return None
        if word == "that":
            return a
    return None


def states_finding(text: str, verb: str, source: Span) -> bool:
    """Whether a finding verb has a finding as subject ("An average of recent polls shows")."""
    words = text[source[0] : source[1]].lower().split()
    return verb in cues.FINDING_VERBS and any(w in cues.FINDING_SOURCES for w in words)


def _verb_reading(text: str, verb: str, source: Span, following: str) -> bool:
    """Whether a noun-like cue is a verb before `following`, the next word (module doc)."""
    words = text[source[0] : source[1]].split()
    if words[-1].lower() in _SUBJECT_PRONOUNS or states_finding(text, verb, source):
        return True
    between_names = following[0].isupper() or following.lower() in cues.NP_OPENERS
    return between_names and all(w[0].isupper() for w in words)


def takes_noun_phrase(verb: str) -> bool:
    """Whether the content of `verb` is a noun phrase: a stance verb ("praised") or a verb
    with a preposition ("called for", "sided with"), not "pointed out" or "made clear"."""
    if verb in cues.OBJECT:
        return True
    return verb in cues.PHRASAL and verb.rsplit(None, 1)[-1] in cues.OBJECT_PREPOSITIONS


def content_start(text: str, e: int, verb: str, source: Span, pos: int) -> int | None:
    """Where the content of `verb` starts, looking from `pos` (after its addressee and
    fillers) to the sentence end `e`; None when no content follows the cue."""
    nxt = WORD.match(text, pos, e)
    end_match = END.match(text, pos, e)
    if nxt is None or (end_match is not None and end_match.end() >= e):
        return None
    word = nxt.group(1)
    low = word.lower()
    if low == "that":
        return nxt.start(1)
    if word == ":":
        return nxt.end(1)
    if word == ",":
        after = WORD.match(text, nxt.end(1), e)
        if after is not None and after.group(1).lower() in _CLAUSE_AFTER_COMMA:
            return after.start(1)
        return None
    if low == "to" and verb in cues.INFINITIVE:
        return nxt.start(1)
    if low == "about" and _QUANTITY.match(text, nxt.end(1), e):
        return nxt.start(1)  # "said about half of the rise came from ...": "about" is roughly
    if low in cues.POST_OPENERS or low in cues.OBJECT_PREPOSITIONS:
        return _that_ahead(text, pos, e)
    if low in _PRONOUN_SUBJECTS or low in _QUESTION_WORDS:
        return nxt.start(1)
    if verb in cues.NOUN_LIKE and not _verb_reading(text, verb, source, word):
        return None
    return nxt.start(1)
