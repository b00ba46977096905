"""Rule-based claims extractor: who said, reported, believes or found what, with offsets.

No model: regex sentence splitting, quotation pairing and cue lexicons (`cues.py`). A
title-case line is read with its verbs lower-cased (`headlines.py`).
Quotations are attributed first (`quoted.py`); the remaining cues outside quotations give
reported speech, stances, beliefs, passives and "according to" claims (`reported.py`);
each claim then gets a status (`status.py`), and a pronoun source the name it stands for
(`antecedents.py`).

Choices the schema leaves open:

- A sentence that only says a report was not confirmed or was denied ("Officials in
  Washington have not confirmed the report.") is not a claim of its own: its object is a
  noun ("the report"), not a proposition. It sets the status of the claims of the
  sentence before it instead. So does a cue that starts a non-confirmation ("declined to
  confirm that ...").
- A stance is a claim: "X praised the plan", "X called Trump unhinged", "X sought to
  rally voters" attribute a position to X; the content is the object (to its first comma)
  or the infinitive.
- A passive cue has no source unless an agent follows it ("Obama is expected to join
  Clinton": content "Obama" + "to join Clinton"; "The meeting was first reported by
  Politico": source "Politico").
- Nested speech is kept: in "An official told Haaretz that ... Putin told him that he
  doesn't want ...", the official's content runs to the sentence end and Putin's inner
  claim is a claim of its own, so a reader can follow either. A belief, stance, passive or
  noun cue inside another claim's content is not (`nesting.py`): "Aides said Clinton
  wants X" tells what the aides claim, not what Clinton wants.
- A content keeps its leading "that" and a quotation's content is the text inside the
  marks, without the comma that hands over to the attribution; words that lead into a
  quotation in the same sentence (`The plans are "irresponsible," said X`) are part of it.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import replace

from curate.claims.antecedents import resolve_sources
from curate.claims.claim import Claim
from curate.claims.content import without_relative
from curate.claims.coordination import cut_coordinated
from curate.claims.draft import Draft
from curate.claims.headlines import lower_headlines
from curate.claims.multilingual import LEXICONS, multilingual_drafts
from curate.claims.nesting import drop_nested_states
from curate.claims.quoted import quote_claims
from curate.claims.quotes import Quote, find_quotes
from curate.claims.reported import reported_claims
from curate.claims.sentences import paragraphs, sentences
from curate.claims.status import StatusIndex
from curate.claims.tokens import Span

# 3: a status word governs only its own claims; 4: pronoun sources resolved; 5: title-case
# lines, -ing stance verbs, "appear"/"seem", titles inside a quote's attribution.
EXTRACTOR_VERSION = 5


def split_sentences(text: str) -> list[Span]:
    """Every sentence span of the text, paragraph by paragraph."""
    out: list[Span] = []
    for lo, hi in paragraphs(text):
        out.extend(sentences(text, lo, hi))
    return out


def _claim(text: str, draft: Draft, claim_status: str) -> Claim:
    parts = draft.parts
    source = draft.source
    return Claim(
        content=" ".join(text[s:e] for s, e in parts),
        content_start=parts[0][0],
        content_end=parts[-1][1],
        content_parts=parts,
        source=text[source[0] : source[1]] if source else None,
        source_start=source[0] if source else None,
        source_end=source[1] if source else None,
        cue=text[draft.cue[0] : draft.cue[1]],
        cue_start=draft.cue[0],
        cue_end=draft.cue[1],
        kind=draft.kind,
        status=claim_status,
    )


def _to_quote_end(parts: tuple[Span, ...], quotes: list[Quote], starts: list[int]) -> tuple[Span, ...]:
    """A content whose last sentence ends inside a quotation it opened ("added that he had spent
    his life “fighting for the Constitution. I'll tell you this, ...”") runs to the quotation's end;
    `starts` are the quotations' starts."""
    end = parts[-1][1]
    i = bisect_right(starts, end) - 1
    if i < 0 or not quotes[i].start >= parts[-1][0] or not quotes[i].start < end < quotes[i].end:
        return parts
    return (*parts[:-1], (parts[-1][0], quotes[i].end))


def _shaped(text: str, draft: Draft, quotes: list[Quote], starts: list[int]) -> Draft:
    """A reported content without a relative clause set off in it and, when it ends inside a
    quotation it opened, to that quotation's end; a quotation's claim as it is."""
    if draft.kind == "direct_quote":
        return draft
    return replace(draft, parts=_to_quote_end(without_relative(text, draft.parts), quotes, starts))


def extract_claims(text: str, language: str = "en") -> list[Claim]:
    """All claims of `text`, ordered by content start; `language` picks French, German or
    Spanish rules (`multilingual.py`), English otherwise."""
    if language in LEXICONS:
        return [_claim(text, d, "asserted") for d in multilingual_drafts(text, LEXICONS[language])]
    scan = lower_headlines(text)  # offsets equal to text's
    paras = paragraphs(scan)
    sents = [span for lo, hi in paras for span in sentences(scan, lo, hi)]
    if not sents:
        return []
    quotes = find_quotes(scan, paras)
    quoted = quote_claims(scan, sents, quotes)
    blocked = [(q.start, q.end) for q in quotes]
    blocked += [d.cue for d in quoted] + [d.source for d in quoted if d.source is not None]
    drafts = quoted + reported_claims(scan, sents, blocked, quoted)
    drafts.sort(key=lambda d: (d.parts[0][0], d.cue[0]))
    drafts = drop_nested_states(scan, cut_coordinated(scan, drafts))
    starts = [q.start for q in quotes]
    drafts = [_shaped(scan, d, quotes, starts) for d in drafts]
    index = StatusIndex(scan, sents, drafts)
    claims = [_claim(text, d, index.status(d)) for d in drafts]
    return [replace(claim, source_resolved=name) if name else claim
            for claim, name in zip(claims, resolve_sources(text, claims))]
