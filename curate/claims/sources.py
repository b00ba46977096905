"""Source noun phrases: before a cue, after an inverted cue, after "according to".

Without a parser, a noun phrase is approximated by what it cannot contain: it stops at
punctuation and clause openers ("that", "when", "who"), it has no auxiliary verb, and it
does not end in a determiner or preposition. Spans are offsets into the original text.
"""

from __future__ import annotations

from curate.claims import cues
from curate.claims.around_cue import CIRCUMSTANCE
from curate.claims.tokens import Span, token_text, tokens


def _np_ok(text: str, toks: list[Span]) -> bool:
    """Whether the tokens can be a noun phrase: short, no auxiliary, not opening with a
    preposition ("for the E3") nor ending in a function word."""
    if not toks or len(toks) > 25 or token_text(text, toks[0]) in _PREPOSITIONS:
        return False
    last = text[toks[-1][0] : toks[-1][1]].lower()
    abbreviation = last == "." and len(toks) > 1 and len(text[toks[-2][0] : toks[-2][1]]) <= 3
    if last in cues.NOT_NP_END or not (text[toks[-1][0]].isalnum() or last == ")" or abbreviation):
        return False
    return not any(text[s:e].lower() in cues.VERBISH for s, e in toks)


def _trim_leading(text: str, toks: list[Span]) -> list[Span]:
    """Drop leading conjunctions and punctuation ("But he" -> "he")."""
    i = 0
    while i < len(toks) and (
        token_text(text, toks[i]).lower() in cues.LEADING_JUNK or not text[toks[i][0]].isalnum()
    ):
        i += 1
    return toks[i:]


def _is_boundary(text: str, toks: list[Span], i: int) -> bool:
    """Whether token `i` (walking back from a cue) ends the source's clause."""
    s, e = toks[i]
    word = text[s:e]
    if not word[0].isalnum():
        return word not in ".'’&"
    low = word.lower()
    if low in cues.CLAUSE_OPENERS or (low in _FINITE_CUES and word[0].islower()):
        return True
    if low in ("and", "or"):
        return i > 0 and text[toks[i - 1][0]] == ","
    return False


# A finite cue verb before a cue belongs to an earlier attribution ("X said a search
# revealed ...": the source of "revealed" is "a search").
_FINITE_CUES = frozenset(
    v for v in cues.ALL_VERBS if v.endswith(("ed", "s")) and not v.endswith("ss") and v not in cues.NOUN_LIKE
) | (cues.IRREGULAR_PAST & cues.ALL_VERBS)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
_TIME_END = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
        "yesterday", "tonight", "week", "month", "year", "night", "morning", "afternoon",
        "evening", "weekend", "ago",
    }
)
_TIME_LEAD = frozenset(
    {
        "on", "last", "this", "late", "early", "earlier", "next", "the", "a", "two", "three",
        "several", "few", "days", "weeks", "months", "years",
    }
)


def _walk_back(text: str, toks: list[Span], i: int) -> int:
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


def _span_if_np(text: str, toks: list[Span]) -> Span | None:
    """The tokens' hull if they read as a noun phrase, after trimming what cannot belong.

    Leading conjunctions go, a trailing time phrase goes ("allies on Monday"), and two noun
    phrases in a row keep only a final pronoun ("a step they").
    """
    chosen = _trim_leading(text, toks)
    while chosen and text[chosen[-1][0] : chosen[-1][1]].lower() in _TIME_END:
        chosen.pop()
        while chosen and text[chosen[-1][0] : chosen[-1][1]].lower() in _TIME_LEAD:
            chosen.pop()
    if len(chosen) > 1 and text[chosen[-1][0] : chosen[-1][1]].lower() in _PRONOUNS:
        chosen = chosen[-1:]
    if not _np_ok(text, chosen):
        return None
    return chosen[0][0], chosen[-1][1]


_PP_OPENERS = frozenset(
    {
        "in", "on", "at", "over", "after", "before", "during", "for", "with", "by", "from",
        "despite", "since", "under", "among", "as", "while", "when", "although", "though",
        "because", "if", "once", "until", "unlike", "like", "amid", "following", "earlier",
        "later", "still", "instead", "meanwhile", "now", "then", "however", "asked",
    }
)


_SUBJECT_MAX = 12
_TIME_OPENERS = frozenset({"last", "this", "next", "late", "early", "yesterday", "today"})
_APPOSITIVES_MAX = 3
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
        appositive = _appositive(text, toks, i)
        if appositive is not None:
            return appositive
    if i < 0:
        return None
    if token_text(text, toks[i]).lower() == "who":
        return toks[i]
    return _span_if_np(text, toks[_walk_back(text, toks, i) : i + 1])


