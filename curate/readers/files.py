"""The bytes of a single-document file (a page, an article), gunzipped when it is stored as
`.gz`: crawlers often save pages as `page.html.gz`."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

from curate.errors import DocumentError


def document_bytes(path: Path, uri: str, limit: int) -> bytes:
    """The document in `path`. A gzip file is inflated to at most `limit` + 1 bytes: enough for
    the size check to reject an oversized document without inflating all of it."""
    if not path.name.lower().endswith(".gz"):
        return path.read_bytes()
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read(limit + 1)
    except EOFError as exc:
        raise DocumentError("read_truncated_file", f"{uri}: the gzip stream ends early: {exc}") from exc
    except (OSError, zlib.error) as exc:
        raise DocumentError("read_corrupt_gzip", f"{uri}: not a readable gzip file: {exc}") from exc
