"""The subject of a sentence, for a cue that has none of its own next to it.

"X travelled ..., and said ...", "..., saying ...", "by saying ...": the source is the
sentence's subject, found after any dateline and leading phrase, up to the first word that
looks like a verb; an appositive after it belongs to it.
"""

from __future__ import annotations

import re

from curate.claims import cues
from curate.claims.noun_phrases import PP_OPENERS, PRONOUNS, appositive, span_if_np
from curate.claims.tokens import Span, token_text, tokens

_SUBJECT_MAX = 12
_DATELINE_MAX = 10
_CONTRACTED = re.compile(r"((?i:he|she|they|it|we|i|you))[’'](?:re|s|ve|ll|d|m)")
_VERB_ADVERBS = frozenset(
    {
        "also", "still", "previously", "repeatedly", "recently", "already", "never", "often",
        "again", "quickly", "immediately", "reportedly", "allegedly", "apparently", "basically",
        "initially", "subsequently", "separately", "publicly", "privately", "openly",
    }
)
_TIME_OPENERS = frozenset({"last", "this", "next", "late", "early", "yesterday", "today"})


def _looks_like_verb(text: str, toks: list[Span], k: int) -> bool:
    """Whether token `k` of a sentence opening is probably its main verb."""
    word = token_text(text, toks[k])
    low = word.lower()
    if word[0].isupper() or not word[0].isalpha():
        return False
    if low in _VERB_ADVERBS:
        return True  # "The nominee also outlined ...": the adverb opens the predicate
    if low in cues.VERBISH or low in cues.ALL_VERBS or low in cues.IRREGULAR_PAST or low.endswith("ed"):
        return True
    previous = text[toks[k - 1][0]] if k > 0 else ""
    return low.endswith("s") and not low.endswith("ss") and previous.isupper() and low != "news"


def _after_dateline(text: str, toks: list[Span]) -> int:
    """Index of the first token after a dateline ("WASHINGTON, Dec. 8 (UPI) —"), else 0."""
    for k, (s, e) in enumerate(toks[:_DATELINE_MAX]):
        if text[s:e] in ("—", "–") and k > 0:
            return k + 1 if text[toks[0][0] : toks[0][1]].isupper() else 0
    return 0


def sentence_subject(text: str, lo: int, hi: int) -> Span | None:
    """The subject of a sentence, for a coordinated verb ("X travelled ..., and said").

    Leading chunks that open with a preposition, an adverb or a participle ("Over the
    years,", "Walking in, ...") are skipped; the subject runs up to the first word that
    looks like a verb.
    """
    toks = tokens(text, lo, hi)
    k = _after_dateline(text, toks)
    first = k
    while k < len(toks):
        word = token_text(text, toks[k]).lower()
        if word in cues.LEADING_JUNK or not word[0].isalnum():
            k += 1
            continue
        # A participle opens the sentence ("Walking in, ..."); later, "Ebeling" is a name.
        participle = word.endswith("ing") and (k == first or text[toks[k][0]].islower())
        if word not in PP_OPENERS and word not in _TIME_OPENERS and not participle:
            break
        while k < len(toks) and token_text(text, toks[k]) != ",":
            k += 1
    toks = toks[k:]
    if toks and token_text(text, toks[0]).lower() in PRONOUNS:
        return toks[0]
    if toks and (contracted := _CONTRACTED.fullmatch(token_text(text, toks[0]))):
        return toks[0][0], toks[0][0] + contracted.end(1)  # "they're also looking ..." -> "they"
    end = 0
    while end < len(toks) and end < _SUBJECT_MAX and not _looks_like_verb(text, toks, end):
        if token_text(text, toks[end]) in (",", ";", ":", "—", "–", "-"):  # "--" is two "-" tokens
            break
        end += 1
    if end == _SUBJECT_MAX:
        return None
    subject = span_if_np(text, toks[:end])
    if subject is not None and end < len(toks) and token_text(text, toks[end]) == ",":
        return _with_appositive(text, toks, end) or subject
    return subject


def _with_appositive(text: str, toks: list[Span], comma: int) -> Span | None:
    """The subject with the appositive after its comma ("Huma Abedin, vice chairwoman for
    the campaign, emailed ..."), when a verb follows the appositive's closing comma."""
    close = comma + 1
    while close < min(len(toks), comma + _SUBJECT_MAX) and token_text(text, toks[close]) != ",":
        close += 1
    closed = close + 1 < len(toks) and token_text(text, toks[close]) == ","
    if not closed or not _looks_like_verb(text, toks, close + 1):
        return None
    return appositive(text, toks, close - 1)
