from __future__ import annotations

from curate.signals.language import UNDETERMINED, identify

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
