"""The line model: the shipped file, its decisions on pages written for this test, the threshold,
and (when the bench and the `train` extra are present) that training reproduces the file."""

from __future__ import annotations

import importlib.util
import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.boilerplate.features import NAMES
from curate.boilerplate.model import DEFAULT_THRESHOLD, MODEL_FILE, load_model
from curate.boilerplate.rules import classify_lines, rule_verdicts

BENCH = Path("/work/shared/bench/extraction/dev")
TRAINING = Path(__file__).parents[2] / "training" / "train_line_model.py"

MENU = ["Home", "News", "Sport", "Business", "Culture", "Weather", "Sign in"]
FOOTER = [
    "More from the site",
    "Ten Things We Learned From the Night Market",
    "Why the Old Bridge Will Close for a Year",
    "The Bakery That Outlived Three Owners",
    "About us", "Contact", "Careers", "Privacy policy",
]
BODY = [
    "The city council approved a $2.1 billion budget early on Wednesday after a debate that lasted "
    "more than nine hours, with members split over spending on transport and housing.",
    "The mayor, who had threatened to veto any plan that cut bus services, said she would sign the "
    "budget, calling it a fair compromise for a city that is still recovering.",
    "Opposition members said the plan relied on optimistic tax forecasts.",
    "The budget takes effect on July 1, and a first review is due in the autumn, when the council "
    "will also vote on the new housing plan and on fares for the night buses.",
]
SPANISH = [
    "El Consejo de Ministros aprobó el martes un paquete de medidas para frenar la subida de los "
    "precios, que alcanzó el 8% en junio, según los últimos datos oficiales.",
    "La oposición criticó que el plan llegue tarde y pidió rebajar el IVA de los alimentos básicos, "
    "una medida que el Gobierno descarta por ahora.",
    "Las medidas entrarán en vigor el próximo mes.",
    "Los sindicatos anunciaron que estudiarán el texto antes de pronunciarse, aunque adelantaron "
    "que consideran insuficientes las ayudas al transporte público.",
]
GERMAN = [
    "Der Stadtrat hat am Mittwoch nach einer mehr als neunstündigen Debatte einen Haushalt von 2,1 "
    "Milliarden Euro beschlossen, die Fraktionen stritten vor allem über Verkehr und Wohnen.",
    "Die Bürgermeisterin, die mit einem Veto gedroht hatte, sagte, sie werde den Haushalt "
    "unterschreiben, und nannte ihn einen fairen Kompromiss.",
    "Die Opposition stimmte dagegen.",
    "Der Haushalt tritt am 1. Juli in Kraft, eine erste Überprüfung ist für den Herbst geplant, wenn "
    "der Rat auch über den neuen Wohnungsplan abstimmt.",
]


def _kept(document: list[str], language: str = "en", threshold: float = DEFAULT_THRESHOLD) -> list[str]:
    return [line for line, v in zip(document, classify_lines(document, language, threshold)) if line and v is None]


def test_model_file_loads_and_matches_the_code() -> None:
    model = load_model()
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    assert tuple(data["features"]) == NAMES
    assert len(model.edges) == len(model.values) == len(NAMES)
    assert all(len(v) == len(e) + 1 for e, v in zip(model.edges, model.values))
    assert all(list(e) == sorted(e) for e in model.edges)
    assert model.threshold == DEFAULT_THRESHOLD
    assert 0.0 < model.probability([0.0] * len(NAMES)) < 1.0


def test_page_keeps_its_body_and_drops_menu_and_teasers() -> None:
    page = MENU + BODY + FOOTER
    verdicts = classify_lines(page, "en")
    assert _kept(page) == BODY
    assert all(v is not None for v in verdicts[: len(MENU)])
    assert all(v is not None for v in verdicts[len(MENU) + len(BODY):])


def test_chrome_no_rule_knows_is_left_to_the_model() -> None:
    masthead = ["The Daily Courier", "Local journalism since 1901", "Wednesday's edition", "Sign in", "Subscribe"]
    verdicts = classify_lines(masthead + BODY, "en")
    kinds = [v.kind if v else None for v in verdicts]
    assert kinds == ["navigation", "other", "navigation", "login", "paywall"] + [None] * len(BODY)
    assert all(v.rule == "model_v1:outside_block" and 0.0 <= v.score <= 1.0 for v in verdicts[:3] if v)


@pytest.mark.parametrize(("language", "body"), [("es", SPANISH), ("de", GERMAN)])
def test_spanish_and_german_pages_keep_their_body(language: str, body: list[str]) -> None:
    menu = ["Inicio", "Noticias", "Deportes", "Economía"] if language == "es" else ["Startseite", "Politik", "Sport", "Wirtschaft"]
    assert _kept(menu + body, language) == body
    assert _kept(body, language) == body


def test_clean_text_with_blank_lines_keeps_every_paragraph() -> None:
    document = ["Council Approves New Budget", ""]
    for paragraph in BODY + ["Key dates:", "July 1: the budget takes effect", "October: first review"]:
        document += [paragraph, ""]
    document.pop()
    assert _kept(document) == [line for line in document if line]


def test_threshold_only_ever_removes_more() -> None:
    page = MENU + ["Council Approves New Budget"] + BODY + ["Key dates:", "July 1: the budget takes effect"] + FOOTER
    removed = [{i for i, v in enumerate(classify_lines(page, "en", t)) if v} for t in (0.0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.0)]
    assert all(a <= b for a, b in pairwise(removed))
    assert removed[0] < removed[-1]


