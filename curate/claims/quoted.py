"""Direct quotes: a quotation plus the attribution right after it or right before it.

Forms: `"...," X said.`, `"...," said X.`, `"...!" X replied.`, `X said: "..."`,
`X told Y, "..."`, `X: "..."`, a quote paragraph signed `-X` on the next line, and the
interrupted `"A," he said, "B."` or `"A," he said. "B."`, where the following quote (with
no attribution of its own) becomes a further content part. A quote with no attribution
next to it (a scare quote, a title) is not a claim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from curate.claims import around_cue, cues, passive, sources, subjects
from curate.claims.content import content_end
from curate.claims.draft import Draft, trim
from curate.claims.patterns import CUE
from curate.claims.quotes import Quote
from curate.claims.tokens import Span, token_before, tokens

_GAP = re.compile(r"[\s,.;:—–-]*")
_END_PUNCT = re.compile(r"[\s.,;:!?—–-]*")
_COLON_SOURCE_MAX = 6
_NAME_THEN_COMMA = re.compile(r"\s*[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3},\s*")
_TAIL_SOURCE_MAX = 8
_PAST = re.compile(r"[a-z]{3,}ed")
_NEW_SPEAKER = re.compile(r"[\s,]*(?:and|but)\b")
_DASH_LINE = re.compile(r"[ \t]*\n\s*([-—–])[ \t]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,4})(?=[,\n]|$)")
_INTRODUCES = re.compile(r"\s*[,:]\s*")
_MARKS = frozenset("\"“'`")
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "our", "this", "that"})
_HEAD_SLACK = 4
# `,” the number needed to secure`: a verb with an infinitive after it says nothing ("muttered to
# himself" does).
_NOT_SAYING = re.compile(r"\s+to\s+(?!(?:him|her|them|me|us|himself|herself|themselves|reporters|the|a|an|his|their)\b)[a-z]")
_TITLE_WORD = re.compile(r"[A-Za-z][\w’'-]*")
_TITLE_WORDS = 6
_TITLE_CASE = 0.7
_TITLE_LEADS = frozenset({"on", "of", "in", "at", "from", "titled", "called", "named", "show", "book", "film"})
_RUN_ON = re.compile(r"[ \t]+[a-z0-9]")  # the sentence goes on after the closing mark
_RELATIVES = frozenset({"who", "which", "that"})  # "X, who served as ..., told": not the cue
_HEAD_BREAKERS = frozenset({"that", "if", "whether", "when", "because", "which", "who", ".", ";"})


@dataclass(frozen=True, slots=True)
class _Attribution:
    source: Span | None
    cue: Span
    end: int


def _after_determiner(text: str, lo: int, pos: int) -> bool:
    """Whether the word at `pos` follows a determiner, as a noun does ("the state university")."""
    prev = token_before(text, lo, pos)
    return prev is not None and text[prev[0] : prev[1]].lower() in _DETERMINERS


def _tail_cue(text: str, pos: int, limit: int) -> tuple[int, int, str] | None:
    """The first cue after a quote: a lexicon cue, or any past-tense verb within a few words
    ("mused", "shot back"), since `"...," X VERBED` is an attribution whatever the verb."""
    m = next((c for c in CUE.finditer(text, pos, limit) if not _after_determiner(text, pos, c.start())), None)
    if m is not None and m.group("according"):
        return None
    previous = ""
    for k, (s, e) in enumerate(tokens(text, pos, limit)):
        if m is not None and s >= m.start():
            break
        if k > _TAIL_SOURCE_MAX:
            if m is None:
                return None
            break  # a lexicon cue after a long source ("X, a senior fellow at ..., said")
        word = text[s:e]
        if (_PAST.fullmatch(word) or word in cues.IRREGULAR_PAST) and previous not in _RELATIVES \
                and not _NOT_SAYING.match(text, e, limit):
            return s, e, word
        previous = word.lower()
    return (m.start(), m.end(), m.group()) if m is not None else None


def _tail(text: str, q: Quote, limit: int) -> _Attribution | None:
    """`"...," X said` / `"...," said X` right after the quote, up to `limit`."""
    pos = q.end
    while pos < limit and text[pos] in " ,\t\u00a0":
        pos += 1
    found = _tail_cue(text, pos, limit)
    if found is None:
        return None
    verb_start, verb_end, verb = found
    start = around_cue.cue_start(text, pos, verb_start)
    if start == pos:
        source = sources.source_inverted(text, verb_end, limit)
        if source is None:
            return None
        end = around_cue.skip_fillers(text, source[1], limit)
    else:
        source = sources.source_before(text, pos, start)
        if source is None or source[0] != pos:
            return None
        end = around_cue.after_cue(text, verb, verb_end, limit)
    opens_next = _INTRODUCES.fullmatch(text, end, limit) and text[limit : limit + 1] in _MARKS
    if opens_next and text[q.parts[-1][1] - 1] in ".?!":
        return None  # `“...?” He answered, “...”`: the attribution opens the next quote
    closing = text[q.parts[-1][1] : q.end].lstrip()
    inner_end = text[q.parts[-1][0] : q.parts[-1][1]].rstrip("'’")  # "... by that?'": a quote in the quote
    if not closing.startswith((",", "?", "!")) and inner_end[-1:] not in "?!":
        # A quote that ends its sentence with a period takes a tail only when nothing follows.
        rest = _END_PUNCT.match(text, end, limit)
        if rest is None or rest.end() < limit or text[limit : limit + 1] in _MARKS:
            return None  # `“maybe” the conduct of the officials involved “should ...”`: no attribution
    return _Attribution(source, (start, verb_end), end)


def _dash_line(text: str, q: Quote) -> _Attribution | None:
    """A quote paragraph signed on the next line: `"..."` then `-President Obama, tweeting`."""
    m = _DASH_LINE.match(text, q.end)
    if m is None:
        return None
    return _Attribution(m.span(2), m.span(1), m.end(2))


def _head(text: str, q: Quote, lo: int) -> _Attribution | None:
    """`X said: "..."`, `X told Y, "..."`, `X: "..."` right before the quote, from `lo`."""
    end = q.start
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end <= lo:
        return None
    if text[lo:end].endswith(("’s", "'s")):
        return None  # a title after a possessive: ABC’s “Good Morning America”
    punct = text[end - 1] if text[end - 1] in ",:" else ""
    body_end = end - len(punct)
    last = None
    for m in CUE.finditer(text, lo, body_end):
        last = m
    if last is not None and not last.group("according"):
        stop = around_cue.after_cue(text, last.group(), last.end(), body_end)
        between = tokens(text, stop, body_end)
        if len(between) <= _HEAD_SLACK and not any(text[a:b].lower() in _HEAD_BREAKERS for a, b in between):
            start = around_cue.cue_start(text, lo, last.start())
            before = text[lo:start].rstrip()
            if last.group() in cues.PARTICIPLES and before.endswith(","):
                source = subjects.sentence_subject(text, lo, start)
            else:
                source = sources.source_before(text, lo, start)
            if source is None and before.endswith((" and", " but")):
                source = subjects.sentence_subject(text, lo, start)
            if passive.is_passive(text, (start, last.end()), last.start(), last.group()):
                source = None  # "Blumenthal was asked, “...”": the asker is not written
            if punct or (source is not None and not between):
                return _Attribution(source, (start, last.end()), q.start)
    if punct == ":":
        source = sources.source_before(text, lo, body_end)
        named = _NAME_THEN_COMMA.fullmatch(text, lo, source[0]) if source else None
        if source and named:  # "Windsor Mann, editor of The Quotable Hitchens: “...”"
            source = (lo, source[1])
        if source and text[source[0]].isupper():
            n = len(tokens(text, *source))
            if n <= _COLON_SOURCE_MAX or (named and n <= 2 * _COLON_SOURCE_MAX):
                return _Attribution(source, (body_end, end), q.start)
    return None


def _inside_attribution(text: str, attr_end: int, q: Quote, sentence_end: int) -> bool:
    """Whether quote `q` stands inside the attribution's own sentence after a word, as a
    title does ("said on ABC’s “This Week” on Sunday"), rather than continuing the speech."""
    if q.start < attr_end or q.start >= sentence_end:
        return False
    before = text[max(0, q.start - 2) : q.start].rstrip()  # the attribution may end at the quote
    return bool(before) and (before[-1].isalnum() or before[-1] in "’'")


def _lead_in(text: str, lo: int, quote_start: int) -> list[Span]:
    """The words that lead into a tail-attributed quote in its sentence, as a first content
    part: `The plans are "profoundly irresponsible," said X` attributes the whole clause."""
    lead = trim(text, lo, quote_start)
    words = text[lead[0] : lead[1]]
    if not any(c.isalnum() for c in words) or CUE.search(text, *lead) or ":" in words:
        return []  # no words (`""` before the quote), a cue of its own, or a colon's lead
    return [lead]


def _run_on(text: str, parts: list[Span], q: Quote, sentence_end: int) -> list[Span]:
    """A quoted word the sentence goes on from (`reported “2,521 shooting incidents” in the city
    ...`, `say “no” to ...`) is part of the content, not all of it: up to the content's end."""
    after = _RUN_ON.match(text, q.end, sentence_end)
    if after is None or not parts or text[parts[-1][1] - 1 : q.end].strip("\"”’' ")[-1:] in ",.;:!?":
        return parts  # `“...,” he said` or `“... now.” then`: the quote ended its own clause
    return [(parts[0][0], content_end(text, q.end, sentence_end))]


