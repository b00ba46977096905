"""French, German and Spanish claims: each attribution form the rules cover, in each language,
and the shipped annotated sets (`tests/data/claims/`, built by `benchmarks/claims_marked.py`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, needs_shared
from curate.claims.extract import extract_claims


def _found(text: str, language: str) -> list[tuple[str | None, str, str]]:
    """(source, cue, content) of each claim, the content's parts joined by " | "."""
    return [
        (c.source, c.cue, " | ".join(text[s:e] for s, e in c.content_parts))
        for c in extract_claims(text, language)
    ]


CASES = [
    # French: verbs (compound, present, inverted), selon / d'après, « » with inner spaces, colon, dash.
    ("fr", "Le préfet a annoncé que le pont serait fermé.", [("Le préfet", "a annoncé", "que le pont serait fermé")]),
    ("fr", "Le syndicat estime que les effectifs manquent.", [("Le syndicat", "estime", "que les effectifs manquent")]),
    ("fr", "« Nous n'avons pas le choix », a déclaré le directeur des routes.",
     [("le directeur des routes", "a déclaré", "Nous n'avons pas le choix")]),
    ("fr", "« Nous n'avons pas le choix », a-t-il confié.", [(None, "a-t-il confié", "Nous n'avons pas le choix")]),
    ("fr", "Selon la chambre de commerce, le chiffre d'affaires baisse.",
     [("la chambre de commerce", "Selon", "le chiffre d'affaires baisse")]),
    ("fr", "Aucun blessé n'est à déplorer, d'après les pompiers.",
     [("les pompiers", "d'après", "Aucun blessé n'est à déplorer")]),
    ("fr", "Le président du club : « Il fallait un électrochoc. »",
     [("Le président du club", ":", "Il fallait un électrochoc")]),
    ("fr", "Le maire a déclaré : « Le budget est voté. »", [("Le maire", "a déclaré", "Le budget est voté")]),
    ("fr", "— C'est un budget de responsabilité, a déclaré l'adjoint.",
     [("l'adjoint", "a déclaré", "C'est un budget de responsabilité")]),
    ("fr", "« L'inflation recule, a-t-il souligné. C'est une bonne nouvelle. »",
     [(None, "a-t-il souligné", "L'inflation recule | C'est une bonne nouvelle")]),
    ("fr", "Le juge a rendu sa décision mardi.", []),  # "juge" after an article is a noun
    # German: sagte / erklärte / betonte, Konjunktiv after a comma, verb-second, laut, zufolge, „ “, colon.
    ("de", "„Wir können keine Freigabe verantworten“, erklärte ein Sprecher der Stadt.",
     [("ein Sprecher der Stadt", "erklärte", "Wir können keine Freigabe verantworten")]),
    ("de", "Der Baubürgermeister sagte, die Schäden seien größer als erwartet.",
     [("Der Baubürgermeister", "sagte", "die Schäden seien größer als erwartet")]),
    ("de", "Am Montag betonte der Minister, die Lage sei ernst.",
     [("der Minister", "betonte", "die Lage sei ernst")]),
    ("de", "Laut Gutachten sind mehrere Spannglieder korrodiert.",
     [("Gutachten", "Laut", "sind mehrere Spannglieder korrodiert")]),
    ("de", "Medienberichten zufolge soll der Nachfolger am Mittwoch kommen.",
     [("Medienberichten", "zufolge", "soll der Nachfolger am Mittwoch kommen")]),
    ("de", "„Wir halten am Konzept fest“, so der Sprecher.", [("der Sprecher", "so", "Wir halten am Konzept fest")]),
    ("de", "Oberbürgermeister Martin Horn: „Das ist ein historischer Tag.“",
     [("Oberbürgermeister Martin Horn", ":", "Das ist ein historischer Tag")]),
    ("de", "Das Konzert beginnt so früh wie nie.", []),  # "so" is a cue only after a quotation
    # Spanish: dijo / afirmó, según / de acuerdo con, « » and “ ”, colon, dialogue dashes.
    ("es", "La consejera de Salud afirmó que la puerta al diálogo sigue abierta.",
     [("La consejera de Salud", "afirmó", "que la puerta al diálogo sigue abierta")]),
    ("es", "«No podemos seguir así», dijo una doctora de Girona.",
     [("una doctora de Girona", "dijo", "No podemos seguir así")]),
    ("es", "“Cada día mandamos pacientes al médico”, relató una farmacéutica.",
     [("una farmacéutica", "relató", "Cada día mandamos pacientes al médico")]),
    ("es", "Según la Agencia Estatal de Meteorología, el episodio durará hasta el domingo.",
     [("la Agencia Estatal de Meteorología", "Según", "el episodio durará hasta el domingo")]),
    ("es", "De acuerdo con el Gobierno canario, unas 4.000 personas han sido desalojadas.",
     [("el Gobierno canario", "De acuerdo con", "unas 4.000 personas han sido desalojadas")]),
    ("es", "El consejero de Sanidad: «Estamos contratando».", [("El consejero de Sanidad", ":", "Estamos contratando")]),
    ("es", "—Estamos ante el peor incendio —declaró el jefe de bomberos—. La prioridad son las viviendas.",
     [("el jefe de bomberos", "declaró", "Estamos ante el peor incendio | La prioridad son las viviendas")]),
    ("es", "Las obras se reanudarán en otoño.", []),
]


