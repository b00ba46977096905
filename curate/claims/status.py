"""A claim's status: denied > unconfirmed > hedged > asserted.

The words are looked for in the sentences the claim spans (its content and its cue) and,
for denials and non-confirmations only, in the next sentence when that sentence refers
back to it ("Officials in Washington have not confirmed the report."). Two regex passes over
the text find every status word; each claim then only bisects the positions.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from curate.claims.draft import Draft
from curate.claims.patterns import MODAL_HEDGE, STATUS_WORDS, STATUS_WORDS_ANY_CASE
from curate.claims.tokens import Span

_RANKED = ("denial", "unconfirmed", "hedge")


class StatusIndex:
    """Positions of status words and back-references in one text, and its sentences."""

    def __init__(self, text: str, sentences: list[Span]) -> None:
        self.sentences = sentences
        self.starts = [s for s, _ in sentences]
        self.ends = [e for _, e in sentences]
        self.positions: dict[str, list[int]] = {k: [] for k in (*_RANKED, "anaphor")}
        lowered = text.lower()
        # Lower-casing keeps offsets except for a few letters ("İ"); then match ignoring case.
        found = (
            STATUS_WORDS.finditer(lowered)
            if len(lowered) == len(text)
            else STATUS_WORDS_ANY_CASE.finditer(text)
        )
        for m in found:
            self.positions[m.lastgroup or ""].append(m.start())
        modals = [m.start() for m in MODAL_HEDGE.finditer(text)]
        if modals:
            self.positions["hedge"] = sorted(self.positions["hedge"] + modals)

    def _has(self, kind: str, lo: int, hi: int) -> bool:
        found = self.positions[kind]
        i = bisect_left(found, lo)
        return i < len(found) and found[i] < hi

    def status(self, draft: Draft) -> str:
        """The `claim_status` of `draft` from its own sentences and a referring next one."""
        lo = min(draft.parts[0][0], draft.cue[0])
        hi = max(draft.parts[-1][1], draft.cue[1])
        first = max(0, bisect_right(self.starts, lo) - 1)
        last = min(len(self.sentences) - 1, bisect_left(self.ends, hi))
        own = (self.sentences[first][0], self.sentences[last][1])
        nxt = self.sentences[last + 1] if last + 1 < len(self.sentences) else None
        refers_back = nxt is not None and self._has("anaphor", *nxt)
        for kind, name in zip(_RANKED, ("denied", "unconfirmed", "hedged"), strict=True):
            if self._has(kind, *own) or (kind != "hedge" and refers_back and self._has(kind, *nxt)):  # type: ignore[misc]
                return name
        return "asserted"
