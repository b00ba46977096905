"""A claim's status: denied > unconfirmed > hedged > asserted.

The words are looked for in the sentences the claim spans (its content and its cue) and,
for denials and non-confirmations only, in the next sentence when that sentence refers
back to it ("Officials in Washington have not confirmed the report.").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from curate.claims.draft import Draft, Span
from curate.claims.patterns import ANAPHOR, DENIAL, HEDGE, UNCONFIRMED


def _flags(text: str, s: int, e: int) -> tuple[bool, bool, bool]:
    """(denied, unconfirmed, hedged) words present in `text[s:e]`."""
    return (
        DENIAL.search(text, s, e) is not None,
        UNCONFIRMED.search(text, s, e) is not None,
        HEDGE.search(text, s, e) is not None,
    )


def status(text: str, sentences: list[Span], draft: Draft) -> str:
    """The `claim_status` of `draft` from its own sentences and a referring next sentence."""
    lo = min(draft.parts[0][0], draft.cue[0])
    hi = max(draft.parts[-1][1], draft.cue[1])
    ends = [e for _, e in sentences]
    starts = [s for s, _ in sentences]
    first = max(0, bisect_right(starts, lo) - 1)
    last = min(len(sentences) - 1, bisect_left(ends, hi))
    denied, unconfirmed, hedged = _flags(text, sentences[first][0], sentences[last][1])
    nxt = last + 1
    if nxt < len(sentences) and ANAPHOR.search(text, *sentences[nxt]):
        later_denied, later_unconfirmed, _ = _flags(text, *sentences[nxt])
        denied |= later_denied
        unconfirmed |= later_unconfirmed
    if denied:
        return "denied"
    if unconfirmed:
        return "unconfirmed"
    return "hedged" if hedged else "asserted"
