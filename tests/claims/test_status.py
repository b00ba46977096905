"""A status word changes only the claims it governs: its own clause, not a coordinated one."""

from __future__ import annotations

import pytest

from curate.claims.extract import extract_claims

# (text, [(cue, status) of each claim in order])
# fmt: off
CASES = [
    # a denial in one conjunct (the case), in either order
    ("The group said it would comment later, and denied reports that it had closed the office.",
     [("said", "asserted"), ("denied", "denied")]),
    ("The club denied reports that it had sold the stadium, and said the season would start on time.",
     [("denied", "denied"), ("said", "asserted")]),
    ("She denied that the money was missing, and said the audit was complete.",
     [("denied", "denied"), ("said", "asserted")]),
    # a hedge in one conjunct
    ("The spokesman said the talks were going well, but reportedly told aides that the deal was dead.",
     [("said", "asserted"), ("reportedly told", "hedged")]),
    ("Officials said the bridge was safe, and the mayor said it might close next year.",
     [("said", "asserted"), ("said", "hedged")]),
    ("The council said the road would reopen on Monday, while residents said the work may take weeks.",
     [("said", "asserted"), ("said", "hedged")]),
    # a non-confirmation with its own object qualifies that object, not the claim before it
    ("The ministry said the minister was in Paris, and has not confirmed that he met the envoy.",
     [("said", "asserted")]),
    # a negation governing both conjuncts of one content
    ("The company denied that it had cut jobs and that it had moved its headquarters.",
     [("denied", "denied")]),
    # a status outside every claim governs the claims of its sentence
    ("Witnesses said the guards fled, a claim that could not be independently verified.",
     [("said", "unconfirmed")]),
    ("Reportedly, the airline told staff that the route would close.",
     [("told", "hedged")]),
    # and a next sentence that refers back still does
    ("The paper reported that the mine had flooded. The operator dismissed the report.",
     [("reported", "denied")]),
    ("Neighbours said the plant had leaked. Regulators have not confirmed the reports.",
     [("said", "unconfirmed")]),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CASES)
def test_status_is_scoped_to_its_clause(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.cue, c.status) for c in extract_claims(text)] == expected


@pytest.mark.parametrize(("text", "status"), [
    ("Officials said the bridge may close.", "hedged"),
    ("Officials said the bridge could close.", "hedged"),
    ("Officials said the plan caused dismay.", "asserted"),  # "may" inside a word
    ("Officials said Mayor Hale approved it.", "asserted"),  # the capital tells the name
    ("Officials said the repairs were mightily expensive.", "asserted"),
])
def test_modal_hedges_are_whole_words(text: str, status: str) -> None:
    assert [claim.status for claim in extract_claims(text)] == [status]
