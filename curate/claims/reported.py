"""Reported speech and "according to": claims whose content is not (only) a quotation.

Per sentence and per cue outside quotations:

- `SOURCE CUE [addressee] [filler] (that|:) CONTENT` (pre-posed; `that` joins the content);
- `CONTENT, SOURCE CUE [filler].` and `CONTENT, CUE SOURCE.` (post-posed);
- `CONTENT, SOURCE CUE, CONTENT.` (medial: two content parts);
- `..., PARTICIPLE (that) CONTENT` ("adding that"): the sentence's previous source again;
- `X did Y and CUE that CONTENT`: the sentence's subject is the source;
- `According to SOURCE, CONTENT.`, `CONTENT, according to SOURCE.` and the medial form.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from curate.claims import cues, phrases
from curate.claims.draft import Draft, Span, trim
from curate.claims.patterns import CUE

_WORD = re.compile(r"\s*([\w’'-]+|[^\w\s])")
_PARTICIPLE_SPLIT = re.compile(rf",\s+(?:{'|'.join(sorted(cues.PARTICIPLES))})\b")
_NOT_SUBJECT = frozenset({"the", "a", "an", "to", "of", "his", "her", "their", "its", "our",
                          "my", "your", "for", "with", "by", "in", "on", "at", "from", "this",
                          "these", "those", "be", "been", "being"})
_PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "we", "i", "you", "there"})
_OPENING_QUOTES = frozenset("\"“'`")
_NP_OPENERS = frozenset({"the", "a", "an", "he", "she", "they", "his", "her", "their", "its",
                         "one", "another", "both", "two", "three", "several", "many", "some"})
_END = re.compile(r"[\s.!?;:,—–-]*")


def _opens_noun_phrase(phrase: str) -> bool:
    """Whether a phrase after an inverted cue ("said Devine") starts like a subject."""
    first = phrase.split(None, 1)[0]
    return first[0].isupper() or first.lower() in _NP_OPENERS


def _next_word(text: str, pos: int, end: int) -> re.Match[str] | None:
    return _WORD.match(text, pos, end)


def _content_end(text: str, start: int, end: int) -> int:
    """End of a content that starts at `start`: the sentence end or a ", adding ..." split."""
    m = _PARTICIPLE_SPLIT.search(text, start, end)
    return m.start() if m else end


def _kind(verb: str) -> str:
    return "belief" if verb in cues.BELIEF and verb not in cues.SPEECH else "reported_speech"


def _according(text: str, m: re.Match[str], s: int, e: int) -> Draft | None:
    """`According to X, C.` / `C, according to X.` / `A, according to X, B.`"""
    source = phrases.source_after(text, m.end(), e, stop_at_comma=True)
    if source is None:
        return None
    cue = (m.start(), m.end())
    lead = phrases.tokens(text, s, m.start())
    lead_words = [text[a:b].lower() for a, b in lead]
    if all(w in cues.LEADING_JUNK or not w[0].isalnum() for w in lead_words):
        part = trim(text, source[1], e)
        return Draft((part,), source, cue, "according_to") if part[1] > part[0] else None
    before = trim(text, s, m.start())
    if before[1] <= before[0]:
        return None
    parts = [before]
    rest = _next_word(text, source[1], e)
    if rest is not None and rest.group(1) == "," and text[m.start() - 2 : m.start()].strip() == ",":
        after = trim(text, rest.end(), e)
        if after[1] > after[0]:
            parts.append(after)
    return Draft(tuple(parts), source, cue, "according_to")


def _verb(text: str, m: re.Match[str], s: int, e: int, last_source: Span | None) -> Draft | None:
    """A verb or phrasal cue in any of the pre-posed, post-posed or medial frames."""
    verb = m.group()
    start = phrases.cue_start(text, s, m.start())
    cue = (start, m.end())
    prev = phrases.tokens(text, s, start)
    prev_word = text[prev[-1][0] : prev[-1][1]] if prev else ""
    if prev_word.lower() in _NOT_SUBJECT:
        return None
    kind = _kind(verb)
    if prev_word == ",":
        if verb in cues.PARTICIPLES:
            pos = phrases.after_cue(text, verb, m.end(), e)
            nxt = _next_word(text, pos, e)
            if last_source is None or nxt is None or nxt.group(1).lower() != "that":
                return None
            part = trim(text, nxt.start(1), _content_end(text, nxt.end(1), e))
            return Draft((part,), last_source, cue, kind)
        source = phrases.source_after(text, m.end(), e, stop_at_comma=False)
        part = trim(text, s, prev[-1][0])
        if source is not None and part[1] > part[0] and _opens_noun_phrase(text[source[0] : source[1]]):
            return Draft((part,), source, cue, kind)
    source = phrases.source_before(text, s, start)
    if source is None and prev_word.lower() in ("and", "but"):
        source = phrases.sentence_subject(text, s, prev[-1][0])
    if source is None:
        return None
    pos = phrases.after_cue(text, verb, m.end(), e)
    nxt = _next_word(text, pos, e)
    comma_before_source = text[s : source[0]].rstrip().endswith(",")
    if nxt is None or _END.match(text, pos, e).end() >= e:  # type: ignore[union-attr]
        if not comma_before_source:
            return None
        part = trim(text, s, text.rindex(",", s, source[0]))
        return Draft((part,), source, cue, kind) if part[1] > part[0] else None
    word = nxt.group(1)
    low = word.lower()
    if low == "that":
        first = nxt.start(1)
    elif word == ":":
        first = nxt.end(1)
    elif word == ",":
        if not comma_before_source:
            return None
        head = trim(text, s, text.rindex(",", s, source[0]))
        tail = trim(text, nxt.end(1), _content_end(text, nxt.end(1), e))
        if head[1] <= head[0] or tail[1] <= tail[0] or CUE.match(text, tail[0]):
            return None
        return Draft((head, tail), source, cue, kind)
    elif low in _PRONOUN_SUBJECTS or (
        verb in cues.BARE_CLAUSE
        and (low in cues.CLAUSE_STARTS or word[0].isupper() or word[0].isdigit() or word in _OPENING_QUOTES)
    ):
        first = nxt.start(1)
    else:
        return None
    part = trim(text, first, _content_end(text, first, e))
    if part[1] <= part[0]:
        return None
    return Draft((part,), source, cue, kind)


def reported_claims(text: str, sentences: list[Span], blocked: list[Span], quoted: list[Draft]) -> list[Draft]:
    """Claims from cues outside quotations and outside the attributions of `quoted`."""
    blocked = sorted(blocked)
    starts = [b[0] for b in blocked]

    def is_blocked(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and blocked[i][0] <= pos < blocked[i][1]

    quote_sources = sorted((d.cue[0], d.source) for d in quoted if d.source is not None)
    out: list[Draft] = []
    for s, e in sentences:
        last_source = None
        for cue_pos, src in quote_sources:
            if s <= cue_pos < e:
                last_source = src
        for m in CUE.finditer(text, s, e):
            if is_blocked(m.start()):
                continue
            if m.group("according"):
                draft = _according(text, m, s, e)
            else:
                draft = _verb(text, m, s, e, last_source)
            if draft is not None:
                out.append(draft)
                last_source = draft.source or last_source
    return out
