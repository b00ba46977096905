"""What the extractor left out of a page is recorded as typed spans, and nothing it kept changes;
hostile pages stay bounded."""

from __future__ import annotations

import pickle
import time

import lxml.etree
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.html import HtmlElement

from curate.boilerplate import reconstruct
from curate.boilerplate.page import extracted_ratio, is_page_rule
from curate.config import Config
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.extract.parse import load_page
from curate.extract.removed import _BLOCKS, _INVISIBLE, _hidden, _own_hint, _page_blocks, page_removed
from curate.pipeline.document import PipelineContext, annotate_raw

BODY = [
    "The port authority approved a plan on Tuesday to dredge the northern channel before the winter storms arrive.",
    "Engineers said the work would take eleven weeks and cost about four million dollars in total, officials added.",
    "Fishing crews have complained for two years that the channel silts up faster than the city can clear it.",
    "The mayor said the city would pay for half of the work and ask the state for the rest of the money next month.",
]
LEFTOVERS = ["Photo: Reuters", "Read more: Harbor dredging costs soar"]  # kept by the extractor, cut by the line stage
TITLE = "Port Approves Channel Dredging Plan for the Winter Season"
CHROME = {
    "navigation": "<nav class='site-nav'><ul><li><a href='/'>Home</a></li><li><a href='/port'>Port</a></li>"
                  "<li><a href='/city'>City Hall</a></li><li><a href='/sport'>Sport</a></li></ul></nav>",
    "cookie_consent": "<div id='cookie-banner'><p>We use cookies to improve your experience on our site and to "
                      "show you relevant advertising.</p><button>Accept all</button></div>",
    "sidebar": "<aside><h3>Tide tables</h3><p>High water 06:12 and 18:40, low water 00:05 and 12:30.</p></aside>",
    "newsletter": "<div class='newsletter-signup'><p>The morning briefing, in your inbox before seven.</p></div>",
    "share_widget": "<div class='share-tools'><a>Facebook</a> <a>Twitter</a> <a>Email</a></div>",
    "comments": "<section id='comments'><h3>3 comments</h3><div class='comment'><p>About time they did "
                "something, the channel has been a mess since the last storm season.</p></div></section>",
}


def page(chrome: dict[str, str] = CHROME, body: list[str] = BODY) -> str:
    article = "".join(f"<p>{p}</p>" for p in body[:2] + LEFTOVERS + body[2:])
    return (f"<html><head><title>{TITLE}</title></head><body>{chrome.get('cookie_consent', '')}"
            f"<header>{chrome.get('navigation', '')}</header><main><article><h1>{TITLE}</h1>{article}"
            f"{chrome.get('share_widget', '')}</article>{chrome.get('newsletter', '')}{chrome.get('sidebar', '')}"
            f"{chrome.get('comments', '')}</main><footer><p>© 2024 Harbor Gazette. All rights reserved.</p>"
            f"</footer></body></html>")


def _row(html: str, config: Config | None = None) -> dict:
    ctx = PipelineContext.create(config or Config())
    return annotate_raw(RawDoc(input_uri="page.html", input_format="html", raw=html.encode(), html=html), ctx)


def test_each_part_of_the_page_is_a_span_of_its_kind() -> None:
    row = _row(page())
    left_out = [s for s in row["boilerplate"] if is_page_rule(s["rule"])]
    kinds = {s["text"].strip(): s["kind"] for s in left_out}
    assert kinds["Home"] == kinds["City Hall"] == "navigation"
    assert kinds["Accept all"] == "cookie_consent"
    assert kinds["We use cookies to improve your experience on our site and to show you relevant advertising."] \
        == "cookie_consent"
    assert kinds["High water 06:12 and 18:40, low water 00:05 and 12:30."] == "sidebar"
    assert kinds["The morning briefing, in your inbox before seven."] == "newsletter"
    assert kinds["Facebook Twitter Email"] == "share_widget"
    assert kinds["3 comments"] == "comments"
    assert kinds["© 2024 Harbor Gazette. All rights reserved."] == "legal_footer"
    assert TITLE not in kinds, "the headline is the row's title, not a removed part of the page"
    for kind in CHROME:
        assert row["flags"][kind], kind
    assert row["text"] == "\n\n".join(BODY)
    document = reconstruct(row["text"], row["boilerplate"])
    assert row["boilerplate_ratio"] == pytest.approx(1 - len(row["text"]) / len(document))
    assert row["boilerplate_ratio"] > 0.3
    line_stage = {s["text"].strip(): s["kind"] for s in row["boilerplate"] if not is_page_rule(s["rule"])}
    assert line_stage == {"Photo: Reuters": "credit", "Read more: Harbor dredging costs soar": "teaser"}
    assert extracted_ratio(row["text"], row["boilerplate"]) == pytest.approx(
        sum(len(s["text"]) for s in row["boilerplate"] if not is_page_rule(s["rule"])) / len(
            "\n\n".join(BODY[:2] + LEFTOVERS + BODY[2:])))


