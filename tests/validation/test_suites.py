"""The suites are Great Expectations' own JSON, every placeholder gets a value, and names are stable."""

from __future__ import annotations

import json
from typing import Any

from conftest import ROOT
from curate.config import Config
from curate.validation.parameters import row_parameters, split_share_bounds
from curate.validation.suites import SUITES, fingerprint, load_suites


def _placeholders(node: Any) -> set[str]:
    if isinstance(node, dict):
        if "$PARAMETER" in node:
            return {node["$PARAMETER"]}
        return set().union(*(_placeholders(v) for v in node.values()))
    if isinstance(node, list):
        return set().union(*(_placeholders(v) for v in node)) if node else set()
    return set()


def test_suite_files_are_gx_suites() -> None:
    import great_expectations as gx

    for name, spec in load_suites().items():
        text = (ROOT / "expectations" / f"{name}.json").read_text(encoding="utf-8")
        assert json.loads(text) == spec
        assert "id" not in spec and all("id" not in e for e in spec["expectations"]), "ids stripped: stable diffs"
        suite = gx.ExpectationSuite(**spec)
        assert suite.name == name
        assert [e.expectation_type for e in suite.expectations] == [e["type"] for e in spec["expectations"]]
        assert all(e["notes"] for e in spec["expectations"]), "every expectation says why"


def test_every_placeholder_has_a_value() -> None:
    config = Config()
    values = row_parameters(config, config) | split_share_bounds(config.splits, 100, config.validation)
    for name in SUITES:
        assert _placeholders(load_suites()[name]) <= set(values), name


def test_fingerprints_follow_the_content() -> None:
    spec = load_suites()["article_rows"]
    changed = json.loads(json.dumps(spec))
    changed["expectations"][0]["notes"] += "!"
    assert fingerprint(spec) == fingerprint(json.loads(json.dumps(spec))) != fingerprint(changed)


MARKUP_SEEN = ["<b>Bold</b>", "</p>", "<br/>", "<br />", '<a href="https://x.org/a">', "<img src=a.jpg alt='y'>",
               "<P CLASS=lead>", "&amp;", "&#8217;", "&#x2019;",
               # what browsers run: an unquoted value holding "=", and "/" between attributes
               "<img src=x onerror=window.pwned=12>", "<svg/onload=alert(1)>", "<img/src=x/onerror=alert(1)>"]
MARKUP_NOT_SEEN = ["<The Palace: Tale of Jang Noksu>", "<I love you>", "if a < b > c", "x<y and y>z", "<bold>",
                   "AT&T said", "R&D spending"]


def test_markup_regex_tells_tags_from_bracketed_titles() -> None:
    import re

    [regex] = {e["kwargs"]["regex"] for e in load_suites()["article_rows"]["expectations"]
               if e["meta"]["name"] in ("text_no_markup", "title_no_markup")}
    pattern = re.compile(regex)
    assert [s for s in MARKUP_SEEN if not pattern.search(s)] == []
    assert [s for s in MARKUP_NOT_SEEN if pattern.search(s)] == []
