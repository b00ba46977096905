"""The sentence subject that a participle or a coordinated cue takes as its source."""

from __future__ import annotations

import pytest

from curate.claims.subjects import sentence_subject


@pytest.mark.parametrize(
    "text,subject",
    [
        ("WASHINGTON (AP) — The mayor closed the bridge", "The mayor"),
        ("Walking home, Ebeling recalled the war", "Ebeling"),
        ("He often breaks for Democrats", "He"),
        ("Huma Abedin, an aide to the senator, emailed donors", "Huma Abedin, an aide to the senator"),
    ],
)
def test_sentence_subject(text: str, subject: str) -> None:
    span = sentence_subject(text, 0, len(text))
    assert span is not None and text[span[0] : span[1]] == subject
