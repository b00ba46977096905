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


def _same(a: str, b: str) -> bool:
    return _FOLD.sub("", a).casefold() == _FOLD.sub("", b).casefold()


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
    lines = [line for line in page.text.split("\n") if line.strip()]
    if lines and title and _same(lines[0], title):
        lines = lines[1:]  # the headline repeated as the first block
    doc.text = "\n\n".join(lines)
    doc.title = title
    doc.subtitle = doc.subtitle or page.description
    doc.url = doc.url or page.url
    doc.source_name = doc.source_name or page.sitename
    doc.published = doc.published or page.date
    if not doc.authors and page.author:
        doc.authors = [a for a in _AUTHOR_SPLIT.split(page.author) if a]
    return doc
