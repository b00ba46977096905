"""Per-row invariants of an article, each answering one yes/no question about nested columns.

They run on rows read back from Parquet, which may have been edited by hand or produced
elsewhere: a row too malformed to check (a missing key, a None where a number belongs) fails the
check instead of crashing the shard.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from curate.boilerplate import KINDS, reconstruct
from curate.boilerplate.rules import line_verdicts
from curate.boilerplate.tables import keep_tables
from curate.claims import attempted as claims_attempted_for
from curate.normalize.text import looks_mojibaked

_RATIO_TOLERANCE = 1e-4  # boilerplate_ratio is float32
_KINDS = frozenset(KINDS)
F = TypeVar("F", bound=Callable[..., bool])


def _malformed_fails(check: F) -> F:
    @functools.wraps(check)
    def guarded(*args: Any) -> bool:
        try:
            return check(*args)
        except (AttributeError, IndexError, KeyError, TypeError, ValueError):
            return False

    return guarded  # type: ignore[return-value]


def _slices_to(text: str, start: int, end: int, expected: str) -> bool:
    return 0 <= start <= end <= len(text) and text[start:end] == expected


@_malformed_fails
def claims_point_at_text(text: str, claims: Sequence[dict[str, Any]]) -> bool:
    """Every offset slices `text` to the stored string; content is its parts joined by a space."""
    for claim in claims:
        parts = claim["content_parts"]
        if not parts or any(not 0 <= p["start"] <= p["end"] <= len(text) for p in parts):
            return False
        if " ".join(text[p["start"]:p["end"]] for p in parts) != claim["content"]:
            return False
        if (claim["content_start"], claim["content_end"]) != (parts[0]["start"], parts[-1]["end"]):
            return False
        if not _slices_to(text, claim["cue_start"], claim["cue_end"], claim["cue"]):
            return False
        if claim["source"] is None:
            if claim["source_start"] is not None or claim["source_end"] is not None:
                return False
        elif not _slices_to(text, claim["source_start"], claim["source_end"], claim["source"]):
            return False
    return True


@_malformed_fails
def flags_match_spans(flags: dict[str, bool], spans: Sequence[dict[str, Any]]) -> bool:
    present = {span["kind"] for span in spans}
    return all(value == (kind in present) for kind, value in flags.items())


@_malformed_fails
def spans_rebuild_document(text: str, spans: Sequence[dict[str, Any]], ratio: float) -> bool:
    """Spans ordered, of schema kinds, as long as their text; the rebuilt document has exactly
    their characters added, and `ratio` is their share of it."""
    position = removed = 0
    for span in spans:
        if span["kind"] not in _KINDS or span["start"] < position or span["end"] - span["start"] != len(span["text"]):
            return False
        position = span["end"]
        removed += len(span["text"])
    document = reconstruct(text, spans)
    if len(document) != len(text) + removed:
        return False
    expected = removed / len(document) if document else 0.0
    return abs(expected - ratio) <= _RATIO_TOLERANCE


@_malformed_fails
def lines_pass_boilerplate_rules(text: str, language: str) -> bool:
    """No line of the kept text is one the boilerplate rules flag on its own (a widget phrase, a
    prompt, a credit, an other-language line). Rules that judge a line by its neighbours are
    not re-run: removing boilerplate gave the kept lines new neighbours, so their verdicts on the
    kept text would judge a document the build never saw (a list of captions that ends an
    article once the share buttons after it are gone reads as a trailing headline list). The rows
    of a Markdown table are content, as in the boilerplate stage (`curate.boilerplate.tables`)."""
    lines = text.split("\n")
    return all(verdict is None for verdict in keep_tables(lines, line_verdicts(lines, language)))


def has_mojibake(text: str | None) -> bool:
    """The normalizer's own test (a cheap hint, then ftfy's detector): what it would have fixed."""
    return looks_mojibaked(text) if text else False


def metadata_is_object(metadata: str | None) -> bool:
    """`metadata` is null or one JSON object (what `curate.readers.metadata` writes), not a value
    a reader of the dataset would choke on."""
    if metadata is None:
        return True
    try:
        return isinstance(json.loads(metadata), dict)
    except ValueError:
        return False


def claims_match_attempt(attempted: bool | None, language: str | None, claims: Sequence[Any] | None) -> bool:
    """`claims_attempted` is whether the claims extractor runs for the row's language, and a row it
    did not run for has no claims: an empty list then always means nobody looked, and a language
    the rules do not cover never carries claims they were not written for."""
    if attempted is None:
        return False
    return attempted == claims_attempted_for(language or "") and (attempted or not claims)

