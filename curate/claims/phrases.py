"""Phrase finders around a cue: the source before or after it, the addressee and fillers.

Without a parser, a noun phrase is approximated by what it cannot contain: it stops at
punctuation and clause openers ("that", "when", "who"), it has no auxiliary verb, and it
does not end in a determiner or preposition. These helpers work on offsets only, so every
span they return points into the original text.
"""

from __future__ import annotations

import re

from curate.claims import cues

Span = tuple[int, int]

_TOKEN = re.compile(r"[\w’'.&-]*\w|[^\w\s]")
_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.")
_DAYS = "(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_TIME_NOUN = (rf"(?:{_DAYS}(?:'s|’s)?|today|yesterday|tonight|week|month|year|night|morning|"
              rf"afternoon|evening|weekend|days?|weeks|months|years|hours|(?:{_MONTHS})(?:\s+\d{{1,2}})?)")
_STATEMENT = "|".join(sorted(cues.STATEMENT_NOUNS, key=len, reverse=True))
_FILLER = re.compile(
    r"(?:"
    rf"\s*,?\s*(?:(?:on|in|at|during|by|over|this|last|next|late|early|earlier|later|"
    rf"the|past|same|previous|following|\d+)\s+)*{_TIME_NOUN}\b(?:\s+ago\b)?"
    r"|\s*,?\s*(?:earlier|later|recently|previously|again|also|too|then|now|once|repeatedly|"
    r"publicly|privately|separately|however|though|instead|moreover|meanwhile|overnight|"
    r"further|first|simply|flatly|bluntly|frankly|candidly|tersely|quietly|angrily|"
    r"emphatically|confidently|ominously|proudly|calmly|approvingly|recently|Tuesday)\b,?"
    rf"|\s+(?:in|on|during|at|through|via|with|after|over|from)\s+(?:an?|the|his|her|their|"
    rf"its|one|[A-Z][\w’'-]*(?:'s|’s)?)\s+(?:[\w’'-]+\s+){{0,3}}?(?:{_STATEMENT})s?\b"
    r"(?:\s+(?:with|to|on|at|for|by)\s+(?:the\s+)?(?:[A-Z][\w.&’'-]*\s*)+)?"
    r"|\s*,\s*(?:per|through|via)\s+[^,.;]{1,40},"
    r"|\s+to\s+(?:reporters|journalists|supporters|the\s+(?:crowd|audience|press|media)|"
    r"(?:[A-Z][\w.&’'-]*\s?)+)"
    r")+"
)
_WS = re.compile(r"\s*")
_CAPITAL_RUN = re.compile(r"(?:(?:the|The)\s+)?[A-Z][\w.&’'-]*(?:\s+(?:of\s+|the\s+|&\s+|de\s+)*[A-Z][\w.&’'-]*)*")
_DETERMINED = re.compile(r"(?:the|a|an|his|her|their|its|our|my|this|that|these|those)\s+(?:[\w’'-]+\s+){0,3}?(?=that\b)")


def skip_fillers(text: str, pos: int, end: int) -> int:
    """Position after time and manner phrases ("on Tuesday", "in a statement") at `pos`."""
    m = _FILLER.match(text, pos, end)
    return m.end() if m else pos


def skip_addressee(text: str, pos: int, end: int) -> int:
    """Position after the addressee of a tell-type verb ("him", "Haaretz", "the paper that")."""
    ws = _WS.match(text, pos, end)
    start = ws.end() if ws else pos
    m = _TOKEN.match(text, start, end)
    if m is None:
        return pos
    word = m.group()
    if word.lower() in cues.ADDRESSEES:
        return m.end()
    if word[0].isupper() and word.lower() not in cues.CLAUSE_STARTS:
        run = _CAPITAL_RUN.match(text, start, end)
        return run.end() if run else pos
    if word in ("The",) or word.lower() in ("the", "a", "an", "his", "her", "their", "its"):
        run = _CAPITAL_RUN.match(text, start, end)
        if run and run.end() > m.end():
            return run.end()
        det = _DETERMINED.match(text, start, end)
        if det:
            return det.end()
    return pos


def tokens(text: str, lo: int, hi: int) -> list[Span]:
    """Word and punctuation token spans of `text[lo:hi]`."""
    return [m.span() for m in _TOKEN.finditer(text, lo, hi)]


def _np_ok(text: str, toks: list[Span]) -> bool:
    """Whether the tokens can be a noun phrase: short, no auxiliary, not ending in a function word."""
    if not toks or len(toks) > 25:
        return False
    last = text[toks[-1][0] : toks[-1][1]].lower()
    if last in cues.NOT_NP_END or not (text[toks[-1][0]].isalnum()):
        return False
    return not any(text[s:e].lower() in cues.VERBISH for s, e in toks)


def _trim_leading(text: str, toks: list[Span]) -> list[Span]:
    """Drop leading conjunctions and punctuation ("But he" -> "he")."""
    i = 0
    while i < len(toks) and (text[toks[i][0] : toks[i][1]].lower() in cues.LEADING_JUNK
                             or not text[toks[i][0]].isalnum()):
        i += 1
    return toks[i:]


def _is_boundary(text: str, toks: list[Span], i: int) -> bool:
    """Whether token `i` (walking back from a cue) ends the source's clause."""
    s, e = toks[i]
    word = text[s:e]
    if not word[0].isalnum():
        return word not in ".'’&" and word != "-"
    low = word.lower()
    if low in cues.CLAUSE_OPENERS:
        return True
    if low in ("and", "or", "but"):
        return i > 0 and text[toks[i - 1][0]] == ","
    return False


def _walk_back(text: str, toks: list[Span], i: int) -> int:
    """Index of the first token of the clause that ends at token `i` (a parenthesis is kept)."""
    j = i
    while j >= 0:
        if text[toks[j][0] : toks[j][1]] == ")":
            k = j
            while k >= 0 and text[toks[k][0] : toks[k][1]] != "(":
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
    chosen = _trim_leading(text, toks)
    if not _np_ok(text, chosen):
        return None
    return chosen[0][0], chosen[-1][1]


_APPOSITIVE_CLOSERS = frozenset({",", "”", '"', "'"})


def source_before(text: str, lo: int, cue_start: int) -> Span | None:
    """The noun phrase that ends right before a cue, from `lo` at most.

    An appositive set off by commas right before the cue ("The Lebanese daily, considered
    close to Hezbollah, reported"; "Mrs. Clinton, who ..., said") is kept whole: a comma
    directly before a verb of saying closes an appositive, not the subject's clause.
    """
    toks = tokens(text, lo, cue_start)
    i = len(toks) - 1
    if i > 0 and text[toks[i][0] : toks[i][1]] in _APPOSITIVE_CLOSERS:
        while i >= 0 and text[toks[i][0] : toks[i][1]] in _APPOSITIVE_CLOSERS:
            i -= 1
        comma = i
        while comma >= 0 and text[toks[comma][0] : toks[comma][1]] != ",":
            comma -= 1
        if comma > 0:
            chunk = toks[comma + 1 : i + 1]
            relative = text[chunk[0][0] : chunk[0][1]].lower() in ("who", "whose", "which")
            if relative or _span_if_np(text, chunk):
                head = _span_if_np(text, toks[_walk_back(text, toks, comma - 1) : comma])
                if head is not None:
                    return head[0], toks[i][1]
    if i < 0:
        return None
    return _span_if_np(text, toks[_walk_back(text, toks, i) : i + 1])


_PP_OPENERS = frozenset({
    "in", "on", "at", "over", "after", "before", "during", "for", "with", "by", "from",
    "despite", "since", "under", "among", "as", "while", "when", "although", "though",
    "because", "if", "once", "until", "unlike", "like", "amid", "following", "earlier",
    "later", "still", "instead", "meanwhile", "now", "then", "however", "asked",
})


def sentence_subject(text: str, lo: int, hi: int) -> Span | None:
    """The subject of a sentence, for a coordinated verb ("X travelled ..., and said").

    Leading comma-separated chunks that open with a preposition or adverb ("Over the
    years,") are skipped; the subject is the pronoun or capitalised run that follows.
    """
    toks = tokens(text, lo, hi)
    k = 0
    while k < len(toks):
        word = text[toks[k][0] : toks[k][1]].lower()
        if word in cues.LEADING_JUNK or not word[0].isalnum():
            k += 1
            continue
        if word not in _PP_OPENERS:
            break
        while k < len(toks) and text[toks[k][0] : toks[k][1]] != ",":
            k += 1
    toks = toks[k:]
    if not toks:
        return None
    first = text[toks[0][0] : toks[0][1]]
    if first.lower() in ("he", "she", "they", "we", "i", "it"):
        return toks[0]
    out: list[Span] = []
    for s, e in toks:
        word = text[s:e]
        if word[0].isupper() or (out and word in ("of", "the", "al", ".")) or (not out and word.lower() in ("the", "a", "an")):
            out.append((s, e))
        else:
            break
    while out and text[out[-1][0] : out[-1][1]].lower() in cues.NOT_NP_END | {"."}:
        out.pop()
    return (out[0][0], out[-1][1]) if out else None


def source_after(text: str, pos: int, end: int, stop_at_comma: bool) -> Span | None:
    """The noun phrase right after `pos` ("said Devine", "according to the report")."""
    toks = tokens(text, pos, end)
    out: list[Span] = []
    seen_word = False
    for k, (s, e) in enumerate(toks):
        word = text[s:e]
        low = word.lower()
        if not word[0].isalnum():
            if word in ("'", "’", "&", "-", "“", "”", '"'):
                out.append((s, e))
                continue
            if word == "," and not stop_at_comma and k + 1 < len(toks):
                nxt = text[toks[k + 1][0] : toks[k + 1][1]].lower()
                if nxt not in cues.PARTICIPLES and nxt not in cues.CLAUSE_OPENERS and nxt not in ("and", "but", "adding"):
                    out.append((s, e))
                    continue
            break
        if low in cues.CLAUSE_OPENERS or low in cues.VERBISH or low in cues.PARTICIPLES:
            break
        if seen_word and low in ("the", "a", "an", "he", "she", "they", "it", "we", "i", "there"):
            break
        if seen_word and _FILLER.match(text, s - 1, end) and low in ("in", "on", "at", "during", "to", "earlier", "last", "this"):
            break
        out.append((s, e))
        seen_word = True
    while out and (text[out[-1][0] : out[-1][1]].lower() in cues.NOT_NP_END or not text[out[-1][0]].isalnum()):
        out.pop()
    if not out or len(out) > 30:
        return None
    return out[0][0], out[-1][1]


def cue_start(text: str, lo: int, verb_start: int) -> int:
    """Start of a cue once the auxiliaries and adverbs before its verb ("has also") join it."""
    start = verb_start
    for s, e in reversed(tokens(text, lo, verb_start)):
        if text[s:e].lower() in cues.AUXILIARIES:
            start = s
        else:
            break
    return start


def after_cue(text: str, verb: str, verb_end: int, end: int) -> int:
    """Position after a verb cue's addressee ("told Haaretz") and fillers ("on Tuesday")."""
    pos = verb_end
    if verb in cues.TELL:
        pos = skip_addressee(text, pos, end)
    return skip_fillers(text, pos, end)
