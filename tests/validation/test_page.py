"""The validation page: every expectation with what it found, every value from the data escaped."""

from __future__ import annotations

import re
from html import escape

from curate.validation.outcome import GateResult, Outcome
from curate.validation.page import anchor, render_validation
from curate.validation.suites import load_suites

HOSTILE = "<img src=x onerror=\"alert('{}')\">"


def _hostile(field: str) -> str:
    return HOSTILE.format(field)


def _result() -> GateResult:
    failed = Outcome("article_rows", "title_no_markup", "expect_column_values_to_not_match_regex",
                     {"column": "title", "regex": "</?b>"}, notes=_hostile("notes"), success=False, rows=3,
                     unexpected=1, chunks=1, samples=[_hostile("sample")], values=[_hostile("value")])
    broken = Outcome("rejects", "reason_format", "expect_column_values_to_match_regex",
                     {"column": "reason", "regex": _hostile("kwargs")}, errors=[_hostile("error")], chunks=1)
    waived = Outcome("article_rows", "source_name_present", "expect_column_values_to_not_be_null",
                     {"column": "source_name"}, success=False, rows=3, unexpected=1, chunks=1,
                     samples=["ab" * 16], values=["null"], waiver=_hostile("waiver"))
    passed = Outcome("dataset", "has_articles", "expect_column_values_to_be_between", {"column": "article_rows"},
                     rows=1, chunks=1)
    return GateResult(outcomes=[failed, waived, broken, passed], shards={_hostile("shard"): "0" * 64},
                      rows={"articles": 3, "rejects": 1}, suites={"article_rows": "f" * 64},
                      thresholds={"validation": {"languages": [_hostile("threshold")]}},
                      waivers=[{"expectation": waived.key, "reason": _hostile("waiver"), "applied": True}],
                      validated_at="2026-12-01T00:00:00+00:00", seconds=1.5)


def test_every_value_is_escaped() -> None:
    html = render_validation(_result(), _hostile("title"), "results.json")
    assert "<img" not in html and "onerror=\"" not in html
    for field in ("title", "notes", "sample", "value", "kwargs", "error", "waiver", "shard", "threshold"):
        assert escape(_hostile(field)) in html or escape(_hostile(field)).replace("&quot;", '\\&quot;') in html, field
    assert not re.search(r"<(script|link|img|iframe)\b", html) and "http" not in html, "self-contained"


def test_every_expectation_is_shown_with_its_verdict() -> None:
    result = _result()
    html = render_validation(result, "news 1.0.0", "results.json")
    for outcome in result.outcomes:
        assert f'<tr id="{anchor(outcome)}">' in html
    assert html.count('href="#exp-') == len(result.failed) + len(result.waived)
    assert '<span class="fail">FAILED</span>' in html and '<span class="waived">waived</span>' in html
    assert '<span class="fail">error</span>' in html and '<span class="pass">passed</span>' in html
    assert '<a href="results.json">' in html
    sections = re.findall(r'<section id="suite-([a-z_]+)">', html)
    assert sections == ["article_rows", "rejects", "dataset"], "one section per suite, in first-seen order"


def test_the_suites_notes_reach_the_page(version, gate_config) -> None:
    from curate.validation import validate_version

    store, folder = version
    result, where = validate_version(store, "sample", folder.name, gate_config())
    html = (where / "index.html").read_text(encoding="utf-8")
    assert "sample 1.0.0: quality gate" in html and '<span class="pass">PASSED</span>' in html
    for spec in load_suites().values():
        for expectation in spec["expectations"]:
            assert escape(expectation["notes"]) in html
    assert len(re.findall(r'<tr id="exp-', html)) == len(result.outcomes)
