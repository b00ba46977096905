"""A page's metadata from its own tags, JSON-LD, <title> and <h1>, on ordinary and hostile pages."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from trafilatura.utils import load_html

from curate.extract.page_meta import PageMeta, clean, page_meta

HEAD = """<html><head><title>Deals – Gadget Weekly</title>
<meta property="article:publisher" content="https://www.facebook.com/GadgetWeekly">
<meta property='og:site_name' content='Gadget Weekly &amp; Co'>
<meta property="og:url" content="https://gadgets.example/2019/11/deals/">
<meta property="og:title" content="Deals of the week">
<meta name="description" content="Five gadgets at half price.">
<meta name="author" content="By Ana Ruiz; Bo Li">
<meta property="article:published_time" content="2019-11-02T10:00:00Z">
<link rel="stylesheet" href="/s.css"><link rel="canonical" href="https://gadgets.example/deals/">
</head><body><h1>Deals of the week</h1><p>Text</p></body></html>"""


def _meta(page: str | bytes) -> PageMeta:
    tree = load_html(page)
    assert tree is not None
    return page_meta(tree)


def test_declared_metadata() -> None:
    assert _meta(HEAD) == PageMeta(title="Deals of the week", subtitle="Five gadgets at half price.",
                                   url="https://gadgets.example/deals/", site_name="Gadget Weekly & Co",
                                   published="2019-11-02", authors=("Ana Ruiz", "Bo Li"))


@pytest.mark.parametrize(("page", "url", "site_name"), [
    ('<meta property="og:url" content="https://a.example/x"><meta name="application-name" content="A News"><p>t</p>',
     "https://a.example/x", "A News"),
    # a relative canonical link resolves against og:url; a site name that is an address is no name
    ('<meta property="og:url" content="https://a.example/x?utm=1"><link rel="canonical" href="/x">'
     '<meta name="publisher" content="https://a.example"><p>t</p>', "https://a.example/x", "a.example"),
    ('<link rel="canonical" href="/relative/path"><meta name=publisher content=https://a.example><p>t</p>', None, None),
    ("<html><body><p>No head at all</p></body></html>", None, None),
])
def test_only_absolute_addresses_and_plain_names(page: str, url: str | None, site_name: str | None) -> None:
    meta = _meta(page)
    assert (meta.url, meta.site_name) == (url, site_name)


def test_page_without_head_takes_its_only_headline() -> None:
    meta = _meta("<body><h1>Storm closes the <b>harbour</b></h1><p>Boats stayed in.</p></body>")
    assert meta.title == "Storm closes the harbour"
    assert (meta.url, meta.site_name, meta.authors) == (None, None, ())


def test_title_element_without_the_site_name() -> None:
    page = "<html><head><title>Storm closes the harbour | Harbor Gazette</title></head><body><h1>A</h1><h1>B</h1></body></html>"
    assert _meta(page).title == "Storm closes the harbour"


def test_duplicate_and_conflicting_tags_first_declared_wins() -> None:
    page = ('<head><meta property="og:title" content="  "><meta property="og:title" content="First">'
            '<meta property="og:title" content="Second"><meta name="title" content="Third">'
            '<link rel="canonical" href="https://a.example/one"><link rel="canonical" href="https://a.example/two">'
            '</head><p>t</p>')
    meta = _meta(page)
    assert (meta.title, meta.url) == ("First", "https://a.example/one")


def test_markup_scripts_and_entities_in_values_are_text() -> None:
    page = ('<head><meta property="og:title" content="&lt;b&gt;Bold&lt;/b&gt; &amp;amp; <script>x</script>plain">'
            '<meta name="author" content="&lt;a href=x&gt;Ana Ruiz&lt;/a&gt;"></head><p>t</p>')
    meta = _meta(page)
    assert meta.title is not None and "<" not in meta.title and meta.title.startswith("Bold &")
    assert meta.authors == ("Ana Ruiz",)


def test_addresses_handles_and_overlong_values_are_not_names() -> None:
    page = ('<head><meta name="author" content="https://facebook.com/ana, @ana, ana@example.com, Bo Li">'
            f'<meta property="og:title" content="{"x" * 5000}"></head><body><h1>Headline</h1><p>t</p></body>')
    meta = _meta(page)
    assert meta.authors == ("Bo Li",)
    assert meta.title == "Headline"


def _ld(*scripts: str) -> str:
    return "<head>" + "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts) + "</head><p>t</p>"


ARTICLE = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Port reopens",
           "description": "Ships return.", "author": [{"@type": "Person", "name": "Ana Ruiz"}, "Bo Li"],
           "publisher": {"@type": "Organization", "name": "Harbor Gazette"}, "url": "https://hg.example/port"}


@pytest.mark.parametrize("script", [
    json.dumps(ARTICLE),
    json.dumps([{"@type": "BreadcrumbList"}, ARTICLE]),  # a list
    json.dumps({"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "HG"}, ARTICLE]}),
    json.dumps({"@type": "WebPage", "mainEntity": {"x": [ARTICLE]}}),  # nested
    json.dumps(ARTICLE | {"@type": ["Article", "NewsArticle"]}),  # a list of types
])
def test_json_ld_article(script: str) -> None:
    meta = _meta(_ld(script))
    assert (meta.title, meta.subtitle, meta.site_name, meta.authors, meta.url) == (
        "Port reopens", "Ships return.", "Harbor Gazette", ("Ana Ruiz", "Bo Li"), "https://hg.example/port")


@pytest.mark.parametrize("script", [
    '{"@type": "NewsArticle", "headline": "Broken',  # cut off
    "[" * 100_000 + "]" * 100_000,  # nested past the decoder's recursion limit
    json.dumps([{"@type": "Thing", "name": "x" * 100} for _ in range(5_000)]),  # huge
    "null", "42", '"a string"', "",
])
def test_broken_or_odd_json_ld_is_skipped(script: str) -> None:
    meta = _meta(_ld(script, json.dumps({"@type": "Article", "headline": "Still read"})))
    assert meta.title == "Still read"
    assert meta.authors == ()


def test_json_ld_values_of_the_wrong_type_are_no_values() -> None:
    script = json.dumps({"@type": "NewsArticle", "headline": 7, "author": {"name": ["a"]}, "publisher": None, "url": []})
    assert _meta(_ld(script)) == PageMeta()


def test_non_utf8_bytes() -> None:
    page = (b'<html><head><meta charset="windows-1252"><meta property="og:title" content="Caf\xe9 \x93news\x94">'
            b"</head><body><p>t</p></body></html>")
    assert _meta(page).title == "Café “news”"


def test_printed_byline_when_nothing_is_declared() -> None:
    page = ('<body><div class="comments"><span class="author">A Commenter</span></div>'
            '<p class="byline">By Ana Ruiz and Bo Li</p><p>Text</p></body>')
    assert _meta(page).authors == ("Ana Ruiz", "Bo Li")


@pytest.mark.parametrize(("byline", "authors"), [
    ("Posted By: Samuel Wade", ("Samuel Wade",)),
    ("Written by Rob Ewaschuk", ("Rob Ewaschuk",)),
    ("Author", ()),
    ("Byron Smith", ("Byron Smith",)),  # a name that starts with "By"
])
def test_byline_labels_are_not_names(byline: str, authors: tuple[str, ...]) -> None:
    assert _meta(f'<body><p class="byline">{byline}</p><p>Text</p></body>').authors == authors


def test_clean() -> None:
    assert clean("  a <i>b</i>&nbsp;c ") == "a b c"
    assert clean("<br>") is None
    assert clean("x" * 2000) is None


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from('<>"\'&;=/ abc{}[]:,\\\x00é'), max_size=200))
def test_any_value_anywhere_never_raises(value: str) -> None:
    escaped = value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    page = (f'<head><meta property="og:title" content="{escaped}"><meta name="author" content="{escaped}">'
            f'<script type="application/ld+json">{value.replace("<", "")}</script></head><body><h1>{escaped}</h1></body>')
    tree = load_html(page)
    if tree is not None:
        meta = page_meta(tree)
        assert all(isinstance(a, str) and a for a in meta.authors)


def test_site_name_from_the_title_then_the_address() -> None:
    page = "<html><head><title>Port reopens - HarborGazette.example</title>{}</head><body><p>t</p></body></html>"
    assert _meta(page.format("")).site_name == "HarborGazette.example"
    assert _meta("<html><head><title>Port reopens</title>"
                 '<link rel="canonical" href="https://www.hg.example/p"></head><body><p>t</p></body></html>'
                 ).site_name == "hg.example"
