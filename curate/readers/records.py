"""Record files: JSON Lines (optionally gzip), JSON, CSV and Parquet, via the config's field map.

Each record becomes one document; a record that cannot be parsed becomes an error document
naming the file and record, and reading goes on with the next one.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curate.config import ReadersConfig
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.readers.fields import doc_from_record


def _canonical_bytes(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, ensure_ascii=False, default=str).encode()


def _bad_record(uri: str, fmt: str, raw: bytes, reason: str, message: str) -> RawDoc:
    return RawDoc(input_uri=uri, input_format=fmt, raw=raw, error=DocumentError(reason, message))


@dataclass(frozen=True, slots=True)
class JsonLine:
    """One JSON Lines record as read, not yet decoded: the build decodes and maps it where the
    document is prepared (in a worker), so reading a corpus costs the parent only line splitting."""

    input_uri: str  # the file's uri, plus `#<record number>`
    number: int  # 0-based, blank lines not counted
    raw: bytes  # the line, with its newline if it had one

    input_format = "jsonl"

    def load(self, config: ReadersConfig) -> RawDoc:
        """The document, or an error document when the line is not a JSON object."""
        line, where = self.raw, self.input_uri
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError(f"expected a JSON object, got {type(record).__name__}")
        except ValueError as exc:
            if line.endswith(b"\n"):
                return _bad_record(where, "jsonl", line, "read_malformed_record",
                                   f"{where} (line {self.number + 1}): not a JSON object: {exc}")
            # the last line, cut off: the file was truncated
            return _bad_record(where, "jsonl", line, "read_truncated_record",
                               f"{where} (line {self.number + 1}): the file ends inside this record: {exc}")
        return doc_from_record(record, config.fields, input_uri=where, input_format="jsonl",
                               raw=line.rstrip(b"\r\n"))


def jsonl_lines(path: Path, uri: str) -> Iterator[JsonLine | RawDoc]:
    """The records of a JSON Lines file (optionally gzip) undecoded, and an error document if the
    compressed stream ends early."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        number = 0
        try:
            for line in handle:
                if line.strip():
                    yield JsonLine(f"{uri}#{number}", number, line)
                    number += 1
        except (EOFError, OSError) as exc:  # a truncated gzip stream
            yield _bad_record(f"{uri}#{number}", "jsonl", b"", "read_truncated_file",
                              f"{uri}: compressed stream ends early after {number} records: {exc}")


def read_jsonl(path: Path, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    for item in jsonl_lines(path, uri):
        yield item.load(config) if isinstance(item, JsonLine) else item


def read_json(path: Path, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    raw = path.read_bytes()
    try:
        data = json.loads(raw)
    except ValueError as exc:
        yield _bad_record(uri, "json", raw, "read_malformed_record", f"{uri}: not valid JSON: {exc}")
        return
    records = data if isinstance(data, list) else [data]
    for number, record in enumerate(records):
        where = f"{uri}#{number}"
        if not isinstance(record, dict):
            yield _bad_record(where, "json", _canonical_bytes({"value": record}),
                              "read_malformed_record", f"{where}: expected a JSON object")
            continue
        yield doc_from_record(record, config.fields, input_uri=where, input_format="json",
                              raw=_canonical_bytes(record))


def read_csv(path: Path, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        yield _bad_record(uri, "csv", raw, "read_undecodable", f"{uri}: CSV is not UTF-8: {exc}")
        return
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=config.csv_delimiter)
    number = 0
    try:
        for number, record in enumerate(reader):
            where = f"{uri}#{number}"
            if None in record:  # more cells than header columns
                yield _bad_record(where, "csv", _canonical_bytes(record), "read_malformed_record",
                                  f"{where}: row has more cells than the header")
                continue
            yield doc_from_record(record, config.fields, input_uri=where, input_format="csv",
                                  raw=_canonical_bytes(record))
    except csv.Error as exc:
        where = f"{uri}#{number}"
        yield _bad_record(where, "csv", b"", "read_malformed_record", f"{where}: {exc}")


def read_parquet(path: Path, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a bad footer
        yield _bad_record(uri, "parquet", b"", "read_malformed_file", f"{uri}: not a readable Parquet file: {exc}")
        return
    number = 0
    for batch in parquet.iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            where = f"{uri}#{number}"
            yield doc_from_record(record, config.fields, input_uri=where, input_format="parquet",
                                  raw=_canonical_bytes(record))
            number += 1
