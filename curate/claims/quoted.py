"""Direct quotes: a quotation plus the attribution right after it or right before it.

Forms: `"...," X said.`, `"...," said X.`, `"...!" X replied.`, `X said: "..."`,
`X told Y, "..."`, `X: "..."`, and the interrupted `"A," he said, "B."` or
`"A," he said. "B."`, where the following quote (with no attribution of its own) becomes a
further content part. A quote with no attribution next to it (a scare quote, a title) is
not a claim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from curate.claims import phrases
from curate.claims.draft import Draft, Span
from curate.claims.patterns import CUE
from curate.claims.quotes import Quote

_GAP = re.compile(r"[\s,.;:—–-]*")
_END_PUNCT = re.compile(r"[\s.,;:!?—–-]*")
_COLON_SOURCE_MAX = 6


@dataclass(frozen=True, slots=True)
class _Attribution:
    source: Span | None
    cue: Span
    end: int


def _tail(text: str, q: Quote, limit: int) -> _Attribution | None:
    """`"...," X said` / `"...," said X` right after the quote, up to `limit`."""
    pos = q.end
    while pos < limit and text[pos] in " ,\t\u00a0":
        pos += 1
    m = CUE.search(text, pos, limit)
    if m is None or m.group("according"):
        return None
    start = phrases.cue_start(text, pos, m.start())
    if start == pos:
        source = phrases.source_after(text, m.end(), limit, stop_at_comma=False)
        if source is None:
            return None
        end = phrases.skip_fillers(text, source[1], limit)
    else:
        source = phrases.source_before(text, pos, start)
        if source is None or source[0] != pos:
            return None
        end = phrases.after_cue(text, m.group(), m.end(), limit)
    if not text[q.parts[-1][1] : q.end].lstrip().startswith(","):
        # A quote that ends its sentence takes a tail only when nothing else follows.
        rest = _END_PUNCT.match(text, end, limit)
        if rest is None or rest.end() < limit:
            return None
    return _Attribution(source, (start, m.end()), end)


def _head(text: str, q: Quote, lo: int) -> _Attribution | None:
    """`X said: "..."`, `X told Y, "..."`, `X: "..."` right before the quote, from `lo`."""
    end = q.start
    while end > lo and text[end - 1].isspace():
        end -= 1
    if end <= lo:
        return None
    punct = text[end - 1] if text[end - 1] in ",:" else ""
    body_end = end - len(punct)
    last = None
    for m in CUE.finditer(text, lo, body_end):
        last = m
    if last is not None and not last.group("according"):
        stop = phrases.after_cue(text, last.group(), last.end(), body_end)
        if _GAP.match(text, stop, body_end).end() == body_end:  # type: ignore[union-attr]
            start = phrases.cue_start(text, lo, last.start())
            source = phrases.source_before(text, lo, start)
            if source is not None or punct:
                return _Attribution(source, (start, last.end()), q.start)
    if punct == ":":
        source = phrases.source_before(text, lo, body_end)
        if source and text[source[0]].isupper():
            n = len(phrases.tokens(text, *source))
            if n <= _COLON_SOURCE_MAX:
                return _Attribution(source, (body_end, end), q.start)
    return None


def quote_claims(text: str, sentences: list[Span], quotes: list[Quote]) -> list[Draft]:
    """Claims whose content is a quotation, in text order."""
    starts = [s for s, _ in sentences]
    out: list[Draft] = []

    def sentence_of(pos: int) -> Span:
        i = max(0, bisect_right(starts, pos) - 1)
        return sentences[i]

    def tail_limit(i: int) -> int:
        q = quotes[i]
        s, e = sentence_of(q.end - 1)
        if e <= q.end:
            nxt = bisect_right(starts, q.end)
            e = sentences[nxt][1] if nxt < len(sentences) and sentences[nxt][0] < q.end + 3 else q.end
            if nxt < len(sentences) and text[sentences[nxt][0]] in "\"“'`":
                e = q.end
        if i + 1 < len(quotes):
            e = min(e, quotes[i + 1].start)
        return e

    def head_lo(i: int) -> int:
        s, _ = sentence_of(quotes[i].start)
        return max(s, quotes[i - 1].end) if i > 0 else s

    def attribution(i: int) -> tuple[_Attribution | None, bool]:
        tail = _tail(text, quotes[i], tail_limit(i))
        if tail is not None:
            return tail, True
        return _head(text, quotes[i], head_lo(i)), False

    i = 0
    while i < len(quotes):
        attr, is_tail = attribution(i)
        if attr is None:
            i += 1
            continue
        parts = list(quotes[i].parts)
        reach = attr.end if is_tail else quotes[i].end
        j = i + 1
        while j < len(quotes) and _GAP.match(text, reach).end() >= quotes[j].start:  # type: ignore[union-attr]
            if attribution(j)[0] is not None:
                break
            parts.extend(quotes[j].parts)
            reach = quotes[j].end
            j += 1
        out.append(Draft(tuple(parts), attr.source, attr.cue, "direct_quote"))
        i = j
    return out
