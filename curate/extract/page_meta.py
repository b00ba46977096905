"""A page's metadata as the page declares it: its `<meta>` tags, `<link rel="canonical">`, JSON-LD
(`curate.extract.json_ld`), `<title>` and `<h1>`, and the date htmldate finds in its markup.

Why not trafilatura's `extract_metadata`: it cost a quarter of trafilatura's time on the bench
pages (about 5 ms a page), most of it a search for bylines over a copy of the page and the page's
categories and tags, which curate does not keep. What a page declares is read here in well under
a millisecond from the tree the extractor is given; a byline printed in the body is read only
when no author tag or JSON-LD names one (`curate.extract.byline`). The date is htmldate's search
of the markup (not of the free text).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from htmldate import find_date
from lxml.html import HtmlElement

from curate.extract.byline import printed_byline
from curate.extract.dek import element_words
from curate.extract.json_ld import article_facts

_MARKUP = re.compile(r"<[^>]*>")
_ABSOLUTE = re.compile(r"https?://[^/\s]+", re.IGNORECASE)
_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/:\s]+)", re.IGNORECASE)
_TITLE_PARTS = re.compile(r"^(.+)?\s+[–•·—|⁄*⋆~‹«<›»>:-]\s+(.+)$")  # "Headline | Site", as trafilatura splits it
_AUTHOR_SPLIT = re.compile(r"\s*(?:[;|&,]|\s(?:and|und)\s)\s*", re.IGNORECASE)
_BY = re.compile(r"^(?:(?:posted|written|published)\s+)?(?:by|von|par|por)\b\s*:?\s*", re.IGNORECASE)
_LABELS = frozenset({"author", "authors", "by", "admin", "staff"})  # a byline element's label, not a name
_NOT_A_NAME = re.compile(r"https?:|www\.|@|\d{3}")
_MAX_CHARS = 1_000  # a value longer than this is not a title, a name or an address
_MAX_NAME_CHARS = 80
_MAX_AUTHORS = 20
_TITLE_KEYS = ("og:title", "twitter:title", "title", "dc.title", "dcterms.title", "citation_title",
               "parsely-title", "sailthru.title", "headline")
_DESCRIPTION_KEYS = ("og:description", "description", "twitter:description", "dc.description", "dcterms.description")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher", "dcterms.publisher",
              "article:publisher", "citation_journal_title")
_AUTHOR_KEYS = ("author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "parsely-author",
                "sailthru.author", "byl", "creator")
_URL_KEYS = ("og:url", "twitter:url")


@dataclass(frozen=True, slots=True)
class PageMeta:
    """Each field None (or empty) when the page does not say; `published` is `YYYY-MM-DD`."""

    title: str | None = None
    subtitle: str | None = None
    url: str | None = None
    site_name: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()


def clean(value: str | None, cap: int = _MAX_CHARS) -> str | None:
    """A declared value as plain text on one line: markup and entities out; None when nothing is
    left or it is too long to be what it claims."""
    if not value:
        return None
    text = " ".join(html.unescape(_MARKUP.sub(" ", value)).split())
    return text if text and len(text) <= cap else None


def _meta_tags(tree: HtmlElement) -> dict[str, list[str]]:
    """Every `<meta>` tag's content by its `property`, `name` or `itemprop` (lower case), in page order."""
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key, []).append(content)
    return found


def _first(metas: dict[str, list[str]], keys: Iterable[str], accept: re.Pattern[str] | None = None) -> str | None:
    for key in keys:
        for value in metas.get(key, ()):
            text = clean(value)
            if text and (accept is None or accept.match(text)):
                return text
    return None


def _plain(metas: dict[str, list[str]], keys: Iterable[str]) -> str | None:
    """The first value that is a name, not an address (`article:publisher` is often a Facebook page)."""
    for key in keys:
        for value in metas.get(key, ()):
            text = clean(value)
            if text and "://" not in text:
                return text
    return None


def _element_text(element: HtmlElement) -> str | None:
    return clean(element_words(element, _MAX_CHARS))  # longer is no title: not read through


