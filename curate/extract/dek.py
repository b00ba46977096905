"""The dek (standfirst) the page prints under its headline, for `subtitle`.

trafilatura keeps a printed dek as the first paragraph of the text, and its `description` is the
page's `<meta name="description">`, which may be printed nowhere. Only the page's own markup says
which element is the dek, so this reads it from the parsed page: an element whose class, id or
itemprop names it (`dek`, `standfirst`, `subtitle`, `summary`, `description`, ...) or an `<h2>`
right after the `<h1>`, found among the few elements that follow the first `<h1>` and before the
body's first long paragraph. A meta tag never counts: it has no printed text. Words such as
`intro` or `lede` are left out on purpose: pages use them for the first body paragraph, which is
the article's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, islice

from lxml.html import HtmlElement

_MARKER = re.compile(
    r"(?:^|[\W_])(dek|standfirst|stand-first|subtitle|sub-title|subheadline|sub-headline|subhead|strapline"
    r"|summary|description|alternativeheadline|article-summary)(?:$|[\W_])", re.IGNORECASE)
_ATTRIBUTES = ("class", "id", "itemprop")
_NON_WORD = re.compile(r"\W+")
_BYLINE_MARKER = re.compile(r"author|byline|date|time", re.IGNORECASE)
_BYLINE_TEXT = re.compile(r"^by\s|\b(updated|published)\b|\d{4}[./-]\d{1,2}[./-]\d{1,2}", re.IGNORECASE)
_SCAN = 40  # elements after the <h1> in document order where a dek may start
_MIN_CHARS = 20  # shorter is a label ("Summary"), not a dek
_MAX_CHARS = 400  # longer is a body block that a `summary` class wraps
_BODY_PARAGRAPH = 300  # a <p> this long is the body: the header is over
_SKIP = frozenset({"script", "style", "noscript", "meta", "link", "template", "svg"})
_NOT_A_DEK = ("figure", "figcaption", "nav", "aside", "footer", "form")  # captions and chrome under a headline


def element_words(element: HtmlElement, cap: int = 2 * _MAX_CHARS) -> str:
    """The element's words joined by single spaces, read only until past `cap` characters: a
    wrapper around the whole page is not read through for each element the scan meets."""
    words: list[str] = []
    size = 0
    for piece in element.itertext():
        pieces = piece.split()
        words.extend(pieces)
        size += sum(len(word) + 1 for word in pieces)
        if size > cap:
            break
    return " ".join(words)


def _after_headline(h1: HtmlElement) -> Iterator[HtmlElement]:
    """Elements after the <h1> (not inside it) in document order, `_SCAN` at most: its following
    siblings, then its parent's (a headline wrapped in its own block)."""
    parent = h1.getparent()
    outer = parent.itersiblings() if parent is not None and parent.tag not in {"body", "html"} else iter(())
    following = (inner for top in chain(h1.itersiblings(), outer) for inner in top.iter() if isinstance(inner.tag, str))
    return islice(following, _SCAN)


def _is_marked(element: HtmlElement) -> bool:
    return any(_MARKER.search(element.get(name) or "") for name in _ATTRIBUTES)


def _is_byline(element: HtmlElement, text: str) -> bool:
    """Header blocks named like a dek (`articleHeader--subhead`, `summary_data`) often hold the
    byline and the date instead."""
    return (bool(_BYLINE_TEXT.search(text)) or element.find(".//time") is not None
            or any(_BYLINE_MARKER.search(element.get(name) or "") for name in _ATTRIBUTES))


def _first_h1(tree: HtmlElement) -> HtmlElement | None:
    body = tree.find(".//body")
    for element in (body if body is not None else tree).iter("h1"):
        return element
    return None


def marked_dek(tree: HtmlElement) -> str | None:
    """The text of the element the page marks as the dek under its first headline, or None."""
    h1 = _first_h1(tree)
    if h1 is None:
        return None
    headline = element_words(h1)
    first = True  # no printed text met yet since the <h1>: an <h2> here is its subheading
    for element in _after_headline(h1):
        if element.tag in _SKIP or element.tag in _NOT_A_DEK or next(element.iterancestors(*_NOT_A_DEK), None) is not None:
            continue
        text = element_words(element)
        if element.tag == "p" and len(text) >= _BODY_PARAGRAPH and not _is_marked(element):
            return None
        if (((first and element.tag == "h2") or _is_marked(element)) and _MIN_CHARS <= len(text) <= _MAX_CHARS
                and text != headline and not _is_byline(element, text)):
            return text
        first = first and not (element.text or "").strip()
    return None


def fold(text: str) -> str:
    """`text`'s letters and digits, case-folded: how the page's header lines are compared with
    the headline and the dek, whatever the punctuation and spacing."""
    return _NON_WORD.sub("", text).casefold()


def drop_dek(lines: list[str], dek: str, scan: int = 3) -> list[str]:
    """`lines` without the printed dek among its first `scan` lines (whole, or split over
    consecutive lines), when something else is left."""
    target = fold(dek)
    for start in range(min(scan, len(lines))):
        joined = ""
        for end in range(start, min(start + scan, len(lines))):
            joined += fold(lines[end])
            if joined == target and end + 1 < len(lines):
                return lines[:start] + lines[end + 1:]
            if not target.startswith(joined):
                break
    return lines
