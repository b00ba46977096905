"""Source noun phrases: before a cue, after an inverted cue, after "according to".

Spans are offsets into the original text; what a noun phrase may contain is decided in
`noun_phrases.py`.
"""

from __future__ import annotations

from curate.claims import cues
from curate.claims.around_cue import CIRCUMSTANCE
from curate.claims.noun_phrases import (
    FINITE_CUES,
    PP_OPENERS,
    PREPOSITIONS,
    PRONOUNS,
    appositive,
    span_if_np,
    walk_back,
)
from curate.claims.tokens import Span, token_text, tokens

_APPOSITIVE_CLOSERS = frozenset({",", "”", '"', "'"})


def source_before(text: str, lo: int, cue_start: int) -> Span | None:
    """The noun phrase that ends right before a cue, from `lo` at most.

    An appositive set off by commas right before the cue ("The Lebanese daily, considered
    close to Hezbollah, reported"; "Mrs. Clinton, who ..., said") is kept whole: a comma
    directly before a verb of saying closes an appositive, not the subject's clause.
    """
    toks = tokens(text, lo, cue_start)
    i = len(toks) - 1
    if i > 0 and token_text(text, toks[i]) in _APPOSITIVE_CLOSERS:
        while i >= 0 and token_text(text, toks[i]) in _APPOSITIVE_CLOSERS:
            i -= 1
        chain = appositive(text, toks, i)
        if chain is not None:
            return chain
    if i < 0:
        return None
    if token_text(text, toks[i]).lower() in ("who", "which"):
        return toks[i]
    return span_if_np(text, toks[walk_back(text, toks, i) : i + 1])


_INVERTED_STOPS = frozenset(
    {
        "as", "when", "while", "after", "before", "because", "during", "since", "amid", "though",
        "although", "if", "whereas", "but",
    }
)
_TIME_OR_STATEMENT = frozenset(
    {
        "in", "on", "at", "during", "last", "this", "earlier", "to", "late", "early", "by", "via",
        "through", "over", "from", "with",
    }
)


def _tidy(text: str, out: list[Span]) -> Span | None:
    """The hull of `out` once trailing function words and punctuation are dropped."""
    while out and (
        text[out[-1][0] : out[-1][1]].lower() in cues.NOT_NP_END or not text[out[-1][0]].isalnum()
    ):
        out.pop()
    if not out or len(out) > 40:
        return None
    return out[0][0], out[-1][1]


def according_source(text: str, pos: int, end: int) -> Span | None:
    """The source after "according to": up to a comma, a clause or a second noun phrase.

    Without a comma ("According to the report the meeting lasted ..."), a determiner or a
    pronoun after a noun starts the content.
    """
    toks = tokens(text, pos, end)
    out: list[Span] = []
    for s, e in toks:
        word = text[s:e]
        low = word.lower()
        if not word[0].isalnum():
            if word in ("'", "’", "&", "-", "“", "”", '"', "(", ")", "/", "."):
                out.append((s, e))
                continue
            break
        if low in cues.CLAUSE_OPENERS or word in cues.VERBISH:
            break
        after_noun = out and text[out[-1][0] : out[-1][1]].lower() not in PREPOSITIONS
        if after_noun and low in ("the", "a", "an", "he", "she", "they", "it", "we", "i", "there", "this"):
            break
        if out and low in _TIME_OR_STATEMENT and CIRCUMSTANCE.match(text, s - 1, end):
            break
        out.append((s, e))
    return _tidy(text, out)


def source_inverted(text: str, pos: int, end: int) -> Span | None:
    """The source after an inverted cue, appositives included; None if a clause follows.

    "said Dennis B. Ross, a former senior adviser who ..." keeps the appositive and its
    relative clause; a participle (", adding"), a subordinate clause ("as he closed out")
    or a time/manner filler ("in a statement") ends it. "said she was elated" is not
    inverted: a pronoun followed by more words, or an auxiliary outside a relative clause,
    means the words after the cue are its content; inside an appositive, it ends the source
    at the appositive's comma.
    """
    toks = tokens(text, pos, end)
    out: list[Span] = []
    relative = False
    for k, (s, e) in enumerate(toks):
        word = text[s:e]
        low = word.lower()
        last = k == len(toks) - 1
        if k == 0 and (low in cues.CLAUSE_OPENERS or low in PREPOSITIONS):
            return None  # `"...," said in an interview ...`: no source follows
        if k == 1 and token_text(text, toks[0]).lower() in PRONOUNS and word[0].isalnum():
            return None
        if (word in cues.VERBISH or word in FINITE_CUES or word.endswith(("n't", "n’t"))) and not relative:
            # A verb inside an appositive ("said Carole Taylor, the minister at the time the
            # tax was introduced") leaves the name before it; elsewhere the words are a clause.
            comma = next((i for i, (a, b) in enumerate(out) if text[a:b] == ","), None)
            return _tidy(text, out[:comma]) if comma else None
        relative = relative or low in ("who", "whose", "which", "that")
        if not word[0].isalnum():
            if word == "," and not last:
                after = token_text(text, toks[k + 1])
                nxt = after.lower()
                participle = after.endswith("ing") and after.islower()  # ", speaking of ..."
                if participle or nxt in _INVERTED_STOPS or nxt in PP_OPENERS or nxt == "and":
                    break
            elif word in (";", ":", "“", '"', "”") or (word in ".!?" and last):
                break
            out.append((s, e))
            continue
        if (low in _INVERTED_STOPS and not (relative and low == "as")) or low in cues.PARTICIPLES:
            break  # "who served as Asia director" goes on
        if out and low in _TIME_OR_STATEMENT and CIRCUMSTANCE.match(text, s - 1, end):
            break
        out.append((s, e))
    return _tidy(text, out)
