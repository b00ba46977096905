"""What a reader hands to the pipeline: one raw document and where it came from, or the mark of
a record that is not a document."""

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
    `raw_size` is the document's full size in bytes when `raw` holds only its first bytes because
    the read was cut (at `max_document_bytes`); None when `raw` is the whole document.

    `id_uri` is what the id hashes when the document has no id or url of its own, when it differs
    from `input_uri` (`curate.readers.discovery.id_bases`); `record_id` is the record's own id (the
    `id` field role); `metadata` the record's other fields as a JSON object and `metadata_omitted`
    those left out of it (`curate.readers.metadata`).
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
    id_uri: str | None = None
    record_id: str | None = None
    metadata: str | None = None
    metadata_omitted: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class NotDocument:
    """A record read and counted that holds no document (a WARC request, a non-HTML response):
    the build counts it by `kind` in the manifest and passes nothing on."""

    input_uri: str
    kind: str


def failed(input_uri: str, input_format: str, raw: bytes, reason: str, message: str,
           raw_size: int | None = None) -> RawDoc:
    """An error document keeping the bytes read for it."""
    return RawDoc(input_uri=input_uri, input_format=input_format, raw=raw,
                  error=DocumentError(reason, message), raw_size=raw_size)


def too_large(input_uri: str, input_format: str, head: bytes, size: int, limit: int) -> RawDoc:
    """The `read_too_large` error document of a document of `size` bytes: it keeps the first
    `limit` bytes of `head` (what was read) and says it cut."""
    return failed(input_uri, input_format, head[:limit], "read_too_large",
                  f"{input_uri}: {size} bytes > max_document_bytes {limit}; the first {limit} bytes are kept",
                  raw_size=size)
