"""Reported speech and "according to": claims whose content is not (only) a quotation.

Per sentence and per cue outside quotations:

- `SOURCE CUE [addressee] [filler] (that|:) CONTENT` (pre-posed; `that` joins the content);
- `CONTENT, SOURCE CUE [addressee] [filler].` and `CONTENT, CUE SOURCE.` (post-posed);
- `CONTENT, SOURCE CUE, CONTENT.` (medial: two content parts);
- `..., PARTICIPLE that CONTENT` ("adding that"): the sentence's previous source again;
- `X did Y and CUE that CONTENT`: the sentence's subject is the source;
- `..., which SOURCE said VERB ...`: the relative pronoun joins the content.

"According to" (`according.py`) and line openers (`openers.py`) are dispatched from here
too, so that one pass over each sentence finds all of its non-quote claims.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from curate.claims import around_cue, cues, sources
from curate.claims.according import according_claim
from curate.claims.content import WORD, content_end
from curate.claims.draft import Draft, trim
from curate.claims.openers import asked_claim, headline_claim
from curate.claims.patterns import CUE
from curate.claims.tokens import Span, tokens, tokens_before

_NOT_SUBJECT = frozenset(
    {
        "the", "a", "an", "to", "of", "his", "her", "their", "its", "our", "my", "your", "for",
        "with", "by", "in", "on", "at", "from", "this", "these", "those", "be", "been", "being",
    }
)
_PRONOUN_SUBJECTS = frozenset({"he", "she", "it", "they", "we", "i", "you", "there"})
_NP_OPENERS = frozenset(
    {
        "the", "a", "an", "he", "she", "they", "his", "her", "their", "its", "one", "another",
        "both", "two", "three", "several", "many", "some",
    }
)
# After a cue, these end the attribution ("..., X said as he left."); those take an object
# ("accused of", "said of the killer") and so never close a post-posed attribution.
_POST_OPENERS = frozenset(
    {
        "in", "on", "at", "during", "after", "before", "over", "through", "via", "as", "when",
        "while", "because", "since", "until", "amid", "outside", "inside", "near", "across",
        "behind", "ahead",
    }
)
_OBJECT_PREPOSITIONS = frozenset(
    {
        "of", "to", "with", "for", "by", "from", "into", "about", "without", "against", "upon",
        "under", "despite", "beyond", "among", "between", "within", "toward", "towards", "onto",
    }
)
_QUESTION_WORDS = frozenset({"whether", "if", "why", "how", "what", "who", "when", "where", "which"})
_SUBORDINATORS = frozenset(
    {
        "if", "when", "once", "unless", "although", "though", "because", "while", "despite", "in",
        "after", "before", "given", "since",
    }
)
_RELATIVES = frozenset({"which", "that", "who", "what"})
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your", "a", "an"})
_THAT_WINDOW = 14
_END = re.compile(r"[\s.!?;:,—–-]*")


def _opens_noun_phrase(phrase: str) -> bool:
    """Whether a phrase after an inverted cue ("said Devine") starts like a subject."""
    first = phrase.split(None, 1)[0]
    return first[0].isupper() or first.lower() in _NP_OPENERS


def _kind(verb: str) -> str:
    return "belief" if verb in cues.BELIEF and verb not in cues.SPEECH else "reported_speech"


def _that_ahead(text: str, pos: int, e: int) -> int | None:
    """Start of a "that" within a few words of `pos`, before any other cue or clause end."""
    for k, (a, b) in enumerate(tokens(text, pos, e)):
        word = text[a:b]
        if k >= _THAT_WINDOW or word in (";", ".") or CUE.match(text, a):
            return None
        if word == "that":
            return a
    return None


def _participle(text: str, s: int, e: int, m: re.Match[str], source: Span | None, cue: Span) -> Draft | None:
    """`..., adding (that) CONTENT`: another claim of the sentence's source."""
    if source is None:
        return None
    pos = around_cue.after_cue(text, m.group(), m.end(), e)
    first = _content_start(text, s, e, m.group(), source, pos)
    if first is None:
        return None
    part = trim(text, first, content_end(text, first + 1, e))
    return Draft((part,), source, cue, _kind(m.group())) if part[1] > part[0] else None


def _post_posed(text: str, s: int, source: Span, cue: Span, kind: str) -> Draft | None:
    """`CONTENT, SOURCE CUE.`: the content is the sentence up to the comma before the source."""
    comma = text.rfind(",", s, source[0])
    part = trim(text, s, comma)
    return Draft((part,), source, cue, kind) if comma >= 0 and part[1] > part[0] else None


def _comma_before(text: str, s: int, pos: int) -> bool:
    """Whether a comma (possibly inside a closing quote: `,"`) ends `text[s:pos]`."""
    return text[s:pos].rstrip().rstrip("\"”'").endswith(",")


def _source(text: str, s: int, start: int, prev: list[Span]) -> Span | None:
    """The pre-posed source: the noun phrase before the cue, or the sentence subject for a
    coordinated verb ("... and said")."""
    source = sources.source_before(text, s, start)
    if source is None and prev and text[prev[-1][0] : prev[-1][1]].lower() in ("and", "but"):
        source = sources.sentence_subject(text, s, prev[-1][0])
    return source


