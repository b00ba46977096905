"""A page's HTML -> the lxml tree trafilatura reads, parsed as trafilatura's `load_html` parses it.

Why not `load_html` itself: its parser (`lxml.html.HTMLParser`) picks each element's Python class
through a Python method, called for every element proxy lxml creates, and trafilatura creates
hundreds of thousands of them on a page set. Here the parser has the same options and a class
lookup that stays in C (every element an `HtmlElement`), which makes trafilatura's own work on the
tree 7-10 % cheaper; the text it finds is the same. `tests/extract/test_parse.py` checks that the
trees serialize exactly as `load_html`'s, so a trafilatura release that parses otherwise fails it.
"""

from __future__ import annotations

import lxml.etree as etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, fromstring
from trafilatura.utils import decode_file, is_dubious_html, repair_faulty_html


def _parser() -> etree.HTMLParser:
    """trafilatura's `HTML_PARSER` options, with a lookup that never calls back into Python."""
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                              remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    return parser


_PARSER = _parser()


def _from_bytes(html: str) -> HtmlElement | None:
    """The page parsed from its UTF-8 bytes, which lxml takes when it refuses the str (an XML
    declaration naming an encoding); None when it refuses those too."""
    try:
        return fromstring(html.encode("utf8", "surrogatepass"), parser=_PARSER)
    except Exception:  # noqa: BLE001 - as load_html: a page lxml cannot read has no tree
        return None


def load_page(html: str | bytes) -> HtmlElement | None:
    """`trafilatura.utils.load_html(html)` for a str or bytes page, parsed by `_PARSER`: the same
    repairs, fallbacks and rejection (None for markup that is not HTML). As with `load_html`, the
    element may be a fragment of the document (`lxml.html.fromstring`) rather than its root."""
    text = decode_file(html)
    beginning = text[:50].lower()
    text = repair_faulty_html(text, beginning)
    tree, from_bytes = None, False
    try:
        tree = fromstring(text, parser=_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported."
        tree, from_bytes = _from_bytes(text), True
    except Exception:  # noqa: BLE001 - as load_html: the bytes are tried next
        pass
    if (tree is None or len(tree) < 1) and not from_bytes:
        tree = _from_bytes(text)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree
