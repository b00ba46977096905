from __future__ import annotations

import gzip
from typing import Any

import lxml.html
import pytest
import trafilatura

from conftest import needs_shared
from curate.config import Config
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.extract import extract_html, page_tree
from curate.pipeline.prepare import prepare

BODY = ["The port authority approved a plan on Tuesday to dredge the northern channel before the winter storms arrive.",
        "Engineers said the work would take eleven weeks and cost about four million dollars in total, officials added.",
        "Fishing crews have complained for two years that the channel silts up faster than the city can clear it."]


def _page(first_blocks: list[str], description: str = "Crews start in March.") -> str:
    paragraphs = "".join(f"<p>{p}</p>\n" for p in first_blocks + BODY)
    return (f"<html><head><title>Port Approves Channel Dredging Plan for the Winter Season</title>"
            f'<meta name="description" content="{description}">'
            '<meta property="og:site_name" content="Harbor Gazette"><meta name="author" content="Ana Ruiz; Bo Li">'
            '<meta property="article:published_time" content="2024-03-02T10:00:00Z">'
            '<link rel="canonical" href="https://harborgazette.example/port/dredging"></head>'
            f"<body><nav><a href='/'>Home</a></nav><article>\n{paragraphs}</article></body></html>")


def _extract(html: str) -> RawDoc:
    doc = RawDoc(input_uri="p.html", input_format="html", raw=html.encode(), html=html)
    return extract_html(doc, page_tree(doc))


def test_metadata_and_paragraphs() -> None:
    doc = _extract(_page([]))
    assert doc.text == "\n\n".join(BODY)
    assert doc.title == "Port Approves Channel Dredging Plan for the Winter Season"
    assert (doc.source_name, doc.authors, doc.published) == ("Harbor Gazette", ["Ana Ruiz", "Bo Li"], "2024-03-02")
    assert doc.url == "https://harborgazette.example/port/dredging"
    assert doc.subtitle == "Crews start in March."


def test_repeated_headline_dek_and_url_are_dropped() -> None:
    doc = _extract(_page(["https://harborgazette.example/port/dredging", "Port Approves Channel Dredging Plan",
                          "Crews start in March."]))
    assert doc.text == "\n\n".join(BODY)


def test_a_long_description_that_is_the_lede_stays() -> None:
    lede = ("After two years of complaints from fishing crews and a winter in which three boats ran aground, "
            "the port authority on Tuesday approved an eleven-week plan to dredge the northern channel, "
            "the largest such project in the harbor since 1998.")
    doc = _extract(_page([lede], description=lede))
    assert doc.text.startswith(lede)


def test_page_without_text() -> None:
    with pytest.raises(DocumentError) as caught:
        _extract("<html><head><title>Empty</title></head><body>  </body></html>")
    assert caught.value.reason in {"extract_no_content", "extract_failed"}


def test_the_extractor_leaves_the_parsed_page_as_it_was() -> None:
    """The page is parsed once: the metadata, the dek and the record of what was left out read the
    tree after trafilatura has. A trafilatura release that cleans the tree it is given instead of
    a copy fails here, not in the rows."""
    doc = RawDoc(input_uri="p.html", input_format="html", raw=b"", html=_page(["Read more: Harbor dredging"]))
    tree = page_tree(doc)
    before = lxml.html.tostring(tree.getroottree())
    extract_html(doc, tree)
    extract_html(doc, tree, fast=True)
    assert lxml.html.tostring(tree.getroottree()) == before


@pytest.mark.parametrize("html", ["", "   ", "<?xml version='1.0'?><root/>", "\x00\x01"])
def test_a_page_with_no_document_tree_is_rejected_with_its_name(html: str) -> None:
    with pytest.raises(DocumentError) as caught:
        doc = RawDoc(input_uri="odd.html", input_format="html", raw=html.encode(), html=html)
        extract_html(doc, page_tree(doc))
    assert caught.value.reason in {"extract_failed", "extract_no_content"} and "odd.html" in str(caught.value)


def test_reworded_headline_and_its_section_label_are_dropped() -> None:
    # The page prints "Port Board Approves ..." where <title> says "Port Approves ...".
    doc = _extract(_page(["Harbor", "Port Board Approves Channel Dredging Plan for the Coming Winter Season"]))
    assert doc.text == "\n\n".join(BODY)


def test_dek_first_sentence_as_a_heading_is_dropped() -> None:
    doc = _extract(_page(["Crews start in March"], description="Crews start in March. The work takes eleven weeks."))
    assert doc.text == "\n\n".join(BODY)


def test_a_lede_sharing_the_headline_words_stays() -> None:
    lede = "The port approves a channel dredging plan for the winter season, ending two years of complaints."
    doc = _extract(_page([lede]))
    assert doc.text.startswith(lede)


def test_the_fast_setting_reaches_trafilatura(monkeypatch: pytest.MonkeyPatch) -> None:
    """`[extract] fast` is handed to trafilatura by the build's own preparation, off by default."""
    seen: list[bool] = []
    real = trafilatura.bare_extraction

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("fast", False))
        return real(*args, **kwargs)

    monkeypatch.setattr(trafilatura, "bare_extraction", recording)
    html = _page([])
    for config in (Config(), Config(extract={"fast": True})):
        prepared = prepare(RawDoc(input_uri="p.html", input_format="html", raw=html.encode(), html=html), config)
        assert prepared.document == "\n\n".join(BODY)
    assert seen == [False, True]


def test_fast_extraction_skips_the_fallback_that_finds_more() -> None:
    """A bench page where trafilatura's own text is a quarter of readability's: the default takes
    readability's, `fast` keeps trafilatura's own (skipped without ../shared)."""
    page = needs_shared("bench", "extraction", "dev", "html") / \
        "b3c19dd5f0612d098788fa5173e491b3280da6226b492f8fe110f4ab1896cca8.html.gz"
    html = gzip.decompress(page.read_bytes()).decode("utf-8", "replace")

    def text(fast: bool) -> str:
        doc = RawDoc(input_uri=page.name, input_format="html", raw=b"", html=html)
        return extract_html(doc, page_tree(doc), fast).text or ""

    full, fast = text(False), text(True)
    assert fast and len(full) > 2 * len(fast)


@pytest.mark.parametrize("links", [
    '<meta property="og:url" content="https://[evil/"><link rel="canonical" href="/port/dredging">',  # urljoin raises
    '<link rel="canonical" href="https://harborgazette.example:abc/port">',  # a port that is no number
    '<script type="application/ld+json">{"@type": "NewsArticle", "url": "https://ex.example:99999/a"}</script>',
])
def test_an_address_that_does_not_parse_costs_the_page_nothing(links: str) -> None:
    """A canonical link, og:url or JSON-LD address Python's parser refuses: the page keeps its text
    and gets an id, as a page without an address would."""
    html = _page([]).replace('<link rel="canonical" href="https://harborgazette.example/port/dredging">', links)
    prepared = prepare(RawDoc(input_uri="p.html", input_format="html", raw=html.encode(), html=html), Config())
    assert prepared.document == "\n\n".join(BODY)
    assert len(prepared.doc_id) == 32


def test_metadata_that_fails_to_read_leaves_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any) -> Any:
        raise RuntimeError("a metadata reader's bug")

    monkeypatch.setattr("curate.extract.html.page_meta", broken)
    doc = _extract(_page([]))
    assert doc.text == "\n\n".join(BODY)
    assert (doc.url, doc.source_name, doc.authors) == (None, None, [])
