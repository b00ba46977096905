"""JSON files: an array of records, or one record, streamed.

The array is split into its elements by a scanner that tracks only strings and brackets, so the
file is never held whole, an element costs at most `max_document_bytes` of memory (a larger one
is a `read_too_large` reject keeping its first bytes), and each element is parsed on its own: a
broken element is one reject and the elements after it are read; nesting too deep for the
parser is a reject too, not a `RecursionError`. Each element keeps its own bytes as evidence.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import BinaryIO

from curate.config import ReadersConfig
from curate.document import RawDoc, failed, too_large
from curate.readers.files import BoundedStream, EndFinder, byte_count
from curate.readers.records import parse_object

FORMAT = "json"
_NOT_SPACE = re.compile(rb"[^ \t\r\n]")
_STRUCTURE = re.compile(rb'["\[\]{},]')
_STRING_STOP = re.compile(rb'["\\]')
_UTF16_OR_32 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _space_end(buffer: bytes, start: int) -> int | None:
    found = _NOT_SPACE.search(buffer, start)
    return None if found is None else found.start()


def _element_end() -> EndFinder:
    """End finder of an array element: the index of the `,` or `]` after it (not consumed)."""
    depth, in_string, escaped = 0, False, False

    def end(buffer: bytes, start: int) -> int | None:
        nonlocal depth, in_string, escaped
        pos = start
        while pos < len(buffer):
            if escaped:
                escaped, pos = False, pos + 1
                continue
            found = (_STRING_STOP if in_string else _STRUCTURE).search(buffer, pos)
            if found is None:
                return None
            pos, char = found.start(), buffer[found.start()]
            if in_string:
                escaped, in_string = char == ord("\\"), char != ord('"')
            elif char == ord('"'):
                in_string = True
            elif char in b"[{":
                depth += 1
            elif depth == 0 and char in b",]":
                return pos
            elif char in b"]}":
                depth = max(depth - 1, 0)
            pos += 1
        return None

    return end


def read_json(handle: BinaryIO, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    limit = config.max_document_bytes
    stream = BoundedStream(handle, uri)
    if stream.peek(3) == codecs.BOM_UTF8:
        stream.take(byte_count(3), 0)
    head = stream.peek(4)
    if head.startswith(_UTF16_OR_32) or b"\x00" in head:
        rest = stream.rest(limit)
        yield failed(uri, FORMAT, rest.data, "read_undecodable", f"{uri}: JSON in UTF-16 or UTF-32; only UTF-8 is read",
                     raw_size=rest.size if rest.cut else None)
        return
    stream.take(_space_end, 0)
    if stream.peek(1) != b"[":
        whole = stream.rest(limit + 1)
        where = f"{uri}#0"
        if stream.failure is not None:
            yield failed(where, FORMAT, whole.data[:limit], stream.failure.reason, str(stream.failure))
        elif not whole.size:
            yield failed(uri, FORMAT, b"", "read_empty_file", f"{uri}: the input is empty")
        elif whole.size > limit:
            yield too_large(where, FORMAT, whole.data, whole.size, limit)
        else:
            yield parse_object(whole.data, where, FORMAT, config)
        return
    yield from _elements(stream, uri, config)


def _elements(stream: BoundedStream, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    """The records of an array whose `[` is next in `stream`."""
    limit = config.max_document_bytes
    stream.take(byte_count(1), 0)
    number = 0
    while True:
        stream.take(_space_end, 0)
        if stream.peek(1) == b"]":
            stream.take(byte_count(1), 0)
            trailing = stream.rest(limit)
            if trailing.data.strip():
                where = f"{uri}#{number}"
                yield failed(where, FORMAT, trailing.data, "read_malformed_record",
                             f"{where}: {trailing.size} bytes after the array's end",
                             raw_size=trailing.size if trailing.cut else None)
            return
        element = stream.take(_element_end(), limit + 1)
        where = f"{uri}#{number}"
        if stream.failure is not None and not element.ended:
            yield failed(where, FORMAT, element.data[:limit], stream.failure.reason,
                         f"{where}: {stream.failure} (after {number} records)")
            return
        if not element.ended and not element.data.strip():
            yield failed(where, FORMAT, b"", "read_truncated_file", f"{where}: the file ends before the array is closed")
            return
        if element.size > limit:
            yield too_large(where, FORMAT, element.data, element.size, limit)
        else:
            yield parse_object(element.data, where, FORMAT, config, complete=element.ended)
        number += 1
        if not element.ended:
            return
        if stream.peek(1) == b",":
            stream.take(byte_count(1), 0)
