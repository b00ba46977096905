"""Markup in the data never becomes markup on a page: every HTML file curate writes about a version
built from hostile inputs (titles, texts, publishers, authors, URLs, file names, claims, removed
spans, reject messages, waivers, hand-edited ids and kinds) holds only curate's own tags."""

from __future__ import annotations

import json
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from curate.reporting.html import safe_href
from reporting.conftest import PAYLOADS, URL, Hostile

# Every element curate's pages use; a payload's <script>, <img> or <svg onload> is not among them
# as an element (svg is, for the charts, which carry no event attributes).
TAGS = {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "a", "nav", "main",
        "section", "table", "tr", "th", "td", "div", "span", "b", "small", "br", "ul", "li", "code", "pre",
        "figure", "figcaption", "svg", "rect", "line", "text", "del", "sup", "input", "label", "dl", "dt", "dd",
        "details", "summary"}


class _Elements(HTMLParser):
    """Every element and attribute as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


def _elements(page: Path) -> _Elements:
    parser = _Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


def test_the_payloads_reach_the_pages(hostile: Hostile) -> None:
    """Not vacuous: the hostile values are in the data, in the gate's samples and values, and on
    the pages (escaped), and every kind of page was written."""
    names = {p.relative_to(p.parents[1]).as_posix() if p.parent.name == "docs" else p.name for p in hostile.pages}
    assert {"index.html"} < names and sum(n.startswith("docs/") for n in names) >= 3
    assert (hostile.folder / "validation" / "index.html") in hostile.pages
    assert (hostile.checked / "index.html") in hostile.pages
    recorded = json.loads((hostile.folder / "validation" / "results.json").read_text(encoding="utf-8"))
    assert not recorded["passed"] and "article_rows.title_no_markup" in recorded["failed"]
    outcomes = {o["expectation"]: o for o in recorded["outcomes"]}
    # both titles that carry markup browsers run (the file's title has an unquoted value with "=")
    assert sorted(outcomes["article_rows.title_no_markup"]["values"]) == sorted([PAYLOADS["title"],
                                                                                  PAYLOADS["file_title"]])
    assert outcomes["article_rows.id_format"]["samples"] == [PAYLOADS["edited_id"]]
    assert outcomes["article_rows.language_allowed"]["values"] == [PAYLOADS["edited_language"]]
    assert PAYLOADS["claim_source"] in outcomes["article_rows.text_no_markup"]["values"][0]
    assert outcomes["article_rows.source_name_present"]["waiver"] == PAYLOADS["waiver"]
    assert PAYLOADS["edited_reason"] in outcomes["rejects.reason_format"]["values"]
    checked = json.loads((hostile.checked / "results.json").read_text(encoding="utf-8"))
    assert any(PAYLOADS["folder"] in label for label in checked["shards"])
    text = "".join(page.read_text(encoding="utf-8") for page in hostile.pages)
    missing = [key for key, payload in PAYLOADS.items() if escape(payload) not in text]
    assert not missing, f"payloads shown nowhere (escaped): {missing}"


def test_no_page_holds_markup_from_the_data(hostile: Hostile) -> None:
    for page in hostile.pages:
        raw = page.read_text(encoding="utf-8")
        leaked = [key for key, payload in PAYLOADS.items() if payload in raw]
        assert not leaked, f"{page}: raw {leaked}"
        found = _elements(page)
        assert found.tags <= TAGS, f"{page}: elements {found.tags - TAGS}"
        handlers = [(tag, name) for tag, name, _ in found.attributes if name.startswith("on")]
        assert not handlers, f"{page}: event handlers {handlers}"
        targets = [value for _, name, value in found.attributes if name in ("href", "src", "action", "formaction")]
        assert all(safe_href(t) for t in targets), f"{page}: unsafe link targets {targets}"
        assert URL not in targets


def test_link_targets_are_checked() -> None:
    from curate.reporting.html import link

    for unsafe in (URL, " JavaScript:alert(1)", "java\tscript:alert(1)", "\x01javascript:x", "data:text/html,x",
                   "vbscript:x"):
        assert not safe_href(unsafe) and "<a" not in link(unsafe, "x"), unsafe
    for safe in ("docs/ab.html", "../validation/index.html", "#exp-a.b", "https://example.com/a:b", "a/b:c"):
        assert safe_href(safe) and "<a" in link(safe, "x"), safe
