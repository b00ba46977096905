"""Where a verb cue's content starts, and when a noun-like form is a verb."""

from __future__ import annotations

import pytest

from curate.claims.complement import content_start, takes_noun_phrase
from curate.claims.extract import extract_claims


def _content(text: str, verb: str, source: str) -> str | None:
    verb_end = text.index(verb) + len(verb)
    s = text.index(source)
    first = content_start(text, len(text), verb, (s, s + len(source)), verb_end)
    return None if first is None else text[first:]


def test_infinitive_only_after_verbs_that_take_one() -> None:
    assert _content("They sought to delay it.", "sought", "They") == "to delay it."
    assert _content("He said to reporters that it works.", "said", "He") == "that it works."


@pytest.mark.parametrize(
    "text,verb,source,reads_as_verb",
    [
        ("They support the tariff.", "support", "They", True),
        ("The poll shows a drop.", "shows", "The poll", True),
        ("Lopez calls Grant a liar.", "calls", "Lopez", True),
        ("Party rules allow it.", "rules", "Party", False),
        ("The TV shows ran late.", "shows", "The TV", False),
    ],
)
def test_noun_like_forms(text: str, verb: str, source: str, reads_as_verb: bool) -> None:
    assert (_content(text, verb, source) is not None) is reads_as_verb


def test_noun_phrase_contents() -> None:
    assert takes_noun_phrase("praised") and takes_noun_phrase("sided with")
    assert not takes_noun_phrase("pointed out") and not takes_noun_phrase("said")


def test_status_only_cues_are_not_claims() -> None:
    assert extract_claims("The club declined to confirm that the coach had been fired.") == []
    assert extract_claims("The ministry rejected the claims.") == []
