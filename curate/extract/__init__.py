"""Page extraction: HTML to article text and metadata, through trafilatura."""

from curate.extract.html import NAME, VERSION, extract_html, page_tree

__all__ = ["NAME", "VERSION", "extract_html", "page_tree"]
