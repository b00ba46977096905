"""What a page's JSON-LD (`<script type="application/ld+json">`) says about its article.

Only a few plain facts are read (headline, description, authors, publisher, address), from the
node that describes the article; the page is someone else's and its JSON is often broken, a list,
a `@graph`, nested or huge, so every step is bounded and anything unexpected is skipped, never
raised.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

_MAX_SCRIPT_CHARS = 200_000  # an article's JSON-LD is a few kB; larger is a data dump
_MAX_NODES = 2_000  # objects looked at over all of a page's scripts
_ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                            "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
                            "liveblogposting", "scholarlyarticle", "techarticle", "report", "socialmediaposting"})
_PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage"})


@dataclass(frozen=True, slots=True)
class ArticleFacts:
    """Raw strings as the page wrote them (markup and entities included): the caller cleans them."""

    headline: str | None = None
    description: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    publisher: str | None = None


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def _nodes(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object of the page's JSON-LD scripts, breadth first, `_MAX_NODES` at most."""
    seen = 0
    for script in tree.iter("script"):
        if seen >= _MAX_NODES:
            return  # the budget is spent: later scripts are not parsed for nothing
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if not text.strip() or len(text) > _MAX_SCRIPT_CHARS:
            continue
        try:
            queue: deque[Any] = deque([json.loads(text, strict=False)])
        except (ValueError, RecursionError):  # broken, or nested past the decoder's recursion limit
            continue
        while queue and seen < _MAX_NODES:
            value = queue.popleft()
            if isinstance(value, list):
                queue.extend(value)
            elif isinstance(value, dict):
                seen += 1
                yield value
                queue.extend(v for v in value.values() if isinstance(v, (list, dict)))


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _text(value.get("name"))
    return None


def _names(value: Any) -> tuple[str, ...]:
    """Author names from a string, a Person / Organization object, or a list of them."""
    values = value if isinstance(value, list) else [value]
    return tuple(name for name in (_text(v) for v in values[:20]) if name)


def article_facts(tree: HtmlElement) -> ArticleFacts:
    """The facts of the page's article node (or its web page node, when it has no article)."""
    article: dict[str, Any] | None = None
    page: dict[str, Any] | None = None
    for node in _nodes(tree):
        kinds = _types(node)
        if article is None and kinds & _ARTICLE_TYPES:
            article = node
            break
        if page is None and kinds & _PAGE_TYPES:
            page = node
    chosen = article if article is not None else page
    if chosen is None:
        return ArticleFacts()
    url = chosen.get("url") or chosen.get("@id")
    return ArticleFacts(headline=_text(chosen.get("headline")) or _text(chosen.get("name")),
                        description=_text(chosen.get("description")), url=url if isinstance(url, str) else None,
                        authors=_names(chosen.get("author")), publisher=_text(chosen.get("publisher")))
