"""Pronoun sources resolved within the article: the clear cases, and none rather than a guess."""

from __future__ import annotations

import pytest

from curate.claims.antecedents import resolve_sources
from curate.claims.claim import Claim
from curate.claims.extract import extract_claims


def _resolved(text: str) -> dict[str, str | None]:
    """Each claim's cue -> the name its source resolved to (None: not resolved)."""
    return {claim.cue: claim.source_resolved for claim in extract_claims(text)}


def test_he_after_a_named_source_keeps_the_pronoun_as_written() -> None:
    text = ("Iranian Defense Minister Amir Hatami said on Monday that the drills would go ahead. "
            "He added that the navy was ready.")
    claims = extract_claims(text)
    added = next(claim for claim in claims if claim.cue == "added")
    assert added.source == "He" and text[added.source_start:added.source_end] == "He"
    assert added.source_resolved == "Iranian Defense Minister Amir Hatami"
    assert next(claim for claim in claims if claim.cue == "said").source_resolved is None, "a name is not resolved"


def test_a_quote_before_he_said_takes_the_name_before_the_quote() -> None:
    text = ('Mr Pound criticised the plan on Tuesday. "They are in it to fill their boots," he said.')
    assert _resolved(text)["said"] == "Mr Pound"


def test_the_subject_of_a_sentence_without_a_cue_is_a_candidate() -> None:
    text = ('Ljubicic was at a loss to explain his poor showing. "I felt like my racket was loose," he said.')
    assert _resolved(text)["said"] == "Ljubicic"


def test_relative_pronoun_takes_the_name_before_it() -> None:
    text = "Sen. Ann Hale, who voted against the bill, said the vote was rushed."
    claims = extract_claims(text)
    who = [claim for claim in claims if claim.source == "who"]
    assert who and who[0].source_resolved == "Sen. Ann Hale"


def test_it_takes_an_organisation_not_a_person() -> None:
    text = ("The ministry said the plan was final. Minister Ana Ruiz said talks had stalled. "
            "It added that talks would resume in May.")
    assert _resolved(text)["added"] == "The ministry"


def test_a_possessive_is_not_a_name() -> None:
    text = ("Peter Mandelson said the Tories were afraid of Mr Campbell's campaigning skills. "
            "He warned that attacking Mr Campbell had brought trouble before.")
    assert _resolved(text)["warned"] == "Peter Mandelson"


@pytest.mark.parametrize("text", [
    "He argued that the vote was rushed.",  # no name before it
    "How the vote went is unclear. He argued that the vote was rushed.",  # a sentence opener is not a name
    "Ms Ruiz said the port would close. " + "The harbour has been busy all year. " * 20
    + "He argued that the vote was rushed.",  # the name is too far back
    "The ministry said the port would close. He argued that the vote was rushed.",  # he: a person, not a ministry
])
def test_no_guess(text: str) -> None:
    [claim] = [claim for claim in extract_claims(text) if claim.cue == "argued"]
    assert claim.source == "He" and claim.source_resolved is None


def _claim(text: str, source: str, content: str, cue: str) -> Claim:
    at, start = text.index(source), text.index(content)
    return Claim(content, start, start + len(content), ((start, start + len(content)),), source, at,
                 at + len(source), cue, text.index(cue), text.index(cue) + len(cue), "direct_quote", "asserted")


def test_i_inside_a_quotation_is_its_speaker() -> None:
    text = '"I believe only the UN can lead the relief," she said. Ms Short spoke in London.'
    outer = _claim(text, "she", "I believe only the UN can lead the relief", "said")
    inner = _claim(text, "I", "only the UN can lead the relief", "believe")
    assert resolve_sources(text, [outer, inner]) == [None, None], "no name before: the speaker stays unknown"
    named = "Ms Short arrived. " + text
    outer, inner = (_claim(named, c.source or "", c.content, c.cue) for c in (outer, inner))
    assert resolve_sources(named, [outer, inner]) == ["Ms Short", "Ms Short"]


def test_he_after_he_keeps_the_name() -> None:
    text = ("Coach Bernard Laporte said the side had not played well. He added that the team was tired. "
            "He also said the crowd had helped.")
    claims = [claim for claim in extract_claims(text) if claim.source == "He"]
    assert len(claims) == 2 and {claim.source_resolved for claim in claims} == {"Coach Bernard Laporte"}


@pytest.mark.parametrize("opening", [
    'The talks ended. Ljubicic was at a loss.',  # after a full stop
    'The talks ended."\nLjubicic was at a loss.',  # at a line's start
    'The talks ended!" Ljubicic was at a loss.',  # after a closing quotation mark
])
def test_a_sentence_opening_name_is_a_candidate_wherever_the_sentence_starts(opening: str) -> None:
    text = opening + ' "I felt like my racket was loose," he said.'
    assert _resolved(text)["said"] == "Ljubicic"


def test_a_name_inside_a_sentence_is_no_sentence_opening_subject() -> None:
    text = 'The coach of Ljubicic was at a loss. "I felt like my racket was loose," he said.'
    assert _resolved(text)["said"] is None
