"""Passive cues: a form of "be" before a participle, and no written source."""

from __future__ import annotations

import pytest

from curate.claims.around_cue import cue_start
from curate.claims.extract import extract_claims
from curate.claims.passive import is_passive


@pytest.mark.parametrize(
    "text,verb,expected",
    [
        ("Obama is expected to win", "expected", True),
        ("She has been told to wait", "told", True),
        ("The plan isn’t expected to pass", "expected", True),
        ("The firm has expected a loss", "expected", False),
        ("He is saying that it works", "saying", False),
        ("They were reported", "reported", True),
    ],
)
def test_is_passive(text: str, verb: str, expected: bool) -> None:
    verb_start = text.index(verb)
    cue = (cue_start(text, 0, verb_start), verb_start + len(verb))
    assert is_passive(text, cue, verb_start, verb) is expected


def test_relative_subject_is_the_first_part() -> None:
    text = "The final, which is expected to draw a big crowd, starts at noon."
    (claim,) = extract_claims(text)
    assert (claim.source, claim.cue, claim.kind) == (None, "is expected", "belief")
    assert [text[s:e] for s, e in claim.content_parts] == ["which", "to draw a big crowd"]


def test_passive_without_complement_keeps_the_subject() -> None:
    text = "New safety rules were announced."
    (claim,) = extract_claims(text)
    assert (claim.source, claim.cue, claim.content) == (None, "were announced", "New safety rules")


def test_passive_only_participle_is_no_active_cue() -> None:
    assert extract_claims("The mayor scheduled a vote.") == []
    (claim,) = extract_claims("The vote is scheduled for Monday.")
    assert claim.content_parts and claim.cue == "is scheduled"
