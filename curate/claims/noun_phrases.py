"""Noun phrases without a parser: what a source or a subject can be.

A noun phrase is approximated by what it cannot contain: it stops at punctuation, at
clause openers ("that", "when", "who") and at a finite cue verb, it has no auxiliary verb,
and it does not end in a determiner or preposition. An appositive chain ("Christopher M.
Shelton, the president of ..., which ...,") counts as one noun phrase. Spans are offsets
into the original text.
"""

from __future__ import annotations

import re

from curate.claims import cues
from curate.claims.tokens import Span, token_text

PREPOSITIONS = frozenset(
    {
        "of", "in", "on", "at", "to", "for", "with", "by", "from", "about", "into", "over",
        "under", "between", "among", "across", "through",
    }
)

# A finite cue verb before a cue belongs to an earlier attribution ("X said a search
# revealed ...": the source of "revealed" is "a search").
FINITE_CUES = frozenset(
    v for v in cues.ALL_VERBS if v.endswith(("ed", "s")) and not v.endswith("ss") and v not in cues.NOUN_LIKE
) | (cues.IRREGULAR_PAST & cues.ALL_VERBS)
# Irregular past tenses that are hardly ever nouns or adjectives ("Cruz made a call for").
_PAST_TENSES = cues.IRREGULAR_PAST - {
    "left", "lost", "set", "put", "cut", "hit", "read", "let", "shut", "paid", "held", "led",
    "built", "struck", "stuck", "bought", "sold", "spent", "shot", "won", "understood", "upheld",
}
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
# A time phrase at the end of a would-be noun phrase ("allies on Monday") is not part of it.
_TIME_END = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
        "yesterday", "tonight", "week", "month", "year", "night", "morning", "afternoon",
        "evening", "weekend", "ago",
    }
)
_YEAR = re.compile(r"(?:19|20)\d\d")
_TIME_OPENERS = frozenset({"last", "this", "next", "earlier", "late", "early"})
_TIME_LEAD = frozenset(
    {
        "on", "last", "this", "late", "early", "earlier", "next", "the", "a", "two", "three",
        "several", "few", "days", "weeks", "months", "years",
    }
)

# Words that open a leading phrase or an aside ("In Iowa, ...", "..., speaking of ...").
PP_OPENERS = frozenset(
    {
        "in", "on", "at", "over", "after", "before", "during", "for", "with", "by", "from",
        "despite", "since", "under", "among", "as", "while", "when", "although", "though",
        "because", "if", "once", "until", "unlike", "like", "amid", "following", "earlier",
        "later", "still", "instead", "meanwhile", "now", "then", "however", "asked",
    }
)

_APPOSITIVES_MAX = 3
_RELATIVE_OPENERS = frozenset({"who", "whose", "which"})


# Quantifiers that make a whole noun phrase on their own.
_STANDING_ALONE = frozenset({"some", "many", "most", "few", "several", "both", "all", "none", "others"})


def _np_ok(text: str, toks: list[Span]) -> bool:
    """Whether the tokens can be a noun phrase: short, no auxiliary, not opening with a
    preposition ("for the E3") nor ending in a function word."""
    if not toks or len(toks) > 25 or token_text(text, toks[0]) in PREPOSITIONS:
        return False
    last = text[toks[-1][0] : toks[-1][1]].lower()
    if len(toks) == 1 and last in _STANDING_ALONE:
        return True  # "Some have suggested ...", "Many say ..."
    abbreviation = last == "." and len(toks) > 1 and len(text[toks[-2][0] : toks[-2][1]]) <= 3
    if last in cues.NOT_NP_END or not (text[toks[-1][0]].isalnum() or last == ")" or abbreviation):
        return False
    if any(text[s:e] in cues.VERBISH for s, e in toks):  # "Will Doyle" is a name
        return False
    return not _clause_inside(text, toks)


def _clause_inside(text: str, toks: list[Span]) -> bool:
    """Whether a subject and its verb sit inside the tokens ("he last week unveiled", "the
    company also unveiled"): a pronoun followed by a lower-case word, or a final "-ed" word
    after an adverb of the auxiliaries' list."""
    words = [text[s:e] for s, e in toks]
    for k, word in enumerate(words[:-1]):
        nxt = words[k + 1]
        if word.lower() in PRONOUNS and nxt[0].islower() and nxt not in ("and", "or", "nor"):
            return True
    last = words[-1]
    return len(words) > 2 and last.endswith("ed") and words[-2].lower() in cues.AUXILIARIES


def _trim_leading(text: str, toks: list[Span]) -> list[Span]:
    """Drop leading conjunctions, punctuation and a time phrase ("But he" -> "he", "Last
    week the LSE" -> "the LSE")."""
    i = 0
    while i < len(toks):
        word = token_text(text, toks[i]).lower()
        if word in _TIME_OPENERS and i + 2 < len(toks) and token_text(text, toks[i + 1]).lower() in _TIME_END:
            i += 2
        elif word in cues.LEADING_JUNK or not text[toks[i][0]].isalnum():
            i += 1
        else:
            break
    return toks[i:]


