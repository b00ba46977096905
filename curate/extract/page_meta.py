"""A page's address and site name from its own `<meta>` and `<link rel="canonical">` tags, for
pages whose metadata trafilatura misses (seen on a real page that has `og:site_name`,
`og:url` and a canonical link, yet trafilatura returned no url or site name)."""

from __future__ import annotations

import html
import re

_HEAD_CHARS = 300_000  # the tags sit in <head>; a huge body need not be scanned
_TAG = re.compile(r"<(meta|link)\b([^>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_URL_KEYS = ("og:url", "twitter:url")
_NAME_KEYS = ("og:site_name", "application-name", "publisher")


def _attributes(source: str) -> dict[str, str]:
    return {m[1].lower(): html.unescape(next(v for v in m.groups()[1:] if v is not None)).strip()
            for m in _ATTRIBUTE.finditer(source)}


def address_and_site_name(page: str) -> tuple[str | None, str | None]:
    """(absolute http(s) URL, site name) as the page declares them; None for what it does not."""
    metas: dict[str, str] = {}
    canonical = None
    for tag, source in _TAG.findall(page[:_HEAD_CHARS]):
        attributes = _attributes(source)
        if tag.lower() == "link":
            if canonical is None and "canonical" in attributes.get("rel", "").lower().split():
                canonical = attributes.get("href")
            continue
        key = (attributes.get("property") or attributes.get("name") or "").lower()
        if key and attributes.get("content"):
            metas.setdefault(key, attributes["content"])
    urls = [canonical, *(metas.get(k) for k in _URL_KEYS)]
    url = next((u for u in urls if u and re.match(r"https?://[^/\s]+", u, re.IGNORECASE)), None)
    name = next((metas[k] for k in _NAME_KEYS if metas.get(k) and "://" not in metas[k]), None)
    return url, name
