"""Parquet files, read row group by row group.

A row group that cannot be read (a corrupt page, a bad encoding), or that gives fewer rows than
the footer declares, costs only the rows it did not give: they become one reject,
`<uri>#<first>-<last>`, keeping the row group's bytes as the footer locates them, and the next
row group is read. A file whose footer cannot be read is one reject keeping
the file's first bytes. Rows are decoded a small batch at a time; a row whose canonical bytes
exceed `max_document_bytes` is a `read_too_large` reject.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any, BinaryIO

from curate.config import ReadersConfig
from curate.document import RawDoc, failed, too_large
from curate.readers.fields import doc_from_record
from curate.readers.records import canonical_bytes

FORMAT = "parquet"
_BATCH_ROWS = 64


def _bytes_at(handle: BinaryIO, start: int, stop: int, limit: int) -> tuple[bytes, int | None]:
    """(up to `limit` bytes of the file from `start`, the span's size when that cut it)."""
    size = max(stop - start, 0)
    data = os.pread(handle.fileno(), min(size, limit), start)
    return data, size if size > len(data) else None


def _group_span(metadata: Any, group: int) -> tuple[int, int]:
    """Where row group `group`'s column chunks lie in the file, by the footer."""
    chunks = [metadata.row_group(group).column(c) for c in range(metadata.num_columns)]
    starts = [min(o for o in (c.dictionary_page_offset, c.data_page_offset) if o is not None and o > 0)
              for c in chunks]
    return min(starts), max(s + c.total_compressed_size for s, c in zip(starts, chunks))


def _lost_rows(handle: BinaryIO, metadata: Any, uri: str, group: int, rows: range, problem: str,
               limit: int) -> RawDoc:
    """The reject of the `rows` of row group `group` that could not be read, keeping its bytes."""
    try:
        raw, raw_size = _bytes_at(handle, *_group_span(metadata, group), limit)
    except Exception:  # noqa: BLE001 - a footer that locates nothing: no bytes to keep
        raw, raw_size = b"", None
    where = f"{uri}#{rows.start}-{rows.stop - 1}"
    return failed(where, FORMAT, raw, "read_malformed_row_group",
                  f"{where}: rows {rows.start} to {rows.stop - 1} (row group {group}) {problem}", raw_size=raw_size)


def row_doc(record: dict[str, Any], where: str, input_format: str, config: ReadersConfig) -> RawDoc:
    """The document of a row read from a columnar file (Parquet, a Hugging Face dataset)."""
    raw = canonical_bytes(record)
    limit = config.max_document_bytes
    if len(raw) > limit:
        return too_large(where, input_format, raw, len(raw), limit)
    return doc_from_record(record, config, input_uri=where, input_format=input_format, raw=raw)


def read_parquet(handle: BinaryIO, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
    import pyarrow.parquet as pq

    limit = config.max_document_bytes
    try:
        parquet = pq.ParquetFile(handle)
        metadata = parquet.metadata
        groups = [metadata.row_group(g).num_rows for g in range(metadata.num_row_groups)]
    except Exception as exc:  # noqa: BLE001 - pyarrow raises several types for a bad footer
        head, size = _bytes_at(handle, 0, os.fstat(handle.fileno()).st_size, limit)
        yield failed(uri, FORMAT, head, "read_malformed_file", f"{uri}: not a readable Parquet file: {exc}",
                     raw_size=size)
        return
    first = 0
    for group, rows in enumerate(groups):
        number, problem = first, None
        try:
            for batch in parquet.iter_batches(batch_size=_BATCH_ROWS, row_groups=[group]):
                for record in batch.to_pylist():
                    yield row_doc(record, f"{uri}#{number}", FORMAT, config)
                    number += 1
        except Exception as exc:  # noqa: BLE001 - a corrupt page or encoding, whatever pyarrow calls it
            problem = f"cannot be read: {type(exc).__name__}: {exc}"
        if number < first + rows:  # rows the footer declares and the pages did not give
            yield _lost_rows(handle, metadata, uri, group, range(number, first + rows),
                             problem or f"gives {number - first} of its {rows} rows", limit)
        first = max(first + rows, number)