def _is_title(text: str, q: Quote) -> bool:
    """Whether quote `q` names a show, book or film ("on “CBS This Morning,”", "host of "Morning
    Call,""): a few capitalised words after a preposition or a possessive, not anyone's speech."""
    words = _TITLE_WORD.findall(text, q.parts[0][0], q.parts[-1][1]) if q.parts else []
    if not words or len(words) > _TITLE_WORDS or sum(w[0].isupper() for w in words) < _TITLE_CASE * len(words):
        return False
    before = text[max(0, q.start - 12) : q.start].split()
    return bool(before) and (before[-1].lower() in _TITLE_LEADS or before[-1].endswith(("’s", "'s")))


def quote_claims(text: str, sentences: list[Span], quotes: list[Quote]) -> list[Draft]:
    """Claims whose content is a quotation, in text order."""
    starts = [s for s, _ in sentences]
    out: list[Draft] = []

    def sentence_of(pos: int) -> Span:
        i = max(0, bisect_right(starts, pos) - 1)
        return sentences[i]

    def tail_limit(i: int) -> int:
        q = quotes[i]
        _, e = sentence_of(q.end - 1)
        if e <= q.end:
            nxt = bisect_right(starts, q.end)
            e = sentences[nxt][1] if nxt < len(sentences) and sentences[nxt][0] < q.end + 3 else q.end
            if nxt < len(sentences) and text[sentences[nxt][0]] in "\"“'`":
                e = q.end
        if i + 1 < len(quotes):
            e = min(e, quotes[i + 1].start)
        return e

    def head_lo(i: int) -> int:
        k = max(0, bisect_right(starts, quotes[i].start) - 1)
        s = sentences[k][0]
        if s == quotes[i].start and k > 0 and text[sentences[k - 1][1] - 1] == ":":
            s = sentences[k - 1][0]
        return max(s, quotes[i - 1].end) if i > 0 else s

    def attribution(i: int) -> tuple[_Attribution | None, bool]:
        if not quotes[i].parts:
            return None, False  # `""`: nothing said
        tail = _tail(text, quotes[i], tail_limit(i)) or _dash_line(text, quotes[i])
        if tail is not None:
            return tail, True
        return _head(text, quotes[i], head_lo(i)), False

    i = 0
    while i < len(quotes):
        attr, is_tail = attribution(i) if not _is_title(text, quotes[i]) else (None, False)
        if attr is None:
            i += 1
            continue
        parts = list(quotes[i].parts)
        if is_tail:
            parts[:0] = _lead_in(text, sentence_of(quotes[i].start)[0], quotes[i].start)
        else:
            parts = _run_on(text, parts, quotes[i], sentence_of(quotes[i].end - 1)[1])
        reach = max(attr.end, tail_limit(i)) if is_tail else quotes[i].end
        j = i + 1
        # "..., X said, and her husband cut in." hands the floor over: no continuation.
        handed_over = is_tail and _NEW_SPEAKER.match(text, attr.end, reach) is not None
        while not handed_over and j < len(quotes):
            if is_tail and _inside_attribution(text, attr.end, quotes[j], sentence_of(attr.end)[1]):
                reach = sentence_of(attr.end)[1]  # a title in the attribution: `on CNN’s “State of the Union”`
                j += 1
                continue
            if _GAP.match(text, reach).end() < quotes[j].start:  # type: ignore[union-attr]
                break
            own = attribution(j)[0]
            if own is not None and own.cue != attr.cue:
                break
            parts.extend(quotes[j].parts)
            reach = quotes[j].end
            j += 1
        out.append(Draft(tuple(parts), attr.source, attr.cue, "direct_quote"))
        i = j
    return out
