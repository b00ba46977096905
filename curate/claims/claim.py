"""The claim record the extractor returns; it mirrors the schema's `claims` item."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Claim:
    """One attribution found in a text.

    Offsets are Python str offsets into the text the extractor was given, end-exclusive.
    `content_parts` lists the content's fragments in order (one, or several when a quote is
    interrupted by its attribution); `content_start`/`content_end` are their hull.
    `kind` is a `claim_kind` and `status` a `claim_status` value of the schema.
    `source_resolved` is the name a pronoun source stands for (`curate.claims.antecedents`).
    """

    content: str
    content_start: int
    content_end: int
    content_parts: tuple[tuple[int, int], ...]
    source: str | None
    source_start: int | None
    source_end: int | None
    cue: str
    cue_start: int
    cue_end: int
    kind: str
    status: str
    source_resolved: str | None = None
