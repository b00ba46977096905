"""Reported speech and "according to": claims whose content is not (only) a quotation.

Per sentence and per cue outside quotations:

- `SOURCE CUE [addressee] [filler] (that|:) CONTENT` (pre-posed; `that` joins the content);
- `CONTENT, SOURCE CUE [addressee] [filler].` and `CONTENT, CUE SOURCE.` (post-posed);
- `CONTENT, SOURCE CUE, CONTENT.` (medial: two content parts);
- `..., PARTICIPLE that CONTENT` ("adding that") and `by PARTICIPLE CONTENT` ("by saying"):
  the sentence's previous source, or its subject, again;
- `X did Y and CUE that CONTENT`: the sentence's subject is the source;
- `..., which SOURCE said VERB ...`: the relative pronoun joins the content;
- `SUBJECT is expected to ...`: a passive cue (`passive.py`).

Where the content starts after the verb, and whether a noun-like form is a verb at all, is
decided in `complement.py`.

"According to" (`according.py`) and line openers (`openers.py`) are dispatched from here
too, so that one pass over each sentence finds all of its non-quote claims.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from curate.claims import around_cue, cues, passive, sources, subjects
from curate.claims.according import according_claim
from curate.claims.complement import content_start, states_finding, takes_noun_phrase
from curate.claims.content import END, WORD, content_end, noun_phrase_end
from curate.claims.draft import Draft, trim
from curate.claims.openers import as_claim, asked_claim, headline_claim
from curate.claims.patterns import ANAPHOR, CUE, NON_CONFIRMATION
from curate.claims.tokens import Span, token_before

_NOT_SUBJECT = frozenset(
    {
        "the", "a", "an", "to", "of", "his", "her", "their", "its", "our", "my", "your", "for",
        "with", "by", "in", "on", "at", "from", "this", "these", "those", "be", "been", "being",
    }
)
# "by saying", "while insisting": a participle clause whose source is the sentence subject.
_PARTICIPLE_LEADS = frozenset({"by", "while", "after", "before", "without", "and"})
_RELATIVES = frozenset({"which", "that", "who", "what"})
_APPEARING_AT = frozenset({"on", "at", "in", "before", "with", "alongside", "onstage", "together", "live", "for"})
_LEAD_WORDS = 6  # "In an interview with the Times," before a subject
_FIND = frozenset({"found", "find", "finds"})
_FOUNDING = frozenset({"help", "helped", "helps", "helping", "to"})  # "helped found EDGE": to establish
_REFLEXIVES = frozenset({"themselves", "itself", "himself", "herself", "ourselves", "myself", "yourself"})
_NAMING = ("call", "dub", "label", "brand")  # verbs whose object a name or label follows
_APPOSITION = re.compile(r",\s+(?:his|her|their|its|the|a|an)\s+[^,.;]{1,60},\s+(?=\S)")
_DASHES = ("--", "—", "–")
_SET_OFF = (",", *_DASHES)  # what opens and closes a parenthesis between a subject and its verb
_POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your", "a", "an"})


def _opens_noun_phrase(phrase: str) -> bool:
    """Whether a phrase after an inverted cue ("said Devine") starts like a subject."""
    first = phrase.split(None, 1)[0]
    return first[0].isupper() or first.lower() in cues.NP_OPENERS


def _kind(verb: str) -> str:
    belief = verb in cues.IMPRESSION or (verb in cues.BELIEF and verb not in cues.SPEECH)
    return "belief" if belief else "reported_speech"


def _participle(text: str, e: int, verb: str, verb_end: int, source: Span | None, cue: Span) -> Draft | None:
    """`..., adding (that) CONTENT`: another claim of the sentence's source."""
    if source is None:
        return None
    pos = around_cue.after_cue(text, verb, verb_end, e)
    first = content_start(text, e, verb, source, pos)
    if first is None:
        return None
    part = trim(text, first, content_end(text, first + 1, e))
    return Draft((part,), source, cue, _kind(verb)) if part[1] > part[0] else None


def _post_posed(text: str, s: int, source: Span, cue: Span, kind: str) -> Draft | None:
    """`CONTENT, SOURCE CUE.`: the content is the sentence up to the comma before the source."""
    comma = text.rfind(",", s, source[0])
    part = trim(text, s, comma)
    return Draft((part,), source, cue, kind) if comma >= 0 and part[1] > part[0] else None