def _title_parts(tree: HtmlElement) -> tuple[str | None, tuple[str, ...]]:
    """The `<title>`'s text and its two sides when it is "Headline | Site" (or none)."""
    head = tree.find("head")
    element = head.find(".//title") if head is not None else tree.find(".//title")
    title = _element_text(element) if element is not None else None
    parts = _TITLE_PARTS.match(title) if title else None
    return title, tuple(p for p in (parts.groups() if parts else ()) if p)


def _page_title(tree: HtmlElement) -> str | None:
    """The title of a page that declares none: its only `<h1>`, else its `<title>` without the site's
    name, else its first `<h1>` (trafilatura's order)."""
    body = tree.find("body")
    headings = [h for h in (body if body is not None else tree).iter("h1")][:10]
    if len(headings) == 1 and (text := _element_text(headings[0])):
        return text
    title, parts = _title_parts(tree)
    for candidate in (*parts, title):
        if candidate and "." not in candidate:
            return candidate
    return next((text for h in headings if (text := _element_text(h))), None)


def _title_site_name(tree: HtmlElement) -> str | None:
    """The side of "Headline - Example.com" with a dot in it, as trafilatura guesses a site name
    from the `<title>`: a page that declares nothing else keeps the publisher it had before."""
    return next((part for part in _title_parts(tree)[1] if "." in part), None)


def _address(tree: HtmlElement, metas: dict[str, list[str]], declared: str | None) -> str | None:
    """The canonical link (resolved against the page's `og:url` when relative), else `og:url` /
    `twitter:url`, else the JSON-LD's; absolute http(s) addresses only."""
    base = _first(metas, _URL_KEYS, _ABSOLUTE)
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and (href := clean(link.get("href"))):
            href = f"https:{href}" if href.startswith("//") else _joined(base, href) if base else href
            if _ABSOLUTE.match(href):
                return href
            break
    return base or (declared if declared and _ABSOLUTE.match(declared) else None)


def _joined(base: str, href: str) -> str:
    """`href` resolved against `base`; as written when `base` does not parse ("https://[x/")."""
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def _authors(names: Iterable[str]) -> tuple[str, ...]:
    """Person names: split at `;`, `,`, `&`, `|` and "and"; a leading "By" / "Posted by:" dropped;
    addresses, handles, numbers and labels ("Author") are not names."""
    found: list[str] = []
    for value in names:
        for part in _AUTHOR_SPLIT.split(clean(value) or ""):
            name = _BY.sub("", part).strip(" .:-")
            if (name and len(name) <= _MAX_NAME_CHARS and name.lower() not in _LABELS
                    and not _NOT_A_NAME.search(name) and name not in found):
                found.append(name)
    return tuple(found[:_MAX_AUTHORS])


def _published(tree: HtmlElement, url: str | None) -> str | None:
    try:
        return find_date(tree, url=url, original_date=True, extensive_search=False)
    except Exception:  # noqa: BLE001 - a date parser's failure on a stranger's page is "no date"
        return None


def page_meta(tree: HtmlElement, url: str | None = None) -> PageMeta:
    """What `tree` (a parsed page) declares about itself; `url` is where it was fetched, if known,
    used only to date the page (a date in its address)."""
    metas, facts = _meta_tags(tree), article_facts(tree)
    address = _address(tree, metas, facts.url)
    host = _HOST.match(address or "")
    site_name = (_plain(metas, _SITE_KEYS[:1]) or clean(facts.publisher) or _plain(metas, _SITE_KEYS[1:])
                 or _title_site_name(tree) or (host[1] if host else None))
    return PageMeta(
        title=_first(metas, _TITLE_KEYS) or clean(facts.headline) or _page_title(tree),
        subtitle=_first(metas, _DESCRIPTION_KEYS) or clean(facts.description),
        url=address,
        site_name=site_name,
        published=_published(tree, url or address),
        authors=(_authors(facts.authors) or _authors(v for key in _AUTHOR_KEYS for v in metas.get(key, ()))
                 or _authors([printed_byline(tree) or ""])),
    )
