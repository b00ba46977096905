"""The claims stage looks for claims only in the languages its rules are written for, and says so."""

from __future__ import annotations

import pytest

from curate.claims import LANGUAGES, attempted, find_claims
from curate.config import Config
from curate.document import RawDoc
from curate.pipeline.document import PipelineContext, annotate_raw
from curate.schema import load_schema

ENGLISH = 'The plan is "irresponsible," said Mayor Ana Ruiz. Officials told reporters that the pier would reopen.'
# An English cue word in an Italian sentence: the rules would attribute it if they ran.
ITALIAN = 'Il sindaco ha detto: "il piano è irresponsabile," said il giornale. Secondo il ministro, il porto riaprirà.'
FRENCH = "Le port rouvrira en mai, a déclaré le maire. Selon le ministre, les travaux sont finis."
GERMAN = "„Der Hafen öffnet im Mai“, sagte der Bürgermeister. Laut Ministerium sind die Arbeiten fertig."
SPANISH = "«El puerto abrirá en mayo», dijo el alcalde. Según el ministro, las obras han terminado."


def test_english_claims_are_found() -> None:
    assert attempted("en") and len(find_claims(ENGLISH, "en")) >= 2


def test_french_german_and_spanish_claims_are_found_with_their_own_rules() -> None:
    expected = {
        "fr": [("le maire", "a déclaré", "reported_speech"), ("le ministre", "Selon", "according_to")],
        "de": [("der Bürgermeister", "sagte", "direct_quote"), ("Ministerium", "Laut", "according_to")],
        "es": [("el alcalde", "dijo", "direct_quote"), ("el ministro", "Según", "according_to")],
    }
    for language, text in (("fr", FRENCH), ("de", GERMAN), ("es", SPANISH)):
        found = find_claims(text, language)
        assert attempted(language)
        assert [(c["source"], c["cue"], c["kind"]) for c in found] == expected[language]
        assert {c["status"] for c in found} == {"asserted"}


def test_other_languages_get_an_empty_list_without_looking() -> None:
    assert find_claims(ITALIAN, "en")  # the rules do fire on this text...
    for language in ("it", "pt", "und", ""):
        assert not attempted(language) and find_claims(ITALIAN, language) == []  # ...but never run for it


def test_the_schema_names_the_languages_claims_are_extracted_for() -> None:
    fields = {node["name"]: node for node in load_schema("article").spec["fields"]}
    assert fields["claims_attempted"]["type"] == "bool" and not fields["claims_attempted"]["nullable"]
    assert all(f"`{language}`" in fields["claims_attempted"]["description"] for language in LANGUAGES)


ARTICLES = {
    "fr": ("Le pont de Saint-Nazaire fermé trois semaines\n\n"
           "Le pont de Saint-Nazaire sera fermé à la circulation à partir du 4 mars pour des travaux urgents. "
           "« Nous n'avons pas le choix, les câbles sont usés », a déclaré le directeur des routes lors d'une "
           "conférence de presse. Selon la chambre de commerce, le chiffre d'affaires des commerçants de la ville "
           "pourrait baisser de vingt pour cent pendant toute la durée du chantier."),
    "de": ("Brücke in Dresden bleibt monatelang gesperrt\n\n"
           "Die Carolabrücke in Dresden bleibt bis mindestens Juni für den gesamten Verkehr gesperrt. "
           "„Wir können keine Freigabe verantworten“, erklärte ein Sprecher der Stadt am Dienstag. "
           "Laut Gutachten sind mehrere Spannglieder der Brücke so stark korrodiert, dass ein Einsturz droht, "
           "und der Verkehr wird deshalb über die Albertbrücke und die Marienbrücke umgeleitet."),
    "es": ("Cortes de tráfico en la M-30 por obras nocturnas\n\n"
           "La M-30 de Madrid tendrá cortes nocturnos durante tres semanas por las obras de reparación. "
           "«Es la única forma de no colapsar la ciudad durante el día», explicó el delegado de Movilidad. "
           "Según la asociación de taxistas, los desvíos alargarán mucho los trayectos al aeropuerto y a las "
           "estaciones de tren durante todas las noches que duren los trabajos."),
}


@pytest.mark.parametrize("language", sorted(ARTICLES))
def test_a_build_of_a_french_german_or_spanish_article_has_its_claims(language: str) -> None:
    text = ARTICLES[language]
    row = annotate_raw(RawDoc(input_uri="a.txt", input_format="txt", raw=text.encode(), text=text),
                       PipelineContext.create(Config()))
    assert row["language"] == language and row["claims_attempted"] is True
    assert [c["kind"] for c in row["claims"]] == ["direct_quote", "according_to"]
    assert all(row["text"][c["cue_start"]:c["cue_end"]] == c["cue"] for c in row["claims"])
