"""WARC archives (gzip or not): each HTML `response` record is one page, via warcio.

Records that are not responses (warcinfo, request, metadata) are not documents and are skipped;
a response that is not HTML is rejected (`read_not_html`) so it is still counted. A truncated
archive yields the records before the cut and one error document for the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from curate.document import RawDoc
from curate.errors import DocumentError
from curate.normalize import decode_bytes

FORMAT = "warc"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _truncated(uri: str, index: int, rest: bytes, detail: str) -> RawDoc:
    where = f"{uri}#{index}"
    error = DocumentError("read_truncated_record", f"{where}: archive is truncated or corrupt at record {index}: {detail}")
    return RawDoc(input_uri=where, input_format=FORMAT, raw=rest, error=error)


def read_warc(path: Path, uri: str) -> Iterator[RawDoc]:
    done = -1  # index of the last record read whole: a failure is charged to the next one
    with path.open("rb") as handle:
        records = ArchiveIterator(handle)
        try:
            for number, record in enumerate(records):
                where = f"{uri}#{number}"
                if record.rec_type != "response":
                    done = number
                    continue
                target = record.rec_headers.get_header("WARC-Target-URI")
                content_type = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
                body = record.content_stream().read()
                if record.http_headers and record.http_headers.total_len + len(body) < record.length:
                    # warcio hands back a cut payload without complaint: compare with the header.
                    yield _truncated(uri, number, body, f"payload has {len(body)} bytes, "
                                     f"the record header promises {record.length - record.http_headers.total_len}")
                    return
                done = number
                if not content_type.lower().startswith(_HTML_TYPES):
                    error = DocumentError("read_not_html",
                                          f"{where}: response for {target} is {content_type or 'untyped'}, not HTML")
                    yield RawDoc(input_uri=where, input_format=FORMAT, raw=b"", url=target, error=error)
                    continue
                try:
                    html = decode_bytes(body, where)
                except DocumentError as error:
                    yield RawDoc(input_uri=where, input_format=FORMAT, raw=body, url=target, error=error)
                    continue
                yield RawDoc(input_uri=where, input_format=FORMAT, raw=body, html=html, url=target)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            yield _truncated(uri, done + 1, b"", str(exc))
            return
        # warcio ends quietly on a cut gzip member: bytes left after the last record mean a cut.
        handle.seek(records.offset)
        rest = handle.read()
        if rest:
            yield _truncated(uri, done + 1, rest, f"{len(rest)} bytes after the last whole record")
