"""Document identity: the stable `id`, the `content_hash` and the hash-based `split`.

The id hashes the source identity, never the content, so a corrected article keeps its id and
shows up as changed (same id, new content_hash) in a diff. The identity is, first found: the
record's own id (the `id` field role: `id:<value>`), the canonical URL (`url:<url>`), else where
the document sits relative to the input root the user gave (`uri:<path>#<record>`,
`curate.readers.discovery.id_bases`). The prefixes keep the three apart: a record whose id is a
URL is not the page at that URL. The split hashes the id, so a document never moves between
splits from one version to the next.

Version 2: the record id comes first, and a saved dataset given as the input itself is hashed
without its folder's name.
"""

from __future__ import annotations

import hashlib
from urllib.parse import SplitResult, parse_qsl, urlencode, urlsplit, urlunsplit

from curate.config import SplitsConfig

NAME = "identity"
VERSION = 2
_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_", "ref", "cmpid", "ocid")


def _port(parts: SplitResult) -> int | None:
    """The address's port; None when it has none or it is no port ("example.com:abc", 99999)."""
    try:
        return parts.port
    except ValueError:
        return None


def canonical_url(url: str) -> str:
    """Lower-cased scheme and host, no `www.`, fragment or tracking parameters, no trailing `/`;
    an address that does not parse ("https://[x/"), as written."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    port = _port(parts)
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING_PREFIXES)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(((parts.scheme or "https").lower(), host, path, query, ""))


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().removeprefix("www.")
    except ValueError:  # "https://[x/": no host to name
        return None
    return host or None


def document_id(url: str | None, input_uri: str, record_id: str | None = None) -> str:
    """32 hex characters of sha256 over the record's id, else the canonical URL, else the input uri."""
    if record_id is not None:
        identity = f"id:{record_id}"
    else:
        identity = f"url:{canonical_url(url)}" if url else f"uri:{input_uri}"
    return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def assign_split(doc_id: str, splits: SplitsConfig) -> str:
    """train / validation / test by where sha256(salt + id) falls in [0, 1)."""
    point = int(hashlib.sha256(f"{splits.salt}:{doc_id}".encode()).hexdigest()[:13], 16) / 16**13
    if point < splits.train:
        return "train"
    if point < splits.train + splits.validation:
        return "validation"
    return "test"