def _is_boundary(text: str, toks: list[Span], i: int) -> bool:
    """Whether token `i` (walking back from a cue) ends the source's clause."""
    s, e = toks[i]
    word = text[s:e]
    if not word[0].isalnum():
        return word not in ".'’&%"
    low = word.lower()
    if low in cues.CLAUSE_OPENERS or (word in FINITE_CUES or word in _PAST_TENSES):
        return True
    if low in ("and", "or"):
        return i > 0 and text[toks[i - 1][0]] == ","
    return False


def walk_back(text: str, toks: list[Span], i: int) -> int:
    """Index of the first token of the clause that ends at token `i` (a parenthesis is kept)."""
    j = i
    while j >= 0:
        if token_text(text, toks[j]) == ")":
            k = j
            while k >= 0 and token_text(text, toks[k]) != "(":
                k -= 1
            if k < 0:
                break
            j = k - 1
            continue
        if _is_boundary(text, toks, j):
            break
        j -= 1
    return j + 1


def span_if_np(text: str, toks: list[Span]) -> Span | None:
    """The tokens' hull if they read as a noun phrase, after trimming what cannot belong.

    Leading conjunctions go, a trailing time phrase goes ("allies on Monday"), and two noun
    phrases in a row keep only a final pronoun ("a step they").
    """
    chosen = _trim_leading(text, toks)
    if len(chosen) > 2 and _YEAR.fullmatch(token_text(text, chosen[-1])) and token_text(text, chosen[-2]) == "in":
        chosen = chosen[:-2]  # "The senator in 2010 said"
    while chosen and text[chosen[-1][0] : chosen[-1][1]].lower() in _TIME_END:
        chosen.pop()
        while chosen and text[chosen[-1][0] : chosen[-1][1]].lower() in _TIME_LEAD:
            chosen.pop()
    if len(chosen) > 1 and text[chosen[-1][0] : chosen[-1][1]].lower() in PRONOUNS:
        chosen = chosen[-1:]
    if not _np_ok(text, chosen):
        return None
    return chosen[0][0], chosen[-1][1]


def _relative_start(text: str, toks: list[Span], k: int) -> int | None:
    """Index of the "who"/"which" that opens the chunk ending at token `k`, if it is a
    relative clause ("who grew up in Austin"); the chunk runs back to the previous comma."""
    j = k
    while j >= 0 and token_text(text, toks[j]) != ",":
        j -= 1
    opener = j + 1
    return opener if opener <= k and token_text(text, toks[opener]).lower() in _RELATIVE_OPENERS else None


def _closes_relative(text: str, toks: list[Span], k: int) -> bool:
    """Whether token `k` is a comma closing a relative clause ("who lost ... in Aurora,")."""
    return k > 0 and token_text(text, toks[k]) == "," and _relative_start(text, toks, k - 1) is not None


def _name_before(text: str, toks: list[Span], k: int) -> Span | None:
    """A name that opens its clause and ends with the comma at token `k`, which a
    description follows ("Christopher M. Shelton, the president of ...")."""
    if k <= 0 or token_text(text, toks[k]) != ",":
        return None
    start = walk_back(text, toks, k - 1)
    if start > 0 and token_text(text, toks[start - 1]) == ",":
        return None
    name = span_if_np(text, toks[start:k])
    words = text[name[0] : name[1]].split() if name else []
    return name if words and all(w[0].isupper() for w in words) else None


def appositive(text: str, toks: list[Span], i: int) -> Span | None:
    """`NAME, APPOSITIVE[, APPOSITIVE],` ending at token `i`, as one source span.

    An appositive is a noun phrase ("a doctor", "60") or a relative clause ("who ...");
    a chunk opening with a preposition or a participle ("in an attempt to ...", "writing
    for the majority") at the end is an aside, and the source stops before it. A head
    right after a relative clause belongs to it ("Sandy Phillips, who lost ... in Aurora,
    Colorado, in July 2012, said"), so the walk goes on to the name before the clause.
    """
    end, best = i, None
    for _ in range(_APPOSITIVES_MAX + 1):
        comma = i
        while comma >= 0 and token_text(text, toks[comma]) != ",":
            comma -= 1
        if comma <= 0 or comma == i:  # nothing between two commas ("Ruiz, , said") is no appositive
            break
        chunk = toks[comma + 1 : i + 1]
        opener = token_text(text, chunk[0]).lower()
        aside = opener in PP_OPENERS or opener.endswith("ing")
        if not (aside or opener in _RELATIVE_OPENERS or span_if_np(text, chunk)):
            break
        if aside and end == i:
            end = comma - 1
        relative = _relative_start(text, toks, comma - 1)
        if relative is not None:
            i = relative  # the words before the comma close a relative clause: walk past it
            continue
        start = walk_back(text, toks, comma - 1)
        head = span_if_np(text, toks[start:comma])
        if head is not None and not text[head[0] : head[1]].isdigit():  # "Smith, 79, who ..."
            name = _name_before(text, toks, start - 1) if text[head[0]].islower() else None
            best = ((name or head)[0], toks[end][1])
            if not _closes_relative(text, toks, start - 1):
                break
        i = comma - 1
    return best