def test_a_short_note_is_never_emptied() -> None:
    assert classify_lines(["The talks will resume on Monday."], "en", 1.0) == [None]


@pytest.mark.skipif(not BENCH.is_dir() or importlib.util.find_spec("lightgbm") is None,
                    reason="needs the extraction bench (/work/shared) and the train extra")
def test_training_reproduces_the_shipped_model() -> None:
    spec = importlib.util.spec_from_file_location("train_line_model", TRAINING)
    assert spec and spec.loader
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    truth = json.loads((BENCH / "ground_truth.json").read_text(encoding="utf-8"))
    with (BENCH / "text_lines.jsonl").open(encoding="utf-8") as source:
        pages = [train.Page(record, truth[record["id"]], 0.5) for record in map(json.loads, source)]
    data = train.fit(pages, DEFAULT_THRESHOLD)
    assert json.dumps(data, indent=1) + "\n" == MODEL_FILE.read_text(encoding="utf-8")


def test_extracted_article_keeps_its_paragraphs_around_inline_leftovers() -> None:
    """Text an extractor already cleaned, with a teaser, an app prompt and a credit between its
    paragraphs: the paragraphs after each leftover stay (the main block spans the leftovers)."""
    document = [BODY[0], "", "WHY THE NIGHT BUSES MATTER SO MUCH TO THE CITY", "", BODY[1], "",
                "Photo:", "Jane Roe", "", BODY[2], "", "CLICK HERE TO GET THE GAZETTE APP", "", BODY[3], "",
                "The council will meet again on Thursday to set the new fares."]
    kept = _kept(document)
    assert kept == [*BODY, "The council will meet again on Thursday to set the new fares."]



STRAY = ("Residents who want to comment on the plan can write to the council before the end of the "
         "month, a spokesman said.")
MASTHEAD = ["The Daily Courier", "Local journalism since 1901", "Wednesday's edition", "Sign in", "Subscribe"]


def test_extracted_text_keeps_what_only_the_model_would_remove() -> None:
    """After an extractor chose a page's main content, a sentence outside the model's main block
    (or a masthead line) is not removed on the model's word alone; leftovers the rules know
    still go, as from plain text."""
    page = MASTHEAD + BODY + ["Sign in", "Advertisement", STRAY, "Follow us on Twitter"]
    as_text = classify_lines(page, "en")
    assert {as_text[0].rule, as_text[-2].rule} == {"model_v1:outside_block"}
    extracted = classify_lines(page, "en", extracted=True)
    assert [line for line, v in zip(page, extracted) if v is None] == MASTHEAD[:3] + BODY + [STRAY]
    assert [v.rule for v in extracted if v] == [
        "lexicon_v1:login", "lexicon_v1:paywall", "lexicon_v1:login", "lexicon_v1:advertising",
        "lexicon_v1:follow_prompt"]
    assert classify_lines(page, "en", 1.0, extracted=True) == extracted


HEADLINES_ONLY = [
    "Seven Easy Ways to Keep Your Garden Alive in a Heatwave",
    "Readers sent us their best tips for the long hot summer ahead of them.",
    "Why the Old Bridge Will Close for a Whole Year",
    "The Bakery That Outlived Three Owners and a Flood",
    "What the New Bus Timetable Means for Your Morning Commute",
]


def test_extracted_text_is_never_emptied_on_context_alone() -> None:
    """Lines the extractor kept that the rules flag only by their neighbours (here: every line a
    headline list) stay; widget phrases, which are chrome by themselves, still go."""
    assert {v.rule for v in rule_verdicts(HEADLINES_ONLY, "en") if v} == {"context_v1:headline_list"}
    assert all(v is not None for v in rule_verdicts(HEADLINES_ONLY, "en"))
    assert classify_lines(HEADLINES_ONLY, "en", extracted=True) == [None] * len(HEADLINES_ONLY)
    kinds = [v.kind if v else None for v in classify_lines(HEADLINES_ONLY + ["Sign in"], "en", extracted=True)]
    assert kinds == [None] * len(HEADLINES_ONLY) + ["login"]
    assert [v.kind for v in classify_lines(["Sign in", "Subscribe"], "en", extracted=True)] == ["login", "paywall"]


_LINES = st.lists(st.sampled_from(BODY + MASTHEAD + HEADLINES_ONLY + FOOTER + MENU + [STRAY, "", "Follow us on Twitter"]),
                  max_size=14)


@settings(max_examples=200, deadline=None)
@given(_LINES)
def test_on_extracted_text_only_the_rules_remove_and_never_everything(lines: list[str]) -> None:
    """Any mix of body, chrome and teaser lines: on extracted text the verdicts are the rules'
    own (some context ones withdrawn), and a document with a line no rule knows by itself keeps
    at least one line."""
    text = [line.strip() for line in lines]
    ruled = rule_verdicts(text, "en")
    verdicts = classify_lines(lines, "en", extracted=True)
    assert all(v is None or v == r for v, r in zip(verdicts, ruled))
    assert not any(v is not None and v.rule.startswith("model_") for v in verdicts)
    alone = [line for line, r in zip(text, ruled) if line and (r is None or r.rule.startswith("context_"))]
    if alone:
        assert any(line and v is None for line, v in zip(text, verdicts))