def test_the_kept_text_is_what_it_was_without_recording() -> None:
    html = page()
    recorded = _row(html)
    unrecorded = _row(html, Config(boilerplate={"max_page_removed_chars": 0}))
    assert not any(is_page_rule(s["rule"]) for s in unrecorded["boilerplate"])
    assert [s for s in recorded["boilerplate"] if not is_page_rule(s["rule"])] != []
    for field in ("text", "content_hash", "claims", "quality", "language", "language_score"):
        assert recorded[field] == unrecorded[field], field


def test_the_policy_judges_the_extracted_text_not_the_page() -> None:
    menu = "<nav><ul>" + "".join(f"<li><a href='/{i}'>Section number {i}</a></li>" for i in range(600)) + "</ul></nav>"
    row = _row(page({"navigation": menu}))
    assert row["boilerplate_ratio"] > 0.95
    from curate import policy

    assert policy.drop_reason(row, Config().policy) is None


def test_a_huge_menu_is_cut_fairly_and_quickly() -> None:
    menu = "<nav><ul>" + "".join(f"<li><a href='/{i}'>Menu item {i}</a></li>" for i in range(100_000)) + "</ul></nav>"
    html = page({**CHROME, "navigation": menu})
    start = time.perf_counter()
    blocks = page_removed(load_page(html), "\n\n".join(BODY), TITLE, None, 5_000)
    assert time.perf_counter() - start < 10
    assert sum(len(b.text) for b in blocks) <= 5_000
    kinds = {b.verdict.kind for b in blocks}
    assert {"navigation", "comments", "sidebar", "cookie_consent"} <= kinds, "the menu does not crowd out the rest"


def test_deeply_nested_markup_does_not_crash() -> None:
    html = page({"sidebar": "<aside>" + "<div>" * 50_000 + "deep text" + "</div>" * 50_000 + "</aside>"})
    blocks = page_removed(load_page(html), "\n\n".join(BODY), TITLE, None, 20_000)
    assert all("\n" not in b.text for b in blocks)
    _row(html)  # the whole way: extraction, recording, spans


@pytest.mark.parametrize("html", ["", "   ", "<<<>>>", "\x00\x01", "<?xml version='1.0' encoding='latin-1'?><p>x</p>",
                                  "<html><body><p>only</p></body></html>"])
def test_odd_pages_give_blocks_or_nothing(html: str) -> None:
    blocks = page_removed(load_page(html), "Some kept text.", None, None, 20_000)
    assert all(b.text and "\n" not in b.text and b.at in (0, len("Some kept text.")) for b in blocks)


@pytest.mark.parametrize("html", [
    "<html><body><nav><a>Home</a><a>News</a></nav><footer>© 2024</footer></body></html>",
    "<html><body>" + "<div class='menu'><a>Item</a></div>" * 5_000 + "</body></html>",
    "<html><body><table>" + "<tr><td>1</td><td>2</td></tr>" * 5_000 + "</table></body></html>",
])
def test_a_page_with_no_article_is_rejected_or_consistent(html: str) -> None:
    try:
        row = _row(html, Config(boilerplate={"max_page_removed_chars": 2_000}))
    except DocumentError:
        return
    document = reconstruct(row["text"], row["boilerplate"])
    assert len(document) == len(row["text"]) + sum(len(s["text"]) for s in row["boilerplate"])
    assert sum(len(s["text"].strip()) for s in row["boilerplate"] if is_page_rule(s["rule"])) <= 2_000


