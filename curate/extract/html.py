"""HTML page -> article text plus the page's metadata, through trafilatura.

trafilatura finds the main content block; what it leaves (captions, credits, teasers, prompts)
is the boilerplate stage's job, which runs on its output exactly as on plain-text inputs. Each
extracted block becomes a paragraph, so `text` keeps the page's paragraph structure.
"""

from __future__ import annotations

import re

import trafilatura

from curate.document import RawDoc
from curate.errors import DocumentError

NAME = "extract"
VERSION = 1

_AUTHOR_SPLIT = re.compile(r"\s*;\s*")
_FOLD = re.compile(r"\W+")
_BARE_URL = re.compile(r"^\s*https?://\S+\s*$")
_MIN_HEADING_MATCH = 0.5
_MAX_DEK_CHARS = 200  # a longer "description" is usually the lede itself, which is body


def _fold(text: str) -> str:
    return _FOLD.sub("", text).casefold()


def _repeats(line: str, heading: str | None) -> bool:
    """The block is the heading, or most of it ("Opinion | Headline" or "Headline - Site" titles)."""
    if not heading:
        return False
    block, head = _fold(line), _fold(heading)
    return bool(block) and block in head and len(block) >= _MIN_HEADING_MATCH * len(head)


def _strip_leading_headings(lines: list[str], title: str | None, subtitle: str | None) -> list[str]:
    """Drop leading blocks that repeat the headline or the dek, or are a bare URL: the page's
    header printed again above the body; they are kept in `title` / `subtitle` already."""
    while lines and (_BARE_URL.match(lines[0]) or _repeats(lines[0], title)):
        lines = lines[1:]
    if len(lines) > 1 and subtitle and len(subtitle) <= _MAX_DEK_CHARS and _fold(lines[0]) == _fold(subtitle):
        lines = lines[1:]
    return lines


def extract_html(doc: RawDoc) -> RawDoc:
    """Fill `doc.text` and missing metadata from `doc.html`; the document's own fields win."""
    assert doc.html is not None, "extract_html needs an HTML document"
    try:
        page = trafilatura.bare_extraction(doc.html, url=doc.url, include_comments=False,
                                           with_metadata=True, include_tables=True)
    except Exception as exc:  # lxml and trafilatura raise many types on broken markup
        raise DocumentError("extract_failed", f"{doc.input_uri}: HTML extraction failed: {exc!r}") from exc
    if page is None or not (page.text or "").strip():
        raise DocumentError("extract_no_content", f"{doc.input_uri}: the page has no main text block")
    title = doc.title or page.title
    subtitle = doc.subtitle or page.description
    lines = _strip_leading_headings([line for line in page.text.split("\n") if line.strip()], title, subtitle)
    doc.text = "\n\n".join(lines)
    doc.title = title
    doc.subtitle = subtitle
    doc.url = doc.url or page.url
    doc.source_name = doc.source_name or page.sitename
    doc.published = doc.published or page.date
    if not doc.authors and page.author:
        doc.authors = [a for a in _AUTHOR_SPLIT.split(page.author) if a]
    return doc
