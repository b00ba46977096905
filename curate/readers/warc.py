"""WARC archives (gzip or not): each HTML `response` or `resource` record is one page.

Records are framed here, not by warcio: headers are read line by line with a bound, the block by
its Content-Length, keeping at most `max_document_bytes` (plus room for HTTP headers) and skipping
the rest, so neither a huge payload nor a header line without end is ever held whole, and a cut or
corrupt archive ends in one reject (`read_truncated_record`, with the bytes read) for the record
it cut, the records before it kept. warcio only decodes a whole, bounded record in memory (HTTP
headers, chunked transfer, content encodings); whatever it raises is that record's reject.

Every record is counted: an HTML response or resource is a document; any other record (warcinfo,
request, metadata, revisit, a response that is not HTML, ...) is a `NotDocument` of its kind. A
file that does not start with a WARC record header is one `read_not_warc` reject.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from curate.config import ReadersConfig
from curate.document import NotDocument, RawDoc, failed, too_large
from curate.errors import DocumentError
from curate.normalize import decode_bytes
from curate.readers.files import CHUNK, GZIP_MAGIC, BoundedStream, Piece, byte_count, gunzipped, line_end

FORMAT = "warc"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_PAGE_RECORDS = ("response", "resource")
_RECORD_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}
_HEADER_LINE = 64 * 1024
_HEADER_LINES = 1024
_HTTP_HEAD = 64 * 1024  # room kept for a response's HTTP headers beyond max_document_bytes


@dataclass
class _Head:
    """A record's WARC header block: its bytes and its fields (names lower-cased)."""

    raw: bytes
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        kind = self.fields.get("warc-type", "").strip().lower()
        return kind if kind in _RECORD_TYPES else "unknown"


class _Cut(Exception):
    """The archive cannot be read on from here: `reason`, and the bytes read of the record (the
    first of `size` bytes, when more were read than kept)."""

    def __init__(self, reason: str, detail: str, raw: bytes, size: int | None = None) -> None:
        super().__init__(detail)
        self.reason, self.raw, self.size = reason, raw, size


def _fields(lines: list[bytes]) -> dict[str, str]:
    fields: dict[str, str] = {}
    name = None
    for line in lines:
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        if text[:1] in (" ", "\t") and name is not None:  # a folded continuation line
            fields[name] += " " + text.strip()
        elif ":" in text:
            name, _, value = text.partition(":")
            name = name.strip().lower()
            fields[name] = value.strip()
    return fields


def _stream_cut(stream: BoundedStream, raw: bytes, detail: str, size: int | None = None) -> _Cut:
    """The archive ended, or failed, inside a record."""
    failure = stream.failure
    reason = "read_truncated_record" if failure is None or failure.reason == "read_truncated_file" else failure.reason
    return _Cut(reason, f"{detail}: {failure}" if failure else detail, raw, size)


def _head(stream: BoundedStream, first: bool, limit: int) -> _Head | None:
    """The next record's header block; None at the end of the archive."""
    line = stream.take(line_end, _HEADER_LINE)
    while line.ended and not line.data.strip():
        line = stream.take(line_end, _HEADER_LINE)
    if not line.ended and not line.data.strip():  # the end, perhaps in the blank lines after a record
        if stream.failure is not None:
            raise _stream_cut(stream, line.data, "the archive cannot be read on")
        return None
    if not line.ended and b"WARC/".startswith(line.data[:5]):
        raise _stream_cut(stream, line.data, "the archive ends inside a record header")
    if not line.data.startswith(b"WARC/"):
        rest = stream.rest(limit)
        raw, size = (line.data + rest.data)[:limit], line.size + rest.size
        if first:
            raise _Cut("read_not_warc", "not a WARC file: it does not start with a WARC record header", raw, size)
        raise _Cut("read_malformed_record", "expected a WARC record header: the rest of the archive cannot be read",
                   raw, size)
    lines = [line.data]
    while line.ended and line.data.strip():
        if len(lines) > _HEADER_LINES or line.cut:
            raise _Cut("read_malformed_record", "the WARC header block is too long", b"".join(lines))
        line = stream.take(line_end, _HEADER_LINE)
        lines.append(line.data)
    if not line.ended:
        raise _stream_cut(stream, b"".join(lines), "the archive ends inside a record header")
    return _Head(b"".join(lines), _fields(lines[1:]))


