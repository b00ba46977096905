"""Record files, JSON Lines here (optionally gzip); JSON, CSV and Parquet in their own modules.

Each record becomes one document; a record that cannot be parsed becomes an error document
naming the file and record, and reading goes on with the next one. Lines are read with a bound:
a line longer than `max_document_bytes` is a `read_too_large` reject keeping its first bytes, and
the rest of it is skipped, never held in memory.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, BinaryIO

from curate.config import ReadersConfig
from curate.document import RawDoc, failed, too_large
from curate.readers.fields import doc_from_record
from curate.readers.files import BoundedStream, line_end

FORMAT = "jsonl"


def canonical_bytes(record: Mapping[str, Any]) -> bytes:
    """A record's bytes for the rejects, when the file holds no bytes of its own for it (Parquet,
    Hugging Face rows): canonical JSON, whatever the values hold."""
    return json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8", "backslashreplace")


def parse_object(data: bytes, where: str, input_format: str, config: ReadersConfig, *,
                 complete: bool = True, label: str | None = None) -> RawDoc:
    """The document of one JSON object's bytes; an error document when they are not one
    (`complete` False: the file ends inside them). Messages name the record `label` (default
    `where`)."""
    label = label or where
    try:
        record = json.loads(data)
    except RecursionError:
        return failed(where, input_format, data, "read_malformed_record", f"{label}: nested too deeply to read")
    except ValueError as exc:  # UnicodeDecodeError included
        if complete:
            return failed(where, input_format, data, "read_malformed_record", f"{label}: not a JSON object: {exc}")
        return failed(where, input_format, data, "read_truncated_record",
                      f"{label}: the file ends inside this record: {exc}")
    if not isinstance(record, dict):
        return failed(where, input_format, data, "read_malformed_record",
                      f"{label}: not a JSON object: expected a JSON object, got {type(record).__name__}")
    return doc_from_record(record, config, input_uri=where, input_format=input_format, raw=data)


@dataclass(frozen=True, slots=True)
class JsonLine:
    """One JSON Lines record as read, not yet decoded: the build decodes and maps it where the
    document is prepared (in a worker), so reading a corpus costs the parent only line splitting."""

    input_uri: str  # the file's uri, plus `#<record number>`
    number: int  # 0-based, blank lines not counted
    raw: bytes  # the line, with its newline if it had one (at most max_document_bytes + 1 bytes)
    id_uri: str | None = None  # RawDoc.id_uri

    input_format = FORMAT

    def load(self, config: ReadersConfig) -> RawDoc:
        """The document, or an error document when the line is not a JSON object."""
        doc = parse_object(self.raw, self.input_uri, FORMAT, config, complete=self.raw.endswith(b"\n"),
                           label=f"{self.input_uri} (line {self.number + 1})")
        doc.id_uri = self.id_uri
        if doc.error is None:
            doc.raw = doc.raw.rstrip(b"\r\n")
        return doc


def jsonl_lines(handle: BinaryIO, uri: str, config: ReadersConfig) -> Iterator[JsonLine | RawDoc]:
    """The records of a JSON Lines stream undecoded; error documents for over-long lines and
    for a stream that fails (a cut gzip file), with the bytes read of the record it cut."""
    limit = config.max_document_bytes
    stream = BoundedStream(handle, uri)
    number = 0
    while True:
        line = stream.take(line_end, limit + 1)
        where = f"{uri}#{number}"
        if stream.failure is not None and not line.ended:
            yield failed(where, FORMAT, line.data[:limit], stream.failure.reason,
                         f"{where}: {stream.failure} (after {number} records)")
            return
        if not line.data.strip() and not line.cut:
            if not line.ended:
                return
            continue
        length = line.size - (1 if line.ended else 0)  # the newline is not the record's
        yield too_large(where, FORMAT, line.data, length, limit) if length > limit else JsonLine(where, number, line.data)
        number += 1


def read_jsonl(handle: BinaryIO, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    for item in jsonl_lines(handle, uri, config):
        yield item.load(config) if isinstance(item, JsonLine) else item
