"""The per-row invariants, on rows the pipeline makes and on rows damaged by hand."""

from __future__ import annotations

import copy

import pytest

from curate.boilerplate import remove_boilerplate
from curate.boilerplate.rules import rule_verdicts
from curate.validation import checks

TEXT = "The mayor said the harbor would reopen. Officials in Ottawa have not confirmed it."
CLAIM = {"content": "the harbor would reopen", "content_start": 15, "content_end": 38,
         "content_parts": [{"start": 15, "end": 38}], "source": "The mayor", "source_start": 0, "source_end": 9,
         "cue": "said", "cue_start": 10, "cue_end": 14, "kind": "reported_speech", "status": "asserted"}
DOCUMENT = "Send in e-mailSend in e-mail\n\n" + "The council voted on Monday to dredge the harbor. " * 3


def test_claims_point_at_text() -> None:
    assert checks.claims_point_at_text(TEXT, [CLAIM])
    assert checks.claims_point_at_text(TEXT, [])
    for change in ({"cue_start": 11}, {"content": "the harbor would reopen!"}, {"content_end": 39},
                   {"source": None}, {"source_start": -9}, {"content_parts": []}, {"cue_end": None}):
        assert not checks.claims_point_at_text(TEXT, [{**CLAIM, **change}]), change


def test_interrupted_quote_joins_its_parts() -> None:
    text = '"We will rebuild," she said, "and soon."'
    claim = {**CLAIM, "content": "We will rebuild, and soon.", "content_start": 1, "content_end": 39,
             "content_parts": [{"start": 1, "end": 17}, {"start": 30, "end": 39}], "source": "she",
             "source_start": 19, "source_end": 22, "cue": "said", "cue_start": 23, "cue_end": 27}
    assert checks.claims_point_at_text(text, [claim])
    assert not checks.claims_point_at_text(text, [{**claim, "content": "We will rebuild,and soon."}])


def test_spans_and_flags_of_a_real_document() -> None:
    cleaned = remove_boilerplate(DOCUMENT, "en")
    spans = [{k: getattr(span, k) for k in ("kind", "text", "start", "end", "score", "rule")} for span in cleaned.spans]
    assert spans, "the share widget is removed"
    assert checks.spans_rebuild_document(cleaned.text, spans, cleaned.ratio)
    assert checks.flags_match_spans(cleaned.flags, spans)
    shifted = copy.deepcopy(spans)
    shifted[0]["start"] += 1
    assert not checks.spans_rebuild_document(cleaned.text, shifted, cleaned.ratio)
    assert not checks.spans_rebuild_document(cleaned.text, spans, cleaned.ratio + 0.1)
    assert not checks.spans_rebuild_document(cleaned.text, [{**spans[0], "kind": "gossip"}], cleaned.ratio)
    assert not checks.flags_match_spans({**cleaned.flags, spans[0]["kind"]: False}, spans)
    assert not checks.flags_match_spans(cleaned.flags, [])


def test_residual_boilerplate_and_mojibake() -> None:
    assert checks.lines_pass_boilerplate_rules(TEXT, "en")
    assert not checks.lines_pass_boilerplate_rules(TEXT + "\n\nAlready signed up? LOG IN", "en")
    assert not checks.lines_pass_boilerplate_rules(None, "en")  # type: ignore[arg-type]
    # Short caption lines ending a kept text read as a trailing headline list to the context
    # rules, but no line of them is boilerplate on its own: the check passes them.
    captions = TEXT + "\n\nSome of the installations on show at the light festival\n\nLight a Wish by OGE Group" \
                      "\n\nParabolic Lightcloud by amigo & amigo"
    assert any(rule_verdicts(captions.split("\n"), "en")) and checks.lines_pass_boilerplate_rules(captions, "en")
    table = "| Team | Played | Won |\n| --- | --- | --- |\n| Ajax | 12 | 9 |\n| PSV | 12 | 8 |"
    assert any(rule_verdicts(table.split("\n"), "en")) and checks.lines_pass_boilerplate_rules(f"{TEXT}\n\n{table}", "en")
    assert not checks.lines_pass_boilerplate_rules(f"{TEXT}\n\n| Home | News | Sport |", "en")  # no separator: no table
    assert checks.has_mojibake("The cafÃ© was closed.")
    assert not checks.has_mojibake("The café cost £5.")
    assert not checks.has_mojibake(None)


@pytest.mark.parametrize(("metadata", "ok"), [
    (None, True), ("{}", True), ('{"section": "World", "tags": ["a"]}', True),
    ('["a list"]', False), ('"a string"', False), ("{not json", False), ("", False), ("NaN", False)])
def test_metadata_is_one_json_object_or_null(metadata: str | None, ok: bool) -> None:
    assert checks.metadata_is_object(metadata) is ok


@pytest.mark.parametrize(("attempted", "language", "claims", "ok"), [
    (True, "en", [{"text": "x"}], True), (True, "en", [], True), (False, "it", [], True),
    (True, "fr", [{"text": "x"}], True), (False, "fr", [], False),  # French is looked at too
    (False, "en", [], False),  # English is looked at: false is a lie
    (True, "it", [], False),  # Italian is not
    (False, "it", [{"text": "x"}], False),  # claims nobody looked for
    (None, "en", [], False), (False, None, [], True)])
def test_claims_match_whether_they_were_looked_for(attempted: bool | None, language: str | None,
                                                  claims: list[dict[str, str]], ok: bool) -> None:
    assert checks.claims_match_attempt(attempted, language, claims) is ok