def test_blocks_of_one_verdict_share_it_through_a_checkpoint() -> None:
    """A page's hundreds of left-out blocks hold a few verdicts: each is one object, so the
    checkpoint pickles it once and reading the batch back builds it once; the blocks are equal."""
    blocks = page_removed(load_page(page()), "\n\n".join(BODY), TITLE, None, 20_000)
    again = pickle.loads(pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == blocks
    for found in (blocks, again):
        objects = {b.verdict: {id(c.verdict) for c in found if c.verdict == b.verdict} for b in found}
        assert len(objects) < len(found) and all(len(ids) == 1 for ids in objects.values())


def _blocks_by_recursion(root: HtmlElement) -> list[tuple[str, object]]:
    """The blocks of a tree as the rule says, written the plain way (recursion, each element's
    hint passed down): a block ends where a visible block element starts (in its parent's hint) or
    ends (in its own); an invisible or hidden element's text is skipped, its tail is not."""
    blocks: list[tuple[str, object]] = []
    pieces: list[str] = []

    def flush(hint: object) -> None:
        text = " ".join("".join(pieces).split())
        pieces.clear()
        if text:
            blocks.append((text, hint))

    def visit(element: HtmlElement, inherited: object) -> None:
        if pieces and element.tag in _BLOCKS:
            flush(inherited)
        if not isinstance(element.tag, str) or element.tag in _INVISIBLE or _hidden(element):
            return
        own = _own_hint(element.tag, element.attrib) or inherited
        pieces.append(element.text or "")
        for child in element:
            visit(child, own)
            pieces.append(child.tail or "")
        if pieces and element.tag in _BLOCKS:
            flush(own)

    visit(root, None)
    flush(None)
    return blocks


_TAGS = ["div", "p", "span", "a", "b", "nav", "aside", "li", "ul", "br", "script", "figcaption", "section", "h2"]
_ATTRIBUTES = ["", " class='menu'", " id='comments'", " class='share-tools'", " hidden", " style='display: none'",
               " aria-hidden='true'", " role='navigation'", " class='sidebarWidget'", " class='byline'"]
_WORDS = st.sampled_from(["Home", "News", "The port said", "  ", "tides", "Reuters", "&amp; more", "\u00e9t\u00e9"])


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        if draw(st.booleans()):
            parts.append(draw(_WORDS))
        else:
            tag, attributes = draw(st.sampled_from(_TAGS)), draw(st.sampled_from(_ATTRIBUTES))
            parts.append(f"<{tag}{attributes}>{draw(_markup(depth + 1))}</{tag}>")
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_markup())
def test_the_walk_cuts_the_blocks_the_rule_says(body: str) -> None:
    """The one-pass walk over the tree (a stack, no recursion) against the rule written plainly:
    the same blocks with the same hints, on random nesting of blocks, inline, hidden and invisible
    elements and names that hint."""
    tree = load_page(f"<html><head><title>t</title></head><body>{body}<p>end</p></body></html>")
    assert tree is not None
    root = tree.getroottree().getroot()
    assert [(b.text, b.hint) for b in _page_blocks(root)] == _blocks_by_recursion(root)


def test_a_comment_in_the_tree_is_not_text_but_its_tail_is() -> None:
    """The page parser drops comments; a tree that holds one anyway (another parser, a later
    lxml) gives its tail to the block and not its text."""
    tree = load_page("<html><body><p>Before the note</p><div>Kept words</div></body></html>")
    assert tree is not None
    root = tree.getroottree().getroot()
    comment = lxml.etree.Comment(" ad slot: buy now ")
    comment.tail = " and after it"
    root.find(".//div").append(comment)
    assert [b.text for b in _page_blocks(root)] == ["Before the note", "Kept words and after it"]
    assert _blocks_by_recursion(root) == [(b.text, b.hint) for b in _page_blocks(root)]
