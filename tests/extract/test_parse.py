"""Our page loader builds the tree trafilatura's `load_html` builds, on real and hostile pages: a
trafilatura release that parses otherwise fails here, not in the rows."""

from __future__ import annotations

import gzip

import lxml.etree as etree
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from trafilatura.utils import INVALID_XML_CHARS, load_html, repair_faulty_html

from conftest import needs_shared
from curate.extract.parse import _INVALID_XML, _repaired, load_page

ARTICLE = ("<html><head><title>Port Approves Dredging</title><meta name='description' content='Crews start in March.'>"
           "<script>var x = '<p>';</script><style>p {}</style></head><body><!-- ad slot --><?php echo 1; ?>"
           "<nav class='site-nav'><a href='/'>Home</a></nav><article><h1>Port Approves Dredging</h1>"
           "<p>The port authority approved a plan on Tuesday &amp; crews start&nbsp;soon.</p>"
           "<table><tr><th>Cost</th><td>4m</td></tr></table><form action='/s'><input name='q' value='x'>"
           "<select><option>A</option></select><label>Search</label></form></article>"
           "<footer><p>© 2024 Harbor Gazette.</p></footer></body></html>")

PAGES = {
    "article": ARTICLE,
    "doctype with a slash": '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n' + ARTICLE,
    "self-closing html": "<html lang='en'/>\n<head><title>t</title></head><body><p>a</p><p>b</p></body>",
    "no html tag": "<head><title>t</title></head><body><p>one</p><p>two</p></body>",
    "one fragment": "<p>Only a paragraph.</p>",
    "fragments": "<p>One.</p><p>Two.</p><div>Three.</div>",
    "inline fragments": "<b>bold</b> and <i>italic</i> text",
    "two bodies": "<p>x</p><body class='a'><p>a</p></body><body class='b'><p>b</p></body>",
    "two heads": "<html><head><title>a</title></head><head><title>b</title></head><body><p>x</p></body></html>",
    "after the end": "<html><body><p>a</p></body></html><p>b</p>",
    "xml declaration": "<?xml version='1.0' encoding='utf-8'?>\n" + ARTICLE,
    "xml declaration, no encoding": "<?xml version='1.0'?>\n" + ARTICLE,
    "invalid xml characters": ARTICLE.replace("Tuesday", "Tues\x00day\x0b\x1f\ufffe"),
    "empty": "",
    "blank": "  \n ",
    "garbage": "\x00\x01\x02 not html at all <<<>>>",
    "a comment only": "<!-- nothing -->",
    "text only": "just some words",
}


def _serialized(tree: etree._Element | None) -> bytes | None:
    return None if tree is None else etree.tostring(tree)


@pytest.mark.parametrize("html", PAGES.values(), ids=PAGES.keys())
def test_the_tree_is_load_htmls(html: str) -> None:
    assert _serialized(load_page(html)) == _serialized(load_html(html))


@pytest.mark.parametrize("raw", [ARTICLE.encode(), ARTICLE.encode("latin-1", "replace"), ARTICLE.encode("utf-16"),
                                 PAGES["xml declaration"].encode(), b"", b"\xff\xfe\x00garbage"],
                         ids=["utf-8", "latin-1", "utf-16", "xml declaration", "empty", "garbage"])
def test_bytes_are_decoded_as_load_html_decodes_them(raw: bytes) -> None:
    assert _serialized(load_page(raw)) == _serialized(load_html(raw))


def test_bench_pages_parse_alike() -> None:
    """Real pages (skipped without ../shared)."""
    folder = needs_shared("bench", "extraction", "dev", "html")
    for path in sorted(folder.glob("*.html.gz")):
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        assert _serialized(load_page(html)) == _serialized(load_html(html)), path.name


_PIECES = st.sampled_from(["<html>", "</html>", "<body>", "</body>", "<head>", "<p>", "</p>", "<div class='a'>", "</div>",
                           "<br/>", "<!-- c -->", "<?pi x?>", "<!DOCTYPE html>", "<?xml version='1.0' encoding='utf-8'?>",
                           "<script>", "</script>", "&amp;", "&#0;", "&bogus;", "<", ">", "\x00", "\ufffe", "\ud800"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=25))
def test_any_markup_parses_as_load_html_parses_it(pieces: list[str]) -> None:
    """Tags in any order, entities, NULs, lone surrogates: the same tree, or None for both; never
    an exception load_html would not raise."""
    html = "".join(pieces)
    try:
        expected = _serialized(load_html(html))
    except Exception as exc:  # noqa: BLE001 - then ours must fail alike
        with pytest.raises(type(exc)):
            load_page(html)
        return
    assert _serialized(load_page(html)) == expected


_REPAIR_PIECES = st.sampled_from(["<!DOCTYPE html>", "<! doctype html", "< !DocType x", "/>", "/ >", "/", ">", "<", "<html",
                                  "<HTML lang='en'", "<html/>", " />", "\n", "\r\n", "\r", "\x0b", "\x1c", "\u2028",
                                  "\x00", "\x08", "\x1f", "\ufffe", "\uffff", "<p>", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_REPAIR_PIECES, st.text(max_size=8)), max_size=30), st.integers(0, 5000))
@example(["<!DOCTYPE html>", "\n", "a", "\n", "b", "\n", "<html lang='x'/>"], 0)  # the fourth line: repaired
@example(["a", "\n", "b", "\n", "c", "\n", "d", "\n", "<html/>"], 0)  # the fifth: not
@example(["x", "\n", "<html/>"], 4090)  # past the first 4,096 characters: not
def test_the_repairs_are_trafilaturas(pieces: list[str], padding: int) -> None:
    """Doctypes, self-closing html tags, line breaks of every kind, control characters anywhere,
    and lines that cross the 4,096 characters trafilatura looks at: the string its repair gives."""
    html = "".join(pieces).replace("x", "x" * padding, 1)
    beginning = html[:50].lower()
    assert _repaired(html, beginning) == repair_faulty_html(html, beginning)


def test_the_characters_looked_for_are_the_ones_trafilatura_deletes() -> None:
    deleted = {code for code in range(0x110000) if INVALID_XML_CHARS.match(chr(code))}
    assert {ord(char) for char in _INVALID_XML} == deleted


def test_bench_pages_are_repaired_alike() -> None:
    """Every page of the extraction bench (skipped without ../shared)."""
    bench = needs_shared("bench", "extraction")
    for path in sorted(bench.glob("**/html/*.html*")):
        data = path.read_bytes()
        html = (gzip.decompress(data) if path.name.endswith(".gz") else data).decode("utf-8", "replace")
        assert _repaired(html, html[:50].lower()) == repair_faulty_html(html, html[:50].lower()), path.name
