"""Claims inside another claim's content: speech stays, states and noun cues go."""

from __future__ import annotations

from curate.claims.draft import Draft
from curate.claims.nesting import drop_nested_states

TEXT = "Aides said Clinton wants a deal and Putin told him his claims were false."


def _span(word: str, start: int = 0) -> tuple[int, int]:
    s = TEXT.index(word, start)
    return s, s + len(word)


OUTER = Draft(((11, len(TEXT) - 1),), _span("Aides"), _span("said"), "reported_speech")
WANTS = Draft((_span("a deal"),), _span("Clinton"), _span("wants"), "belief")
TOLD = Draft((_span("his claims were false"),), _span("Putin"), _span("told"), "reported_speech")
CLAIMS = Draft((_span("were false"),), _span("his"), _span("claims"), "reported_speech")


def test_nested_states_and_noun_cues_are_dropped() -> None:
    assert drop_nested_states(TEXT, [OUTER, WANTS, TOLD, CLAIMS]) == [OUTER, TOLD]


def test_claims_outside_any_content_stay() -> None:
    assert drop_nested_states(TEXT, [WANTS, CLAIMS]) == [WANTS, CLAIMS]
