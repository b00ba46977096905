"""A page's HTML -> the lxml tree trafilatura reads, parsed as trafilatura's `load_html` parses it.

Why not `load_html` itself: its parser (`lxml.html.HTMLParser`) picks each element's Python class
through a Python method, called for every element proxy lxml creates, and trafilatura creates
hundreds of thousands of them on a page set. Here the parser has the same options and a class
lookup that stays in C (every element an `HtmlElement`), which makes trafilatura's own work on the
tree 7-10 % cheaper; the text it finds is the same. `tests/extract/test_parse.py` checks that the
trees serialize exactly as `load_html`'s, so a trafilatura release that parses otherwise fails it.
The repairs before parsing are trafilatura's too (`_repaired`), with one scan of the page made
cheaper.
"""

from __future__ import annotations

import lxml.etree as etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, fromstring
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, decode_file, is_dubious_html, repair_faulty_html


def _parser() -> etree.HTMLParser:
    """trafilatura's `HTML_PARSER` options, with a lookup that never calls back into Python."""
    parser = etree.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                              remove_comments=True, remove_pis=True)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
    return parser


_PARSER = _parser()
# The characters trafilatura's repair deletes (its `INVALID_XML_CHARS` class), one by one.
_INVALID_XML = tuple(chr(code) for code in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF))


def _repaired(text: str, beginning: str) -> str:
    """`repair_faulty_html(text, beginning)`, the same string. Its first step deletes control
    characters with a character-class regex over the whole page (1.4 ms a 170 KB dev page, the
    costliest step of parsing after libxml2's own); looking for each of those characters with
    `in` takes 0.27 ms, and hardly a page holds one. Such a page gets trafilatura's own call;
    the others its two remaining repairs, which read the first lines only, with its own regexes."""
    if any(char in text for char in _INVALID_XML):
        return repair_faulty_html(text, beginning)
    if "doctype" in beginning:
        first, _, rest = text.partition("\n")
        text = DOCTYPE_TAG.sub("", first, count=1) + "\n" + rest
    for line in text[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", text, count=1)
    return text


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
    text = _repaired(text, beginning)
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