def _comma_before(text: str, s: int, pos: int) -> bool:
    """Whether a comma (possibly inside a closing quote: `,"`) ends `text[s:pos]`."""
    return text[s:pos].rstrip().rstrip("\"”'").endswith(",")


def _dash_before(text: str, s: int, pos: int) -> bool:
    """Whether a dash ends `text[s:pos]`: "John McCain -- who lost in 2008 -- said"."""
    return text[s:pos].rstrip().endswith(_DASHES)


def _source(text: str, s: int, start: int, prev: Span | None) -> Span | None:
    """The pre-posed source: the noun phrase before the cue, or the sentence subject for a
    coordinated verb ("... and said")."""
    source = sources.source_before(text, s, start)
    if source is None and prev is not None and text[prev[0] : prev[1]].lower() in ("and", "but"):
        source = subjects.sentence_subject(text, s, prev[0])
    return source


def _status_only(text: str, cue: Span, verb: str, first: int) -> bool:
    """Whether the cue only qualifies another claim: a non-confirmation ("declined to confirm
    that ...") or a denial of a report ("dismissed the report"); see `status.py`."""
    if NON_CONFIRMATION.match(text, cue[0]):
        return True
    return verb in cues.STATUS_VERBS and ANAPHOR.match(text, first) is not None


def _attributed_around(
    text: str, s: int, e: int, source: Span, cue: Span, kind: str, pos: int
) -> Draft | None:
    """Post-posed (`C, X said.`) and medial (`A, X said, B.`) frames."""
    if not _comma_before(text, s, source[0]) or text[cue[0] : cue[1]] in cues.NOUN_LIKE:
        return None
    rest = END.match(text, pos, e)
    if rest is not None and rest.end() >= e:
        return _post_posed(text, s, source, cue, kind)
    nxt = WORD.match(text, pos, e)
    if nxt is None:
        return None
    word = nxt.group(1).lower()
    if word in cues.POST_OPENERS:
        return _post_posed(text, s, source, cue, kind)
    if word != ",":
        return None
    head = trim(text, s, text.rindex(",", s, source[0]))
    tail = trim(text, nxt.end(1), content_end(text, nxt.end(1), e))
    opener = CUE.match(text, tail[0])
    if head[1] <= head[0] or tail[1] <= tail[0] or (opener is not None and opener.group().endswith("ing")):
        return _post_posed(text, s, source, cue, kind)  # "A, he said, adding that B": B is a claim of its own
    return Draft((head, tail), source, cue, kind)


def _pre_posed(text: str, s: int, e: int, verb: str, cue: Span, source: Span, first: int) -> Draft | None:
    """`SOURCE CUE CONTENT`, the content starting at `first`: to the sentence end, or to the
    comma that closes a relative or subordinate clause or a noun-phrase content."""
    kind = _kind(verb)
    stop = content_end(text, first + 1, e)
    before = token_before(text, s, source[0])
    before_word = text[before[0] : before[1]].lower() if before else ""
    gap = text[first : first + 1].islower() and text[first : text.find(" ", first)] in cues.VERBISH
    relative = before if before_word in _RELATIVES else None
    if relative is not None and before_word == "that" and not gap:
        relative = None  # "said that he ..." : a complementizer, not a relative pronoun
    # A relative clause ("The council, which opposed the plan, voted") and a subordinate one
    # ("While critics argue that A, Obama has B") end at their comma.
    clause = gap or text[source[0] : source[1]].lower() in _RELATIVES or before_word in cues.SUBORDINATORS
    if relative is not None or clause:
        comma = text.find(",", first, stop)
        stop = comma if comma > 0 else stop
    elif takes_noun_phrase(verb):
        end = stop
        stop = noun_phrase_end(text, first, end)
        apposition = _APPOSITION.match(text, stop, end) if verb.startswith(_NAMING) else None
        if apposition is not None:  # "called Clinton, his rival, an ISIS co-founder": the name goes on
            stop = noun_phrase_end(text, apposition.end(), end)
    part = trim(text, first, stop)
    if part[1] <= part[0]:
        return None
    if relative is not None and text[first : first + 5] != "that ":
        return Draft((relative, part), source, cue, kind)
    return Draft((part,), source, cue, kind)