def _content_start(text: str, s: int, e: int, verb: str, source: Span, pos: int) -> int | None:
    """Where the content after the cue starts; None when no clause follows the cue."""
    nxt = WORD.match(text, pos, e)
    end_match = _END.match(text, pos, e)
    comma_before_source = _comma_before(text, s, source[0])
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
        if after is not None and after.group(1).lower() in _SUBORDINATORS:
            return after.start(1)
        return None
    if low in _POST_OPENERS or low in _OBJECT_PREPOSITIONS:
        return _that_ahead(text, pos, e)
    if low in _PRONOUN_SUBJECTS or low in _QUESTION_WORDS:
        return nxt.start(1)
    if verb in cues.NOUN_LIKE:
        return None
    if verb in cues.OBJECT:
        return nxt.start(1)
    if low in cues.VERBISH and not comma_before_source and source[0] > s:
        return nxt.start(1)
    return nxt.start(1) if verb in cues.BARE_CLAUSE else None


def _attributed_around(
    text: str, s: int, e: int, source: Span, cue: Span, kind: str, pos: int
) -> Draft | None:
    """Post-posed (`C, X said.`) and medial (`A, X said, B.`) frames."""
    if not _comma_before(text, s, source[0]) or text[cue[0] : cue[1]] in cues.NOUN_LIKE:
        return None
    rest = _END.match(text, pos, e)
    if rest is not None and rest.end() >= e:
        return _post_posed(text, s, source, cue, kind)
    nxt = WORD.match(text, pos, e)
    if nxt is None:
        return None
    word = nxt.group(1).lower()
    if word in _POST_OPENERS:
        return _post_posed(text, s, source, cue, kind)
    if word != ",":
        return None
    head = trim(text, s, text.rindex(",", s, source[0]))
    tail = trim(text, nxt.end(1), content_end(text, nxt.end(1), e))
    if head[1] <= head[0] or tail[1] <= tail[0] or CUE.match(text, tail[0]):
        return _post_posed(text, s, source, cue, kind)
    return Draft((head, tail), source, cue, kind)


def _verb(text: str, m: re.Match[str], s: int, e: int, last_source: Span | None) -> Draft | None:
    """A verb or phrasal cue in any of the pre-posed, post-posed or medial frames."""
    verb = m.group()
    start = around_cue.cue_start(text, s, m.start())
    cue = (start, m.end())
    prev = tokens_before(text, s, start)
    prev_word = text[prev[-1][0] : prev[-1][1]].lower() if prev else ""
    if prev_word in _NOT_SUBJECT:
        return None
    kind = _kind(verb)
    if _comma_before(text, s, start):
        if verb in cues.PARTICIPLES:
            return _participle(text, s, e, m, last_source or sources.sentence_subject(text, s, start), cue)
        inverted = sources.source_inverted(text, m.end(), e)
        if inverted is not None and _opens_noun_phrase(text[inverted[0] : inverted[1]]):
            return _post_posed(text, s, inverted, cue, kind)
    elif verb.endswith("ing") and start == m.start():
        return None
    source = _source(text, s, start, prev)
    if source is None or (
        verb in cues.NOUN_LIKE and text[source[0] : source[1]].split()[0].lower() in _POSSESSIVES
    ):
        return None
    pos = around_cue.after_cue(text, verb, m.end(), e)
    first = _content_start(text, s, e, verb, source, pos)
    if first is None:
        return _attributed_around(text, s, e, source, cue, kind, pos)
    stop = content_end(text, first + 1, e)
    before = tokens_before(text, s, source[0])
    gap = text[first : first + 1].islower() and text[first : text.find(" ", first)] in cues.VERBISH
    relative = before[-1] if before and text[before[-1][0] : before[-1][1]].lower() in _RELATIVES else None
    if relative is not None and text[relative[0] : relative[1]].lower() == "that" and not gap:
        relative = None  # "said that he ..." : a complementizer, not a relative pronoun
    if relative is not None or gap:
        comma = text.find(",", first, stop)
        stop = comma if comma > 0 else stop
    part = trim(text, first, stop)
    if part[1] <= part[0]:
        return None
    if relative is not None and text[first : first + 5] != "that ":
        return Draft((relative, part), source, cue, kind)
    return Draft((part,), source, cue, kind)


def reported_claims(
    text: str, sentences: list[Span], blocked: list[Span], quoted: list[Draft]
) -> list[Draft]:
    """Claims from cues outside quotations and outside the attributions of `quoted`."""
    blocked = sorted(blocked)
    starts = [b[0] for b in blocked]

    def is_blocked(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and blocked[i][0] <= pos < blocked[i][1]

    quote_sources = sorted((d.cue[0], d.source) for d in quoted if d.source is not None)
    cue_positions = [pos for pos, _ in quote_sources]
    out: list[Draft] = []
    for s, e in sentences:
        k = bisect_left(cue_positions, e) - 1
        last_source = quote_sources[k][1] if k >= 0 and cue_positions[k] >= s else None
        for special in (asked_claim(text, s, e), headline_claim(text, s, e)):
            if special is not None and not is_blocked(special.cue[0]):
                out.append(special)
        for m in CUE.finditer(text, s, e):
            if is_blocked(m.start()):
                continue
            if m.group("according"):
                draft = according_claim(text, m, s, e)
            else:
                draft = _verb(text, m, s, e, last_source)
            if draft is not None:
                out.append(draft)
                last_source = draft.source or last_source
    return out
