"""The design's real raw input, end to end: exact title, every body paragraph kept, every leftover
removed as a typed span, and the attributed claims of its body extracted."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import SEED
from curate.boilerplate import reconstruct
from curate.normalize import normalize_text
from curate.readers.text import split_title_dek
from curate.store import read_manifest

TITLE = "U.S. Offered Assad to Leave Syria if Iran Withdraws From South, Report Says"
DEK = "American intel officials met Syrian officials in Damascus last months for four hours, Lebanon's al-Akhbar reports"
# Each leftover of the page, with the kind it must be removed as.
LEFTOVERS = [
    ("Send in e-mailSend in e-mail", {"share_widget"}),
    ("A U.S. soldier stands near Syrian children on a road that links to Raqqa, Syria, July 26, 2017.", {"caption"}),
    ("Credit: Hussein Malla,AP", {"credit", "caption"}),
    ("UPDATE: Iran, Russia prepare to battle each other over control of post-war Syria", {"teaser"}),
    (">> Analysis: Everyone wants to get Iran out of Syria. But no one knows how to do it", {"teaser"}),
    ("Click the alert icon to follow topics:", {"follow_prompt"}),
    ("Automatic approval of subscriber comments.", {"comments"}),
    ("From $1 for the first month", {"paywall"}),
    ("Already signed up? LOG IN", {"login"}),
    ("בנימין נתניהו השקת ספר", {"other_language"}),
    ("עדי שטרן", {"other_language"}),
    ("ג'אמיל דקוור", {"other_language"}),
    ("Netanyahu’s Israel Is About to Slam the Door on the Diaspora", {"headline_list"}),
    ("Charles Lindbergh addressing an America First Committee rally on October 3, 1941.", {"headline_list", "caption"}),
    ("Ken Burns’ Brilliant ‘The U.S. and the Holocaust’ Has Only One Problem", {"headline_list"}),
    ("Skyscrapers in Ramat Gan and Tel Aviv.", {"headline_list", "caption"}),
    ("Netanyahu’s Election Win Dealt a Grievous Blow to Judaism", {"headline_list"}),
]
# (source, cue, a phrase of the content, kind, status)
CLAIMS = [
    ("Lebanese newspaper al-Akhbar", "reported", "The United States offered the Assad regime", "reported_speech", "unconfirmed"),
    ("the Syrians", "said", "the U.S. forces are occupiers and must get out", "reported_speech", "asserted"),
    ("The Lebanese daily", "reported", "U.S. intelligence agency representatives met last month", "reported_speech", None),
    ("the report", "According to", "the meeting lasted four hours", "according_to", None),
    ("The Tasnim news agency", "reported", "Iran and Syria signed a deal for military cooperation", "reported_speech", "asserted"),
    ("A senior White House official", "told", "when Bolton was in Moscow", "reported_speech", "asserted"),
    ("Putin", "told", "he doesn't want to see Iranian forces remain in Syria", "reported_speech", "asserted"),
    ("Iranian officials", "have said", "Tehran will not agree under any circumstance", "reported_speech", "asserted"),
    ("the official", "according to", "Putin shares that position but doubts", "according_to", "asserted"),
]


@pytest.fixture(scope="module")
def seed_row(sample_build) -> dict:
    manifest = read_manifest(sample_build.path)
    rows = pa.concat_tables([pq.read_table(sample_build.path / s["path"]) for s in manifest["shards"]]).to_pylist()
    return next(row for row in rows if row["source"]["input_uri"].endswith(SEED.name))


def _body_paragraphs() -> list[str]:
    _title, _dek, body = split_title_dek(normalize_text(SEED.read_text(encoding="utf-8")))
    leftovers = [text for text, _ in LEFTOVERS]
    return [p for p in body.split("\n\n")
            if not any(left in p for left in leftovers) and len(p) > 150]


def test_title_dek_publisher(seed_row: dict) -> None:
    assert seed_row["title"] == TITLE
    assert seed_row["subtitle"] == DEK
    assert seed_row["source"]["name"] == "Haaretz"
    assert seed_row["language"] == "en"


def test_every_body_paragraph_is_kept(seed_row: dict) -> None:
    paragraphs = _body_paragraphs()
    assert len(paragraphs) == 10
    assert seed_row["text"].split("\n\n") == paragraphs


def test_every_leftover_is_removed_with_its_kind(seed_row: dict) -> None:
    text = seed_row["text"]
    for leftover, kinds in LEFTOVERS:
        assert leftover not in text, leftover
        spans = [s for s in seed_row["boilerplate"] if leftover in s["text"]]
        assert spans, f"no span for {leftover!r}"
        assert {s["kind"] for s in spans} & kinds, (leftover, [s["kind"] for s in spans])
    assert reconstruct(text, seed_row["boilerplate"]) == normalize_text(
        split_title_dek(normalize_text(SEED.read_text(encoding="utf-8")))[2])


def test_flags(seed_row: dict) -> None:
    flags = seed_row["flags"]
    for kind in ("share_widget", "caption", "teaser", "follow_prompt", "comments", "paywall", "login",
                 "other_language", "headline_list"):
        assert flags[kind], kind
    assert not flags["cookie_consent"] and not flags["navigation"]
    assert 0.1 < seed_row["boilerplate_ratio"] < 0.5


def test_claims(seed_row: dict) -> None:
    claims = seed_row["claims"]
    for source, cue, content, kind, status in CLAIMS:
        found = [c for c in claims if (c["source"] or "").startswith(source) and c["cue"] == cue
                 and content in c["content"]]
        assert found, f"missing claim: {source} {cue} {content}"
        assert found[0]["kind"] == kind, (source, found[0]["kind"])
        if status is not None:
            assert found[0]["status"] == status, (source, found[0]["status"])
