"""Document identity: the stable `id`, the `content_hash` and the hash-based `split`.

The id hashes the source identity (canonical URL, else the input uri), never the content, so a
corrected article keeps its id and shows up as changed (same id, new content_hash) in a diff. The
split hashes the id, so a document never moves between splits from one version to the next.
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from curate.config import SplitsConfig

NAME = "identity"
VERSION = 1
_TRACKING_PREFIXES = ("utm_", "fbclid", "gclid", "mc_", "ref", "cmpid", "ocid")


def canonical_url(url: str) -> str:
    """Lower-cased scheme and host, no `www.`, fragment or tracking parameters, no trailing `/`."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not k.lower().startswith(_TRACKING_PREFIXES)])
    path = parts.path.rstrip("/") or "/"
    return urlunsplit(((parts.scheme or "https").lower(), host, path, query, ""))


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url.strip()).hostname or "").lower().removeprefix("www.")
    return host or None


def document_id(url: str | None, input_uri: str) -> str:
    """32 hex characters of sha256 over the canonical URL, or the input uri when there is none."""
    identity = f"url:{canonical_url(url)}" if url else f"uri:{input_uri}"
    return hashlib.sha256(identity.encode()).hexdigest()[:32]


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
