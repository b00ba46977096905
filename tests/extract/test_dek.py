from __future__ import annotations

import time

from lxml.html import fromstring

from curate.document import RawDoc
from curate.extract import extract_html, page_tree
from curate.extract.dek import drop_dek, marked_dek

HEADLINE = "Port Approves Channel Dredging Plan"
DEK = "Crews will start in March and finish before the autumn storms, the authority says."
BODY = ["The port authority approved a plan on Tuesday to dredge the northern channel before the winter storms arrive.",
        "Engineers said the work would take eleven weeks and cost about four million dollars in total, officials added.",
        "Fishing crews have complained for two years that the channel silts up faster than the city can clear it."]


def _page(header: str, description: str = "A plan for the harbor.") -> str:
    body = "".join(f"<p>{p}</p>" for p in BODY)
    return (f'<html><head><title>{HEADLINE}</title><meta name="description" content="{description}"></head>'
            f"<body><article><header><h1>{HEADLINE}</h1>{header}</header>{body}</article></body></html>")


def _extract(html: str, subtitle: str | None = None) -> RawDoc:
    doc = RawDoc(input_uri="d.html", input_format="html", raw=html.encode(), html=html, subtitle=subtitle)
    return extract_html(doc, page_tree(doc))


def test_marked_dek_goes_to_subtitle_and_leaves_text() -> None:
    for header in (f'<p class="article__dek">{DEK}</p>', f'<div class="c-standfirst"><p>{DEK}</p></div>',
                   f'<p itemprop="description">{DEK}</p>', f"<h2>{DEK}</h2>"):
        doc = _extract(_page(header))
        assert doc.subtitle == DEK, header
        assert doc.text == "\n\n".join(BODY), header


def test_h2_after_a_byline_is_a_section_heading_not_a_dek() -> None:
    assert marked_dek(fromstring(_page(f"<span>By Ana Ruiz</span><h2>{DEK}</h2>"))) is None


def test_no_dek_marked_keeps_meta_description_and_body() -> None:
    doc = _extract(_page("", description="Not printed anywhere on the page at all, only in the head."))
    assert doc.subtitle == "Not printed anywhere on the page at all, only in the head."
    assert doc.text == "\n\n".join(BODY)


def test_negative_markers_and_places() -> None:
    lede = f'<p class="intro">{DEK}</p>'  # `intro` names the first body paragraph on many sites
    caption = f'<figure><img src="a.jpg"><figcaption class="description">{DEK}</figcaption></figure>'
    label = '<p class="summary">Summary</p>'
    long_summary = f'<div class="entry-summary">{" ".join(BODY * 3)}</div>'
    for header in (lede, caption, label, long_summary, f"<h3>{DEK}</h3>"):
        assert marked_dek(fromstring(_page(header))) is None, header


def test_dek_after_the_body_starts_is_not_the_dek() -> None:
    html = _page(f'<p>{" ".join(BODY)}</p><p class="dek">{DEK}</p>')
    assert marked_dek(fromstring(html)) is None


def test_a_meta_tag_is_never_a_dek() -> None:
    html = _page(f'<meta itemprop="description" content="{DEK}">')
    assert marked_dek(fromstring(html)) is None


def test_page_without_h1_has_no_dek() -> None:
    assert marked_dek(fromstring(f'<html><body><p class="dek">{DEK}</p></body></html>')) is None


def test_the_document_s_own_subtitle_wins_and_the_body_stays() -> None:
    doc = _extract(_page(f'<p class="dek">{DEK}</p>'), subtitle="From the feed")
    assert doc.subtitle == "From the feed"


def test_drop_dek_whole_or_split_and_never_the_only_line() -> None:
    assert drop_dek(["Crews will start in March", "and finish soon.", "Body."], "Crews will start in March and finish soon.") == ["Body."]
    assert drop_dek([DEK], DEK) == [DEK]
    assert drop_dek(["A", "B", "C", "D", DEK, "E"], DEK) == ["A", "B", "C", "D", DEK, "E"]


def test_a_byline_in_a_block_named_like_a_dek_is_not_the_dek() -> None:
    for header in ('<div class="articleHeader--subhead">JANIE HAR Nov. 20, 2019 Updated: Nov. 20, 2019 1:35 a.m.</div>',
                   '<div class="summary_data">by Lighthouse Patent Office / 2016.12.01</div>',
                   '<div class="subtitle">Ana Ruiz, harbor reporter <time>Tuesday morning</time></div>',
                   f'<p class="subtitle author-line">{DEK}</p>'):
        assert marked_dek(fromstring(_page(header))) is None, header


def test_a_huge_or_deep_page_is_scanned_quickly() -> None:
    huge = f'<div class="summary">{("<p>" + " ".join(BODY) + "</p>") * 20000}</div>'
    deep = "<div>" * 3000 + f'<p class="dek">{DEK}</p>' + "</div>" * 3000
    for header, expected in ((huge, None), (deep, None)):  # the deep one lies past the scan
        tree = fromstring(_page(header))
        start = time.perf_counter()
        assert marked_dek(tree) == expected
        assert time.perf_counter() - start < 1