def _subject_set_off(text: str, s: int, start: int) -> Span | None:
    """The sentence's subject when the comma before a cue closes a parenthesis after it
    ("Steve Huhn, a former HP vice president, said ..."; "X, writing for the majority,
    said"): the cue is then the subject's verb, not an inverted attribution."""
    subject = subjects.sentence_subject(text, s, start)
    if subject is None or subject[1] >= start:
        return None
    lead = text[s : subject[0]].strip()
    if lead and not (lead.endswith(",") and len(lead.split()) <= _LEAD_WORDS):
        return None
    between = text[subject[1] : start].strip()
    if len(between) < 3 or not any(between.startswith(mark) and between.endswith(mark) for mark in _SET_OFF):
        return None
    for word in between.lower().split():
        if word in _RELATIVES:
            break  # "who lost the 2008 election" may hold a verb
        if word.endswith("ing"):
            continue  # a participle phrase: "X, writing for the majority, said"
        if word in cues.VERBISH or word in cues.IRREGULAR_PAST or word in cues.ALL_VERBS:
            return None  # "The economy, by most measures, is growing, said X"
    return subject


def _next_word_in(text: str, pos: int, e: int, words: frozenset[str]) -> bool:
    nxt = WORD.match(text, pos, e)
    return nxt is not None and nxt.group(1).lower() in words


def _verb(text: str, m: re.Match[str], s: int, e: int, last_source: Span | None) -> Draft | None:
    """A verb or phrasal cue in any of the passive, pre-posed, post-posed or medial frames."""
    verb = " ".join(m.group().split())
    start = around_cue.cue_start(text, s, m.start())
    cue = (start, m.end())
    prev = token_before(text, s, start)
    prev_word = text[prev[0] : prev[1]].lower() if prev else ""
    if verb in cues.PARTICIPLES and prev_word in _PARTICIPLE_LEADS:
        return _participle(text, e, verb, m.end(), last_source or subjects.sentence_subject(text, s, e), cue)
    if prev_word in _NOT_SUBJECT:
        return None
    if verb in _FIND and (prev_word in _FOUNDING or _next_word_in(text, m.end(), e, _REFLEXIVES)):
        return None  # "helped found EDGE", "found themselves in a battle": no finding
    kind = _kind(verb)
    if verb in cues.IMPRESSION and _next_word_in(text, m.end(), e, _APPEARING_AT):
        return None  # "will appear on Fox", "appeared before the committee": showing up, no impression
    if passive.is_passive(text, cue, m.start(), verb) or verb in cues.IMPRESSION:
        return passive.passive_claim(text, s, e, cue, kind)
    if verb in cues.PASSIVE_ONLY:
        return None
    set_off = None
    comma_before = _comma_before(text, s, start)
    if (comma_before or _dash_before(text, s, start)) and verb not in cues.PARTICIPLES:
        set_off = _subject_set_off(text, s, start)
    if comma_before and set_off is None:
        if verb in cues.PARTICIPLES:
            subject = last_source or subjects.sentence_subject(text, s, start)
            return _participle(text, e, verb, m.end(), subject, cue)
        inverted = sources.source_inverted(text, around_cue.skip_fillers(text, m.end(), e), e)
        if inverted is not None and _opens_noun_phrase(text[inverted[0] : inverted[1]]):
            return _post_posed(text, s, inverted, cue, kind)
        if start == m.start() and verb.endswith("ed") and kind == "belief":
            return None  # "The daily, considered close to Hezbollah, ...": a participle phrase
    elif verb.endswith("ing") and start == m.start():
        return None
    source = _source(text, s, start, prev)
    if set_off is not None and (source is None or source[0] >= set_off[1]):
        source = set_off  # "Sen. X, appearing on Fox News after the speech, said": not "the speech"
    if source is None or (
        verb in cues.NOUN_LIKE
        and text[source[0] : source[1]].split()[0].lower() in _POSSESSIVES
        and not states_finding(text, verb, source)
    ):
        return None
    pos = around_cue.after_cue(text, verb, m.end(), e)
    first = content_start(text, e, verb, source, pos)
    if first is None:
        return _attributed_around(text, s, e, source, cue, kind, pos)
    if _status_only(text, cue, verb, first):
        return None
    return _pre_posed(text, s, e, verb, cue, source, first)


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
        taken = set()
        for special in (asked_claim(text, s, e), headline_claim(text, s, e), as_claim(text, s, e)):
            if special is not None and not is_blocked(special.cue[0]):
                out.append(special)
                taken.add(special.cue[0])
        for m in CUE.finditer(text, s, e):
            if is_blocked(m.start()) or m.start() in taken:
                continue
            if m.group("according"):
                draft = according_claim(text, m, s, e)
            else:
                draft = _verb(text, m, s, e, last_source)
            if draft is not None:
                out.append(draft)
                last_source = draft.source or last_source
    return out
