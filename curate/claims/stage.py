"""The claims stage: attributed claims of the clean text, as the schema's `claims` items.

The extractor has English rules (`cues.py`) and French, German and Spanish ones
(`multilingual.py`); on an article in another language they would find nothing, or worse, match a
word by chance. So claims are looked for only in the `LANGUAGES` it has rules for; any other
article gets an empty list and `claims_attempted` false, so "no claims" never stands for "nobody
looked".
"""

from __future__ import annotations

from typing import Any

from curate.claims.extract import EXTRACTOR_VERSION, extract_claims

NAME = "claims"
# The extractor's version, plus one for the language gate (claims only in LANGUAGES), plus one for
# the French, German and Spanish rules.
VERSION = EXTRACTOR_VERSION + 2

# ISO 639-1 codes of the languages the extractor has rules for; the card and README state them.
LANGUAGES: tuple[str, ...] = ("en", "fr", "de", "es")


def attempted(language: str) -> bool:
    """Whether claims are looked for in an article of `language` (`und`, unsure, is not)."""
    return language in LANGUAGES


def find_claims(text: str, language: str) -> list[dict[str, Any]]:
    """Every claim in `text` as a row item (offsets point into `text`); none, without looking,
    when `language` is not one of LANGUAGES."""
    if not attempted(language):
        return []
    return [
        {
            "content": claim.content,
            "content_start": claim.content_start,
            "content_end": claim.content_end,
            "content_parts": [{"start": s, "end": e} for s, e in claim.content_parts],
            "source": claim.source,
            "source_start": claim.source_start,
            "source_end": claim.source_end,
            "source_resolved": claim.source_resolved,
            "cue": claim.cue,
            "cue_start": claim.cue_start,
            "cue_end": claim.cue_end,
            "kind": claim.kind,
            "status": claim.status,
        }
        for claim in extract_claims(text, language)
    ]
