"""The extractor's working record of a claim, before texts and status are filled in."""

from __future__ import annotations

from dataclasses import dataclass

from curate.claims.tokens import Span


@dataclass(frozen=True, slots=True)
class Draft:
    """Offsets only: content fragments in order, the source (or None), the cue, the kind."""

    parts: tuple[Span, ...]
    source: Span | None
    cue: Span
    kind: str


def trim(text: str, start: int, end: int) -> Span:
    """`text[start:end]` without outer spaces, leading commas or a clause-final `,;:` or `.`.

    A final period stays when it closes a dotted abbreviation ("the U.S."), so the span still
    reads as written.
    """
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:—–-"):
        end -= 1
    if end - start > 1 and text[end - 1] == "." and not (end - start > 3 and text[end - 3] == "."):
        end -= 1
    return start, end
