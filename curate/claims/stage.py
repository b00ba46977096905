"""The claims stage: attributed claims of the clean text, as the schema's `claims` items."""

from __future__ import annotations

from typing import Any

from curate.claims.extract import EXTRACTOR_VERSION, extract_claims

NAME = "claims"
VERSION = EXTRACTOR_VERSION


def find_claims(text: str) -> list[dict[str, Any]]:
    """Every claim in `text` as a row item; offsets point into `text`."""
    return [
        {
            "content": claim.content,
            "content_start": claim.content_start,
            "content_end": claim.content_end,
            "content_parts": [{"start": s, "end": e} for s, e in claim.content_parts],
            "source": claim.source,
            "source_start": claim.source_start,
            "source_end": claim.source_end,
            "cue": claim.cue,
            "cue_start": claim.cue_start,
            "cue_end": claim.cue_end,
            "kind": claim.kind,
            "status": claim.status,
        }
        for claim in extract_claims(text)
    ]
