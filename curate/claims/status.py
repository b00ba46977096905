"""A claim's status: denied > unconfirmed > hedged > asserted.

A status word governs the claims it belongs to, not every claim of its sentence:

- a word inside a claim's own words (its source, its cue, its content, or between a source
  and the cue right after it: "The general reportedly said") governs that claim, and a
  claim nested in it when the word is in the inner claim too ("X said Y might ...");
- a word outside every claim of the sentence ("Witnesses said the suspect fled, a claim
  that could not be verified") governs all of them, unless it opens a proposition of its
  own ("..., and has not confirmed that he met the envoy": that clause is what is not
  confirmed, not the claims before it);
- a denial or non-confirmation in the next sentence governs a claim when that sentence
  refers back to it ("Officials in Washington have not confirmed the report.").

So in "The group said it would comment later, and denied reports that it had closed the
office." only the second claim is denied. Two regex passes over the text find every status
word; each claim then only bisects the positions.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from curate.claims.draft import Draft
from curate.claims.patterns import MODAL_HEDGE, STATUS_WORDS, STATUS_WORDS_ANY_CASE
from curate.claims.tokens import Span

_RANKED = ("denial", "unconfirmed", "hedge")
# A denial or non-confirmation followed by its own clausal object governs that clause only.
_OWN_OBJECT = re.compile(r"\s+(?:that|whether|if)\b", re.IGNORECASE)
# Words between a source and its cue that still belong to the claim ("X reportedly said"),
# unlike a gap holding a clause boundary ("X travelled to Ohio, and later said").
_CLAUSE_GAP = re.compile(r"[,;:—–]|\b(?:and|but|while)\b")


def _own_segments(text: str, draft: Draft) -> list[Span]:
    """The spans whose status words govern `draft`."""
    segments = [draft.cue, *draft.parts]
    if draft.source is not None:
        segments.append(draft.source)
        gap = (draft.source[1], draft.cue[0])
        if gap[0] < gap[1] and not _CLAUSE_GAP.search(text, *gap):
            segments.append(gap)
    return segments


def _inside(segments: list[Span], pos: int) -> bool:
    return any(s <= pos < e for s, e in segments)


class StatusIndex:
    """Positions of status words and back-references in one text, its sentences and claims."""

    def __init__(self, text: str, sentences: list[Span], drafts: list[Draft]) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s for s, _ in sentences]
        self.ends = [e for _, e in sentences]
        self.positions: dict[str, list[int]] = {k: [] for k in (*_RANKED, "anaphor")}
        # Status words that open a proposition of their own ("has not confirmed that ...").
        self.own_object: set[int] = set()
        lowered = text.lower()
        # Lower-casing keeps offsets except for a few letters ("İ"); then match ignoring case.
        found = (
            STATUS_WORDS.finditer(lowered)
            if len(lowered) == len(text)
            else STATUS_WORDS_ANY_CASE.finditer(text)
        )
        for m in found:
            kind = m.lastgroup or ""
            self.positions[kind].append(m.start())
            if kind in ("denial", "unconfirmed") and _OWN_OBJECT.match(text, m.end()):
                self.own_object.add(m.start())
        modals = [m.start() for m in MODAL_HEDGE.finditer(text)]
        if modals:
            self.positions["hedge"] = sorted(self.positions["hedge"] + modals)
        self.claimed = [segment for d in drafts for segment in _own_segments(text, d)]

    def _in(self, kind: str, lo: int, hi: int) -> list[int]:
        found = self.positions[kind]
        return found[bisect_left(found, lo) : bisect_left(found, hi)]

    def _governs(self, kind: str, own: Span, segments: list[Span]) -> bool:
        """Whether a `kind` word of the claim's sentences governs the claim (see the module)."""
        for pos in self._in(kind, *own):
            if _inside(segments, pos):
                return True
            if pos not in self.own_object and not _inside(self.claimed, pos):
                return True
        return False

    def status(self, draft: Draft) -> str:
        """The `claim_status` of `draft` from the words that govern it (see the module)."""
        lo = min(draft.parts[0][0], draft.cue[0])
        hi = max(draft.parts[-1][1], draft.cue[1])
        first = max(0, bisect_right(self.starts, lo) - 1)
        last = min(len(self.sentences) - 1, bisect_left(self.ends, hi))
        own = (self.sentences[first][0], self.sentences[last][1])
        segments = _own_segments(self.text, draft)
        nxt = self.sentences[last + 1] if last + 1 < len(self.sentences) else None
        refers_back = nxt is not None and bool(self._in("anaphor", *nxt))
        for kind, name in zip(_RANKED, ("denied", "unconfirmed", "hedged"), strict=True):
            if self._governs(kind, own, segments) or (kind != "hedge" and refers_back and self._in(kind, *nxt)):  # type: ignore[misc]
                return name
        return "asserted"
