"""CSV files, streamed record by record.

Records are split off the byte stream by Python csv's own quoting rules (a quote opens a field
only at its start; inside, a doubled quote is a quote), then each record alone is decoded (UTF-8)
and parsed by `csv`. So a record keeps its exact bytes as evidence, a bad record (undecodable,
one cell too many, a field larger than `max_document_bytes`) is one reject and the records after
it are read, and memory never holds more than one record's first `max_document_bytes`.

A quote opened and never closed runs to the end of the file. When what it swallowed fits in
memory, its first line is rejected and the rest is split again; otherwise the whole rest is one
reject. (Inside that rest every run of quotes is doubled, so no field of it can stay open again.)
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from curate.config import ReadersConfig
from curate.document import RawDoc, failed, too_large
from curate.errors import ConfigError
from curate.readers.fields import doc_from_record
from curate.readers.files import BoundedStream, byte_count

FORMAT = "csv"
_START, _UNQUOTED, _QUOTED, _QUOTE_SEEN = range(4)


class _RecordEnd:
    """End finder of a CSV record: just past the newline that ends it outside quotes.
    `open_quote` says whether the stream ended inside a quoted field."""

    def __init__(self, delimiter: bytes) -> None:
        self._stops = re.compile(re.escape(delimiter) + b"|\n")
        self._state = _START

    @property
    def open_quote(self) -> bool:
        return self._state == _QUOTED

    def __call__(self, buffer: bytes, pos: int) -> int | None:
        while pos < len(buffer):
            if self._state == _START:
                if buffer[pos] == ord('"'):
                    self._state, pos = _QUOTED, pos + 1
                else:
                    self._state = _UNQUOTED
            elif self._state == _UNQUOTED:
                found = self._stops.search(buffer, pos)
                if found is None:
                    return None
                self._state, pos = _START, found.end()
                if found.group() == b"\n":
                    return pos
            elif self._state == _QUOTED:
                quote = buffer.find(b'"', pos)
                if quote < 0:
                    return None
                self._state, pos = _QUOTE_SEEN, quote + 1
            elif buffer[pos] == ord('"'):  # a doubled quote: still quoted
                self._state, pos = _QUOTED, pos + 1
            else:  # the field's quote closed; csv keeps what follows up to the delimiter
                self._state = _UNQUOTED
        return None


@dataclass(frozen=True, slots=True)
class _Record:
    data: bytes  # the first bytes kept
    size: int
    reason: str | None = None  # why it cannot be parsed, if known while splitting
    problem: str = ""


def _records(stream: BoundedStream, delimiter: bytes, keep: int) -> Iterator[_Record]:
    """Every record of `stream` (blank lines skipped), recovering from an unclosed quote."""
    ends = _RecordEnd(delimiter)
    while True:
        piece = stream.take(ends, keep)
        if stream.failure is not None and not piece.ended:
            if piece.size:
                yield _Record(piece.data, piece.size, stream.failure.reason, str(stream.failure))
            return
        if piece.data in (b"\n", b"\r\n"):
            continue
        if not piece.size:
            return
        if piece.ended or not ends.open_quote:
            yield _Record(piece.data, piece.size)
            continue
        if piece.cut:
            yield _Record(piece.data, piece.size, "read_malformed_record",
                          "a quoted field opened in this record is never closed: the rest of the file is this record")
            return
        first, newline, rest = piece.data.partition(b"\n")
        yield _Record(first + newline, len(first + newline), "read_malformed_record",
                      "a quoted field opened in this record is never closed")
        stream, ends = BoundedStream(io.BytesIO(rest), ""), _RecordEnd(delimiter)  # in memory: it cannot fail


def _cells(data: bytes, delimiter: str) -> list[str]:
    """The cells of one record's bytes; raises UnicodeDecodeError or csv.Error."""
    text = data.decode("utf-8")
    # csv refuses fields over its (process-wide) limit, 128 KiB by default; the record's size is
    # already bounded by max_document_bytes, so lift the limit for this one parse.
    previous = csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    finally:
        csv.field_size_limit(previous)
    if len(rows) != 1:
        raise csv.Error(f"{len(rows)} rows in what should be one record")
    return rows[0]


def read_csv(handle: BinaryIO, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    limit, delimiter = config.max_document_bytes, config.csv_delimiter
    if len(delimiter) != 1 or delimiter in '"\r\n':
        raise ConfigError(f"readers.csv_delimiter must be one character other than a quote or a newline, "
                          f"not {delimiter!r}")
    stream = BoundedStream(handle, uri)
    if stream.peek(3) == codecs.BOM_UTF8:
        stream.take(byte_count(3), 0)
    header: list[str] | None = None
    number = 0
    for record in _records(stream, delimiter.encode(), limit + 1):
        where = uri if header is None else f"{uri}#{number}"
        raw = record.data[:limit]
        raw_size = record.size if record.size > limit else None
        if record.reason is not None:
            yield failed(where, FORMAT, raw, record.reason, f"{where}: {record.problem}", raw_size=raw_size)
        elif record.size > limit:
            yield too_large(where, FORMAT, record.data, record.size, limit)
        else:
            try:
                cells = _cells(record.data, delimiter)
            except UnicodeDecodeError as exc:
                yield failed(where, FORMAT, raw, "read_undecodable", f"{where}: not UTF-8: {exc}")
            except csv.Error as exc:
                yield failed(where, FORMAT, raw, "read_malformed_record", f"{where}: not a CSV record: {exc}")
            else:
                if header is None:
                    header = cells
                    continue
                if len(cells) > len(header):
                    yield failed(where, FORMAT, raw, "read_malformed_record",
                                 f"{where}: the row has {len(cells)} cells, the header {len(header)}")
                else:
                    row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
                    yield doc_from_record(row, config, input_uri=where, input_format=FORMAT, raw=record.data)
        if header is None:  # the header itself failed: nothing after it can be named
            return
        number += 1
