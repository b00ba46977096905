"""Claims in French, German and Spanish: one set of rules, the words of a `Lexicon`.

Sentence by sentence, in this order (a span used by one claim is not used again):

1. Quotations (« », „ “, “ ”, a dialogue line opened by a dash) attributed after the closing
   mark (`« ... », a déclaré le maire.`, `„...“, so der Sprecher.`), before the opening one
   (`Le ministre a déclaré : « ... »`, `El consejero: «...»`) or inside it (`« A, a-t-il
   dit. B »`, `—A —dijo el alcalde—. B`). A quotation with none of these is a scare quote or an
   unattributed line and no claim; a whole-sentence quotation right after an attributed one
   continues that claim.
2. "selon X, C" / "C, según X" / "laut X C" / "X zufolge C": the source follows (or, for
   "zufolge", precedes) the cue; the content is the rest of the sentence.
3. The first reporting verb outside quotations: `X a affirmé que C`, `X sagte, C`,
   `C, dijo X`, and the German verb-second `Am Montag sagte X, C`.

The English rules (`extract.py`) know more (passives, stances, nested speech, status words);
these cover the attribution forms news in these languages use most, and every claim they find
is `asserted`: the hedge and denial words are English only.
"""

from __future__ import annotations

import bisect
import re

from curate.claims.draft import Draft, trim
from curate.claims.lexicon import Lexicon
from curate.claims.lexicon_de import GERMAN
from curate.claims.lexicon_es import SPANISH
from curate.claims.lexicon_fr import FRENCH
from curate.claims.sentences import paragraphs
from curate.claims.tokens import Span, token_before, token_text

# The languages these rules have words for, by ISO 639-1 code.
LEXICONS: dict[str, Lexicon] = {"fr": FRENCH, "de": GERMAN, "es": SPANISH}

_DASHES = "—–-"
_WORD = re.compile(r"[\w'’-]+")
_MAX_SOURCE_WORDS = 10
_TERMINATOR = re.compile(r"[.!?…]+")


def _quotes(text: str, lo: int, hi: int, lexicon: Lexicon) -> list[tuple[int, int]]:
    """(start, end) of each quotation of a paragraph, marks included; a dash-opened line is one."""
    stripped = text[lo:hi].lstrip()
    if stripped[:1] in _DASHES and stripped[1:2] != "-":
        return [(hi - len(stripped), hi)]
    out: list[tuple[int, int]] = []
    pos = lo
    while pos < hi:
        opening = min(
            ((i, mark) for mark in lexicon.quote_marks if (i := text.find(mark, pos, hi)) >= 0),
            default=None,
        )
        if opening is None:
            break
        start, mark = opening
        closing = lexicon.quote_marks[mark]
        end = text.find(closing, start + 1, hi)
        if end < 0:
            if not text[lo:start].strip() or text[lo:start].rstrip()[-1] in ".:!?":
                out.append((start, hi))
            break
        out.append((start, end + len(closing)))
        pos = end + len(closing)
    return out


def _inside(quotes: list[tuple[int, int]], pos: int) -> bool:
    """Whether `pos` falls strictly inside one of the (sorted, disjoint) quotations."""
    i = bisect.bisect_left(quotes, (pos, 0)) - 1
    return i >= 0 and quotes[i][0] < pos < quotes[i][1] - 1


def _sentences(text: str, lo: int, hi: int, quotes: list[tuple[int, int]], lexicon: Lexicon) -> list[Span]:
    """Sentence spans of a paragraph; never broken inside a quotation or after an abbreviation."""
    out: list[Span] = []
    begin = lo
    for m in _TERMINATOR.finditer(text, lo, hi):
        end = m.end()
        while end < hi and (text[end] in "»“”\"«)" or (text[end] == " " and end + 1 < hi and text[end + 1] in "»“")):
            end += 1
        if _inside(quotes, m.start()) or end >= hi:
            continue
        nxt = text[end:].lstrip()[:1]
        last = token_before(text, begin, m.start())
        word = [token_text(text, last) if last else ""]
        if (nxt.isupper() or nxt in "«„“\"¿¡—–") and word[0].lower() not in lexicon.abbreviations and not (
            len(word[0]) == 1 and word[0].isupper()
        ) and not word[0].isdigit():
            out.append(_trim_space(text, begin, end))
            begin = end
    out.append(_trim_space(text, begin, hi))
    return [s for s in out if s[1] > s[0]]


