"""What a reader hands to the pipeline: one raw document and where it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from curate.errors import DocumentError


@dataclass(slots=True)
class RawDoc:
    """One document as read, before any processing.

    Exactly one of `text` (already-extracted text) and `html` (a page) is set, unless the reader
    failed, in which case `error` says why and `raw` keeps whatever bytes there were, so the
    document can go to the rejects with nothing lost. `input_uri` is the file relative to its
    input root, plus `#<n>` (0-based record number) for files holding several documents.
    `raw_size` is the document's full size when `raw` holds only its first bytes because the
    reader cut it (None when `raw` is the whole document).
    """

    input_uri: str
    input_format: str
    raw: bytes
    text: str | None = None
    html: str | None = None
    title: str | None = None
    subtitle: str | None = None
    url: str | None = None
    source_name: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    error: DocumentError | None = None
    raw_size: int | None = None