def _block(stream: BoundedStream, head: _Head, keep: int) -> Piece:
    """The record's block, its first `keep` bytes kept."""
    length = head.fields.get("content-length", "")
    if not length.isdigit():
        raise _Cut("read_malformed_record", f"no valid Content-Length ({length!r}): the rest of the archive "
                                            f"cannot be split into records", head.raw)
    if int(length) == 0:
        return Piece(b"", 0, ended=True)
    block = stream.take(byte_count(int(length)), keep)
    if not block.ended:
        raise _stream_cut(stream, head.raw + block.data, f"the block has {block.size} of its {length} bytes",
                          len(head.raw) + block.size)
    return block


def _http_head(block: bytes) -> tuple[str, int]:
    """(Content-Type, length of the headers) of an HTTP response, from its first bytes."""
    ends = [(found, len(mark)) for mark in (b"\r\n\r\n", b"\n\n") if (found := block.find(mark)) >= 0]
    end, mark = min(ends, default=(len(block), 0))
    return _fields(block[:end].split(b"\n")[1:]).get("content-type", ""), end + mark


def _is_html(content_type: str) -> bool:
    return content_type.strip().lower().startswith(_HTML_TYPES)


def _payload(head: _Head, block: bytes) -> tuple[str, io.BufferedIOBase]:
    """(content type, decoded payload stream) of a whole record, by warcio."""
    from warcio.archiveiterator import ArchiveIterator

    record = next(iter(ArchiveIterator(io.BytesIO(head.raw + block + b"\r\n\r\n"))))
    if head.kind == "response":
        content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    else:
        content_type = head.fields.get("content-type", "")
    return content_type, record.content_stream()


def _page(head: _Head, block: Piece, where: str, limit: int) -> RawDoc | NotDocument:
    """The document (or not) of a whole response or resource record."""
    url = head.fields.get("warc-target-uri") or None
    if block.cut:  # too large to decode: judge by the declared type, keep the payload's first bytes
        declared, skip = _http_head(block.data) if head.kind == "response" else (head.fields.get("content-type", ""), 0)
        if not _is_html(declared):
            return NotDocument(where, f"{head.kind}_not_html")
        doc = too_large(where, FORMAT, block.data[skip:], block.size - skip, limit)
        doc.url = url
        return doc
    try:
        content_type, payload = _payload(head, block.data)
        if not _is_html(content_type):
            return NotDocument(where, f"{head.kind}_not_html")
        body = payload.read(limit + 1)
        size = len(body)
        while len(body) > limit and (more := payload.read(CHUNK)):  # count what is not kept
            size += len(more)
    except Exception as exc:  # noqa: BLE001 - warcio and the decoders it calls raise anything
        return failed(where, FORMAT, block.data[:limit], "read_malformed_record",
                      f"{where}: the {head.kind} record cannot be decoded: {type(exc).__name__}: {exc}",
                      raw_size=block.size if block.size > limit else None)
    if size > limit:
        doc = too_large(where, FORMAT, body, size, limit)
    else:
        try:
            doc = RawDoc(input_uri=where, input_format=FORMAT, raw=body, html=decode_bytes(body, where))
        except DocumentError as error:
            doc = RawDoc(input_uri=where, input_format=FORMAT, raw=body, error=error)
    doc.url = url
    return doc


def read_warc(handle: BinaryIO, uri: str, config: ReadersConfig) -> Iterator[RawDoc | NotDocument]:
    limit = config.max_document_bytes
    magic = handle.read(len(GZIP_MAGIC))
    handle.seek(0)
    stream = BoundedStream(gunzipped(handle) if magic == GZIP_MAGIC else handle, uri)
    index = 0
    while True:
        where = f"{uri}#{index}"
        try:
            head = _head(stream, index == 0, limit)
            if head is None:
                return
            block = _block(stream, head, limit + _HTTP_HEAD if head.kind in _PAGE_RECORDS else limit)
        except _Cut as cut:
            at = uri if cut.reason == "read_not_warc" else where
            raw = cut.raw[:limit]
            yield failed(at, FORMAT, raw, cut.reason, f"{at}: {cut}",
                         raw_size=cut.size if cut.size is not None and cut.size > len(raw) else None)
            return
        yield _page(head, block, where, limit) if head.kind in _PAGE_RECORDS else NotDocument(where, head.kind)
        index += 1
