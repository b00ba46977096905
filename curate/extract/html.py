"""HTML page -> article text plus the page's metadata, through trafilatura.

trafilatura finds the main content block; what it leaves (captions, credits, teasers, prompts)
is the boilerplate stage's job, which runs on its output exactly as on plain-text inputs. Each
extracted block becomes a paragraph, so `text` keeps the page's paragraph structure.
"""

from __future__ import annotations

import re

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import Document

from curate.document import RawDoc
from curate.errors import DocumentError
from curate.extract.dek import drop_dek, fold, marked_dek
from curate.extract.page_meta import PageMeta, page_meta
from curate.extract.parse import load_page
from curate.extract.tables import reflow_tables

NAME = "extract"
VERSION = 5  # 2: reworded headlines, their section labels and dek openers dropped too;
# 3: the page's own canonical link / og:url and og:site_name when trafilatura finds none;
# 4: layout tables as paragraphs, data tables as Markdown; the dek the page marks goes to `subtitle`;
# 5: metadata read from the page's own tags and JSON-LD (`page_meta`), not trafilatura's

_BARE_URL = re.compile(r"^\s*https?://\S+\s*$")
_MIN_HEADING_MATCH = 0.5
_MAX_DEK_CHARS = 200  # a longer "description" is usually the lede itself, which is body
_HEADING_SCAN = 3  # the page's headline is printed among its first blocks, if at all
_KICKER_WORDS = 3  # a section label above the headline ("Review", "immunology")
_TITLE_SHARE = 0.8  # share of the title's words a reworded headline keeps
_TITLE_STRETCH = 2.0  # ... and at most this many times the title's length
_WORD = re.compile(r"\w+")
_SENTENCE_END = ".!?"


def _repeats(line: str, heading: str | None) -> bool:
    """The block is the heading, or most of it ("Opinion | Headline" or "Headline - Site" titles)."""
    if not heading:
        return False
    block, head = fold(line), fold(heading)
    return bool(block) and block in head and len(block) >= _MIN_HEADING_MATCH * len(head)


def _rewords(line: str, title: str | None) -> bool:
    """The block is the headline as the page prints it, which may differ from the `<title>` in
    a few words ("HS Roundup: ..." / "High School Roundup: ..."): no sentence ending, most of the
    title's words, and not much longer than the title."""
    if not title or line.rstrip("'\"’”»)")[-1:] in _SENTENCE_END:
        return False
    heading, words = set(_WORD.findall(title.casefold())), _WORD.findall(line.casefold())
    if len(heading) < 4 or len(words) > _TITLE_STRETCH * len(heading):
        return False
    return len(heading.intersection(words)) >= _TITLE_SHARE * len(heading)


def _opens_dek(line: str, subtitle: str | None) -> bool:
    """The block is the dek's first sentence without its full stop (a headline-shaped line)."""
    if not subtitle or line[-1:] in _SENTENCE_END:
        return False
    block, dek = fold(line), fold(re.split(r"(?<=[.!?])\s", subtitle, maxsplit=1)[0])
    return bool(block) and block == dek


def _is_kicker(line: str) -> bool:
    return line.count(" ") < _KICKER_WORDS and line[-1:] not in _SENTENCE_END


def _strip_leading_headings(lines: list[str], title: str | None, subtitle: str | None) -> list[str]:
    """Drop leading blocks that repeat the headline or the dek, or are a bare URL: the page's
    header printed again above the body; they are kept in `title` / `subtitle` already. A short
    section label right above the repeated headline goes with it."""
    size = len(lines)
    while lines and (_BARE_URL.match(lines[0]) or _repeats(lines[0], title)):
        lines = lines[1:]
    for k, line in enumerate(lines[:_HEADING_SCAN] if len(lines) == size else ()):
        if k + 1 < len(lines) and (_repeats(line, title) or _rewords(line, title) or _opens_dek(line, subtitle)):
            lines = lines[k + 1:]
            break
        if not _is_kicker(line):
            break
    if len(lines) > 1 and subtitle and len(subtitle) <= _MAX_DEK_CHARS and fold(lines[0]) == fold(subtitle):
        lines = lines[1:]
    return lines


def _declared(tree: HtmlElement, url: str | None) -> PageMeta:
    """What the page declares about itself; nothing when reading that fails on a stranger's markup:
    the text found stands without it."""
    try:
        return page_meta(tree, url)
    except Exception:  # noqa: BLE001 - optional metadata never costs a page its text
        return PageMeta()


def page_tree(doc: RawDoc) -> HtmlElement:
    """The page parsed once, as trafilatura parses it: the extractor, the page's metadata and dek
    and the record of what was left out (`page_removed`) all read this tree."""
    assert doc.html is not None, "page_tree needs an HTML document"
    try:
        tree = load_page(doc.html)
    except Exception as exc:  # lxml raises many types on broken markup
        raise DocumentError("extract_failed", f"{doc.input_uri}: HTML parsing failed: {exc!r}") from exc
    if tree is None:
        raise DocumentError("extract_failed", f"{doc.input_uri}: not an HTML page (no document tree in it)")
    return tree


def extract_html(doc: RawDoc, tree: HtmlElement, fast: bool = False) -> RawDoc:
    """Fill `doc.text` and missing metadata from the page's `tree` (`page_tree`); the document's
    own fields win. `fast` skips trafilatura's fallback extractors (`[extract] fast`)."""
    try:
        page = trafilatura.bare_extraction(tree, url=doc.url, include_comments=False, include_tables=True, fast=fast)
        dek = marked_dek(tree)  # trafilatura copied the tree: it reads the page as parsed
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise DocumentError("extract_failed", f"{doc.input_uri}: HTML extraction failed: {exc!r}") from exc
    if not isinstance(page, Document) or not (page.text or "").strip():  # None, or a dict we did not ask for
        raise DocumentError("extract_no_content", f"{doc.input_uri}: the page has no main text block")
    meta = _declared(tree, doc.url)
    title = doc.title or meta.title
    subtitle = doc.subtitle or dek or meta.subtitle
    lines = reflow_tables([line for line in (page.text or "").split("\n") if line.strip()])
    lines = _strip_leading_headings(lines, title, subtitle)
    if dek and subtitle == dek:
        lines = drop_dek(lines, dek)
    doc.text = "\n\n".join(lines)
    doc.title = title
    doc.subtitle = subtitle
    doc.url = doc.url or meta.url
    doc.source_name = doc.source_name or meta.site_name
    doc.published = doc.published or meta.published
    doc.authors = doc.authors or list(meta.authors)
    return doc
