"""The byline a page prints, for pages that declare no author in their tags or JSON-LD.

The elements trafilatura's author search looks at (`rel="author"`, `class="byline"`, `itemprop`
containing "author", ...), the specific ones first; one inside a comment thread or a sidebar
names a commenter or another article's author and does not count. trafilatura runs XPath
queries over a pruned copy of the page, which cost it several milliseconds a page; here one pass
over the tree's elements reads their attributes, and the tree is neither copied nor changed.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from curate.extract.dek import element_words

_SPECIFIC_TAGS = frozenset({"a", "address", "div", "p", "span", "strong"})
_GENERIC_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
_SPECIFIC_CLASSES = ("author-name", "authorname", "AuthorName", "authorName")
_GENERIC_CLASSES = ("author", "submitted-by", "posted-by", "journalist-name")
_ASIDE_CLASSES = ("commentlist", "comments-list", "sidebar")
_MIN_CHARS, _MAX_CHARS = 3, 120  # shorter is an initial or a label, longer is a paragraph


def _is_specific(element: HtmlElement, names: str) -> bool:
    return (element.tag in _SPECIFIC_TAGS
            and (element.get("rel") == "author" or element.get("id") == "author" or names == "author"
                 or element.get("itemprop") == "author name" or any(c in names for c in _SPECIFIC_CLASSES)))


def _is_generic(element: HtmlElement, names: str) -> bool:
    return (element.tag in _GENERIC_TAGS
            and (names in {"byline", "byl"} or "author" in (element.get("itemprop") or "")
                 or "author" in (element.get("id") or "") or any(c in names for c in _GENERIC_CLASSES)))


def _in_aside(element: HtmlElement) -> bool:
    """The element is (inside) a comment thread or a sidebar."""
    for node in (element, *element.iterancestors()):
        names, key = node.get("class") or "", node.get("id") or ""
        if (names.startswith(("comments", "Comments")) or any(c in names for c in _ASIDE_CLASSES)
                or key.startswith("comments") or "commentlist" in key or "comment-list" in key):
            return True
    return False


def _byline_text(element: HtmlElement) -> str | None:
    if _in_aside(element):
        return None
    text = element_words(element, _MAX_CHARS)  # a byline is short: a long block is not read through
    return text if _MIN_CHARS <= len(text) < _MAX_CHARS else None


def printed_byline(tree: HtmlElement) -> str | None:
    """The text of the first byline element (a specific one before a generic one), whitespace
    collapsed; None when the page has none."""
    generic = None
    for element in tree.iter(*_SPECIFIC_TAGS | _GENERIC_TAGS):
        names = element.get("class") or ""
        if _is_specific(element, names) and (text := _byline_text(element)):
            return text
        if generic is None and _is_generic(element, names):
            generic = _byline_text(element)
    return generic