def _trim_space(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inner(text: str, start: int, end: int, lexicon: Lexicon) -> Span:
    """The content of a quotation: without its marks, outer spaces and final punctuation."""
    s = start + 1
    closing = set(lexicon.quote_marks.values())
    e = end - 1 if text[end - 1] in closing else end
    s, e = _trim_space(text, s, e)
    while e > s and text[e - 1] in ",.;:" + _DASHES:
        e -= 1
    return s, e


def _cue_at(text: str, pos: int, hi: int, lexicon: Lexicon) -> re.Match[str] | None:
    """A reporting cue right at `pos` (spaces, a comma or a dash skipped)."""
    while pos < hi and (text[pos].isspace() or text[pos] in "," + _DASHES):
        pos += 1
    m = lexicon.cue.match(text, pos, hi)
    if m is not None:
        return m
    return lexicon.according_cue.match(text, pos, hi)


def _source_after(text: str, pos: int, hi: int, lexicon: Lexicon) -> Span | None:
    """The noun phrase after a cue, to the first comma, dash, quote, stop word or verb-like word."""
    words = list(_WORD.finditer(text, pos, hi))
    end = None
    need_noun = True
    for w in words:
        gap = text[end if end is not None else pos : w.start()]
        if any(c in gap for c in ",.;:!?«»„“”\"()") or any(c in gap for c in _DASHES):
            break
        low = w.group().lower()
        if low in lexicon.source_stops or low in lexicon.complementizers:
            break
        if lexicon.language == "de":
            if w.group()[0].isupper():
                need_noun = False
            elif low in lexicon.determiners or low in ("von", "vom", "aus", "für", "und", "einer", "eines", "einem"):
                need_noun = True
            elif not need_noun:
                break
        end = w.end()
        if len(text[pos:end].split()) >= _MAX_SOURCE_WORDS:
            break
    if end is None:
        return None
    return trim(text, pos, end)


def _source_before(text: str, lo: int, pos: int, lexicon: Lexicon) -> Span | None:
    """The noun phrase from the clause start (sentence start or last comma) to the cue."""
    clause = max(lo, text.rfind(",", lo, pos) + 1)
    words = list(_WORD.finditer(text, clause, pos))
    while words and words[0].group().lower() in lexicon.leading:
        words.pop(0)
    if not words or len(words) > _MAX_SOURCE_WORDS:
        return None
    if any(c in text[words[0].start() : pos] for c in "«»„“”\""):
        return None
    return trim(text, words[0].start(), words[-1].end())


def _kind(lexicon: Lexicon, cue: str) -> str:
    return "belief" if cue in lexicon.belief and cue not in lexicon.speech else "reported_speech"


def _quote_claim(text: str, sent: Span, quote: tuple[int, int], lexicon: Lexicon) -> Draft | None:
    """A quotation attributed after, before or inside it; None for a scare quote."""
    start, end = quote
    inner = _inner(text, start, end, lexicon)
    if inner[1] <= inner[0]:
        return None
    is_dash = text[start] in _DASHES
    # Inside: "« A, a-t-il dit. B »", "—A —dijo X—. B", "— A, a déclaré X."
    for m in lexicon.cue.finditer(text, inner[0], inner[1]):
        before = text[inner[0] : m.start()].rstrip()
        if not before.endswith((",", "—", "–")) or m.group() in lexicon.belief:
            continue
        source = _source_after(text, m.end(), inner[1], lexicon)
        tail = source[1] if source else m.end()
        rest = trim(text, tail, inner[1])
        while rest[0] < rest[1] and text[rest[0]] in ".,—–- ":
            rest = (rest[0] + 1, rest[1])
        parts = tuple(p for p in (trim(text, inner[0], m.start()), rest) if p[1] > p[0])
        return Draft(parts, source, m.span(), "direct_quote")
    if is_dash:
        return None
    # After: "« ... », a déclaré le maire."
    after = _cue_at(text, end, sent[1], lexicon)
    if after is not None and text[end : after.start()].strip(" ," + _DASHES) == "":
        source = _source_after(text, after.end(), sent[1], lexicon)
        return Draft((inner,), source, after.span(), "direct_quote")
    # Before: "Le ministre a déclaré : « ... »", "El consejero: «...»".
    lead = text[sent[0] : start].rstrip()
    if lead.endswith(":"):
        colon = len(lead) - 1 + sent[0]
        cue = next(reversed(list(lexicon.cue.finditer(text, sent[0], colon))), None)
        if cue is not None and not text[cue.end() : colon].strip(" ,"):
            return Draft((inner,), _source_before(text, sent[0], cue.start(), lexicon), cue.span(), "direct_quote")
        source = _source_before(text, sent[0], colon, lexicon)
        if source is not None:
            return Draft((inner,), source, (colon, colon + 1), "direct_quote")
    return None


def _according_claim(text: str, sent: Span, m: re.Match[str], lexicon: Lexicon) -> Draft | None:
    """"selon X, C" / "C, según X" / "laut X C" / "X zufolge C"."""
    s, e = sent
    if m.group().lower() in lexicon.according_after:
        source = _source_before(text, s, m.start(), lexicon)
        content = trim(text, m.end(), e)
        return Draft((content,), source, m.span(), "according_to") if content[1] > content[0] else None
    source = _source_after(text, m.end(), e, lexicon)
    if source is None:
        return None
    before = trim(text, s, m.start())
    after = trim(text, source[1], e)
    parts = tuple(p for p in (before, after) if p[1] > p[0] and _WORD.search(text, p[0], p[1]))
    if not parts:
        return None
    if text[m.start() - 2 : m.start()].strip() == "," and before[1] > before[0]:
        parts = (before,)  # "C, selon X." (what follows X describes it)
    return Draft(parts, source, m.span(), "according_to")


def _reported_claim(text: str, sent: Span, blocked: list[Span], lexicon: Lexicon) -> Draft | None:
    """The first reporting verb of a sentence outside quotations and used spans."""
    s, e = sent
    for m in lexicon.cue.finditer(text, s, e):
        cue = m.group()
        if cue in lexicon.tail_only or any(a <= m.start() < b for a, b in blocked):
            continue
        before_word = token_before(text, s, m.start())
        if before_word and token_text(text, before_word).lower() in lexicon.determiners:
            continue
        lead = text[s : m.start()].rstrip()
        kind = _kind(lexicon, cue)
        if lead.endswith(",") and _WORD.search(text, s, m.start()):
            # Post-posed: "C, a déclaré le ministre." / "C, sagte er."
            source = _source_after(text, m.end(), e, lexicon)
            return Draft((trim(text, s, m.start()),), source, m.span(), kind)
        first = _WORD.search(text, s, m.start())
        if lexicon.inverting_openers and (first is None or first.group().lower() in lexicon.inverting_openers):
            # Verb-second: "Am Montag sagte der Minister, C."
            source = _source_after(text, m.end(), e, lexicon)
            start = source[1] if source else m.end()
        else:
            source = _source_before(text, s, m.start(), lexicon)
            start = m.end()
        content = trim(text, start, e)
        if content[1] <= content[0] or not _WORD.search(text, content[0], content[1]):
            continue
        return Draft((content,), source, m.span(), kind)
    return None


def _first_according(text: str, sent: Span, blocked: list[Span], lexicon: Lexicon) -> list[Draft]:
    """The sentence's first "selon" / "laut" / "según" claim outside quotations, if any."""
    for m in lexicon.according_cue.finditer(text, *sent):
        if not any(a <= m.start() < b for a, b in blocked):
            draft = _according_claim(text, sent, m, lexicon)
            if draft is not None:
                return [draft]
    return []


def multilingual_drafts(text: str, lexicon: Lexicon) -> list[Draft]:
    """Every claim of `text` under `lexicon`'s words, as drafts in text order."""
    drafts: list[Draft] = []
    for lo, hi in paragraphs(text):
        quotes = _quotes(text, lo, hi, lexicon)
        previous: Draft | None = None  # the last quotation claim, which a next quoted sentence continues
        for sent in _sentences(text, lo, hi, quotes, lexicon):
            found: list[Draft] = []
            continued = False
            first = bisect.bisect_left(quotes, (sent[0], 0))
            in_sentence = quotes[first : bisect.bisect_left(quotes, (sent[1], 0), first)]
            for quote in in_sentence:
                draft = _quote_claim(text, sent, quote, lexicon)
                if draft is not None:
                    found.append(draft)
                elif previous is not None and previous is drafts[-1] and not text[sent[0] : quote[0]].strip():
                    extended = previous.parts + (_inner(text, *quote, lexicon),)
                    drafts[-1] = previous = Draft(extended, previous.source, previous.cue, previous.kind)
                    continued = True
            if continued:
                continue
            blocked = [*in_sentence, *(d.cue for d in found)]
            if not found:
                found.extend(_first_according(text, sent, blocked, lexicon))
            if not found:
                draft = _reported_claim(text, sent, blocked, lexicon)
                found.extend([draft] if draft is not None else [])
            drafts.extend(found)
            previous = found[-1] if found and found[-1].kind == "direct_quote" else None
    return drafts