def _appositive(text: str, toks: list[Span], i: int) -> Span | None:
    """`NAME, APPOSITIVE[, APPOSITIVE],` ending at token `i`, as one source span.

    An appositive is a noun phrase ("a doctor", "60") or a relative clause ("who ...");
    a chunk opening with a preposition or a participle ("in an attempt to ...", "writing
    for the majority") is an aside, and the source is the name before it alone.
    """
    end = i
    for _ in range(_APPOSITIVES_MAX):
        comma = i
        while comma >= 0 and token_text(text, toks[comma]) != ",":
            comma -= 1
        if comma <= 0:
            return None
        chunk = toks[comma + 1 : i + 1]
        opener = token_text(text, chunk[0]).lower()
        aside = opener in _PP_OPENERS or opener.endswith("ing")
        if not (aside or opener in ("who", "whose", "which") or _span_if_np(text, chunk)):
            return None
        head = _span_if_np(text, toks[_walk_back(text, toks, comma - 1) : comma])
        if head is not None and not text[head[0] : head[1]].isdigit():  # "Smith, 79, who ..."
            return head if aside and end == i else (head[0], toks[end][1])
        i = comma - 1
    return None


def _looks_like_verb(text: str, toks: list[Span], k: int) -> bool:
    """Whether token `k` of a sentence opening is probably its main verb."""
    word = token_text(text, toks[k])
    low = word.lower()
    if word[0].isupper() or not word[0].isalpha():
        return False
    if low in cues.VERBISH or low in cues.ALL_VERBS or low in cues.IRREGULAR_PAST or low.endswith("ed"):
        return True
    previous = text[toks[k - 1][0]] if k > 0 else ""
    return low.endswith("s") and not low.endswith("ss") and previous.isupper() and low != "news"


def sentence_subject(text: str, lo: int, hi: int) -> Span | None:
    """The subject of a sentence, for a coordinated verb ("X travelled ..., and said").

    Leading chunks that open with a preposition, an adverb or a participle ("Over the
    years,", "Walking in, ...") are skipped; the subject runs up to the first word that
    looks like a verb.
    """
    toks = tokens(text, lo, hi)
    k = 0
    while k < len(toks):
        word = token_text(text, toks[k]).lower()
        if word in cues.LEADING_JUNK or not word[0].isalnum():
            k += 1
            continue
        if word not in _PP_OPENERS and word not in _TIME_OPENERS and not word.endswith("ing"):
            break
        while k < len(toks) and token_text(text, toks[k]) != ",":
            k += 1
    toks = toks[k:]
    end = 0
    while end < len(toks) and end < _SUBJECT_MAX and not _looks_like_verb(text, toks, end):
        if token_text(text, toks[end]) in (",", ";", ":"):
            break
        end += 1
    if end == _SUBJECT_MAX:
        return None
    return _span_if_np(text, toks[:end])


_PREPOSITIONS = frozenset(
    {
        "of", "in", "on", "at", "to", "for", "with", "by", "from", "about", "into", "over",
        "under", "between", "among", "across", "through",
    }
)
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
        if low in cues.CLAUSE_OPENERS or low in cues.VERBISH:
            break
        after_noun = out and text[out[-1][0] : out[-1][1]].lower() not in _PREPOSITIONS
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
    means the words after the cue are its content.
    """
    toks = tokens(text, pos, end)
    out: list[Span] = []
    relative = False
    for k, (s, e) in enumerate(toks):
        word = text[s:e]
        low = word.lower()
        last = k == len(toks) - 1
        if k == 0 and low in cues.CLAUSE_OPENERS:
            return None
        if k == 1 and token_text(text, toks[0]).lower() in _PRONOUNS and word[0].isalnum():
            return None
        if low in cues.VERBISH and not relative:
            return None
        relative = relative or low in ("who", "whose", "which", "that")
        if not word[0].isalnum():
            if word == "," and not last:
                nxt = token_text(text, toks[k + 1]).lower()
                if nxt in cues.PARTICIPLES or nxt in _INVERTED_STOPS or nxt in _PP_OPENERS or nxt == "and":
                    break
            elif word in (";", ":", "“", '"', "”") or (word in ".!?" and last):
                break
            out.append((s, e))
            continue
        if low in _INVERTED_STOPS or low in cues.PARTICIPLES:
            break
        if out and low in _TIME_OR_STATEMENT and CIRCUMSTANCE.match(text, s - 1, end):
            break
        out.append((s, e))
    return _tidy(text, out)