@pytest.mark.parametrize(("language", "text", "expected"), CASES)
def test_each_attribution_form(language: str, text: str, expected: list[tuple[str | None, str, str]]) -> None:
    assert _found(text, language) == expected


def test_french_quotes_with_no_break_spaces_and_a_scare_quote_inside_indirect_speech() -> None:
    text = "« Le trajet prendra vingt minutes », a précisé le président. Le maire a dit vouloir « rendre la ville »."
    assert _found(text, "fr") == [
        ("le président", "a précisé", "Le trajet prendra vingt minutes"),
        ("Le maire", "a dit", "vouloir « rendre la ville »"),
    ]


def test_a_quoted_sentence_after_an_attributed_one_continues_its_claim() -> None:
    text = "„Die Richtung stimmt“, sagte die Chefvolkswirtin. „Aber die Preise bleiben hoch.“"
    assert _found(text, "de") == [("die Chefvolkswirtin", "sagte", "Die Richtung stimmt | Aber die Preise bleiben hoch")]


def test_english_text_is_unchanged_by_the_language_argument() -> None:
    text = 'The plan is "irresponsible," said Mayor Ana Ruiz. Officials told reporters that the pier would reopen.'
    assert extract_claims(text) == extract_claims(text, "en") != []


def test_unbalanced_and_odd_marks_never_raise_and_offsets_point_into_the_text() -> None:
    odd = ["« « »", "„“", "— ", "«", "Selon", "laut ,", "—dijo—", ": «", "a dit", "»«", "\n\n«\n»", "Selon X, ."]
    for language in ("fr", "de", "es"):
        for text in odd:
            for claim in extract_claims(text, language):
                assert text[claim.cue_start : claim.cue_end] == claim.cue
                assert all(0 <= s < e <= len(text) for s, e in claim.content_parts)


def test_the_shipped_sets_are_built_from_their_marked_articles() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "claims_marked.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_the_shipped_sets_hold_20_articles_and_most_first_claims_are_found_exactly(language: str) -> None:
    records = [json.loads(line) for line in (ROOT / "tests" / "data" / "claims" / f"{language}.jsonl").open(encoding="utf-8")]
    assert len(records) >= 20 and {r["half"] for r in records} == {"rules", "held_out"}
    exact = 0
    for record in records:
        gold = record["attributions"][0]
        claims = extract_claims(record["text"], language)
        exact += any([list(p) for p in c.content_parts] == gold["content_segments"] and c.cue_start <= gold["cue"][0] < c.cue_end
                     for c in claims)
    assert exact >= 0.6 * len(records)


@pytest.mark.parametrize("language", ["fr", "de", "es"])
def test_the_shipped_sets_score_content_f1_of_at_least_060(language: str, tmp_path: Path) -> None:
    scorer = needs_shared("bench", "claims", "score.py")
    gold_path = ROOT / "tests" / "data" / "claims" / f"{language}.jsonl"
    records = [json.loads(line) for line in gold_path.open(encoding="utf-8")]
    predictions = tmp_path / "pred.jsonl"
    predictions.write_text("".join(json.dumps({"id": r["id"], "claims": [
        {"content": [c.content_start, c.content_end], "cue": [c.cue_start, c.cue_end],
         "source": None if c.source_start is None else [c.source_start, c.source_end],
         "content_segments": [list(p) for p in c.content_parts]}
        for c in extract_claims(r["text"], language)]}) + "\n" for r in records), encoding="utf-8")
    scored = subprocess.run([sys.executable, str(scorer), str(gold_path), str(predictions), "--json"],
                            capture_output=True, text=True, check=True)
    assert json.loads(scored.stdout)["content"]["f1"] >= 0.60


_LAZY_CUES = """
import curate.pipeline.build
from curate.claims.extract import extract_claims
from curate.claims.lexicon_de import GERMAN
from curate.claims.lexicon_es import SPANISH
from curate.claims.lexicon_fr import FRENCH
compiled = lambda: sorted(l.language for l in (FRENCH, GERMAN, SPANISH) if "cue" in vars(l))
before = compiled()
extract_claims("Le préfet a annoncé que le pont serait fermé.", "fr")
print(before, compiled())
"""


def test_a_language_s_cues_compile_when_its_first_article_needs_them() -> None:
    """A build process starts without compiling the French, German and Spanish verb patterns
    (0.4 s for French alone); the first French article compiles French's, and only those."""
    done = subprocess.run([sys.executable, "-c", _LAZY_CUES], capture_output=True, text=True, check=True)
    assert done.stdout.split("\n")[0] == "[] ['fr']"
