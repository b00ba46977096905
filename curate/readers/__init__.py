"""Readers: turn input paths into `RawDoc`s, each with the input it came from.

`discover` expands files and folders into `InputFile`s (safely: see `discovery`); `read_input`
dispatches each to its reader by suffix. A folder that is a saved Hugging Face dataset is one
input, and so is `hf:PATH`, a local dataset repository loaded with `datasets.load_dataset(PATH)`
(nothing is fetched from the Hub). Entries not read are listed as skipped, never silently
dropped. `read_lazily` is what the build reads with: JSON Lines records come undecoded
(`JsonLine`), for the workers to decode.

Reading is total: every file is opened through `files.open_input` (regular files only), every
reader bounds what it holds by `max_document_bytes`, and one guard around each file's reader turns
whatever escapes it into an error document for the rest of the file, the documents before it
kept. Readers also yield a `NotDocument` for each record that holds no document (a WARC request),
so every record is counted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from curate.config import ReadersConfig
from curate.document import NotDocument, RawDoc, failed, too_large
from curate.errors import CurateError, DocumentError, InputError
from curate.normalize.decode import repair_surrogates
from curate.readers.csv_file import read_csv
from curate.readers.discovery import InputFile, Root, Walk, dataset_problem, id_bases, printable
from curate.readers.files import BoundedStream, gunzipped, open_input
from curate.readers.hf import is_saved_dataset, read_hf
from curate.readers.html import FORMAT as HTML
from curate.readers.html import read_html
from curate.readers.json_file import read_json
from curate.readers.parquet import read_parquet
from curate.readers.records import JsonLine, jsonl_lines, read_jsonl
from curate.readers.text import FORMAT as TEXT
from curate.readers.text import read_text
from curate.readers.warc import read_warc

__all__ = ["InputFile", "JsonLine", "NotDocument", "discover", "read_input", "read_lazily"]

Read = Iterator[RawDoc | NotDocument]
Record = RawDoc | NotDocument | JsonLine
Reader = Callable[[BinaryIO, str, ReadersConfig], Read]


def _one_document(read: Callable[[bytes, str], Iterator[RawDoc]], input_format: str, *,
                  compressed: bool = False) -> Reader:
    """The reader of a file that holds one document (gzipped when `compressed`): read up to
    `max_document_bytes`, the rest only counted. A gzip file that cannot be inflated is an error
    document keeping the file's bytes as stored."""

    def reader(handle: BinaryIO, uri: str, config: ReadersConfig) -> Read:
        limit = config.max_document_bytes
        stream = BoundedStream(gunzipped(handle) if compressed else handle, uri)
        whole = stream.rest(limit)
        if stream.failure is not None:
            handle.seek(0)
            stored = BoundedStream(handle, uri).rest(limit)
            yield failed(uri, input_format, stored.data, stream.failure.reason, str(stream.failure),
                         raw_size=stored.size if stored.cut else None)
        elif whole.cut:
            yield too_large(uri, input_format, whole.data, whole.size, limit)
        else:
            yield from read(whole.data, uri)

    return reader


def _jsonl(handle: BinaryIO, uri: str, config: ReadersConfig) -> Read:
    return read_jsonl(gunzipped(handle), uri, config)


_READERS: dict[str, Reader] = {
    ".txt": _one_document(read_text, TEXT),
    ".txt.gz": _one_document(read_text, TEXT, compressed=True),
    **{suffix: _one_document(read_html, HTML) for suffix in (".html", ".htm")},
    **{suffix: _one_document(read_html, HTML, compressed=True) for suffix in (".html.gz", ".htm.gz")},
    ".jsonl": read_jsonl,
    ".jsonl.gz": _jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".parquet": read_parquet,
    ".warc": read_warc,
    ".warc.gz": read_warc,  # gzip or not, by its first bytes
}
_FORMATS = {".txt": TEXT, ".htm": HTML, ".html": HTML, ".jsonl": "jsonl", ".json": "json", ".csv": "csv",
            ".parquet": "parquet", ".warc": "warc", "hf": "hf"}
HF_PREFIX = "hf:"


def _suffix(name: str) -> str | None:
    name = name.lower()
    for suffix in sorted(_READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return None


def discover(paths: list[Path]) -> tuple[list[InputFile], list[str]]:
    """(inputs in deterministic order, skipped entries with the reason)."""
    walk = Walk(_suffix, ", ".join(sorted(_READERS)), is_saved_dataset)
    roots = []
    for given in paths:
        start = len(walk.inputs)
        if str(given).startswith(HF_PREFIX):
            local = Path(str(given)[len(HF_PREFIX):])
            if not local.is_dir():
                raise InputError(f"input {given}: {local} is not a local dataset folder (the Hub is not read)")
            problem = dataset_problem(local)
            if problem is not None:
                raise InputError(f"input {given}: {problem}")
            walk.inputs.append(InputFile(local.resolve(), local.name, "hf"))
        elif not given.exists():
            raise InputError(f"input {given} does not exist")
        else:
            walk.given(given)
        real = Path(str(given).removeprefix(HF_PREFIX)).resolve()
        label = real.name if real.is_dir() else real.parent.name
        roots.append(Root(str(given), printable(label), real, range(start, len(walk.inputs))))
    return id_bases(walk.inputs, roots), sorted(walk.skipped)


def input_format(item: InputFile) -> str:
    """The `input_format` of the documents of `item`."""
    return _FORMATS[item.reader.removesuffix(".gz")]


def _read(item: InputFile, config: ReadersConfig) -> Read:
    if item.reader == "hf":
        yield from read_hf(item.path, item.uri, config)
        return
    with open_input(item.path, item.uri, item.identity) as handle:
        yield from _READERS[item.reader](handle, item.uri, config)


def _guarded(item: InputFile, records: Iterator[Record]) -> Iterator[Record]:
    """`records`, and if reading fails part way, one error document for the rest of the file:
    `<uri>#<n>` after n records, the file's uri when it failed before the first."""
    count = 0
    try:
        for record in records:
            yield record
            count += 1
    except DocumentError as error:  # the file cannot be opened (or a reader's own refusal)
        yield RawDoc(input_uri=f"{item.uri}#{count}" if count else item.uri, input_format=input_format(item),
                     raw=b"", error=error)
    except CurateError:  # a config or input error ends the build, as errors.py says
        raise
    except Exception as exc:  # noqa: BLE001 - whatever a reader or a library raises ends this file only
        where = f"{item.uri}#{count}" if count else item.uri
        yield failed(where, input_format(item), b"", "read_unexpected_error", repair_surrogates(
            f"{where}: reading stopped after {count} records: {type(exc).__name__}: {exc}"))


def read_input(item: InputFile, config: ReadersConfig) -> Iterator[RawDoc | NotDocument]:
    """Every document of one input, errors included as error documents, and a `NotDocument` for
    each record that holds none."""
    return _guarded(item, _read(item, config))  # type: ignore[return-value]


def read_lazily(item: InputFile, config: ReadersConfig) -> Iterator[RawDoc | NotDocument | JsonLine]:
    """`read_input`, but a JSON Lines record is left undecoded: `JsonLine.load` makes its document."""
    if item.reader not in (".jsonl", ".jsonl.gz"):
        return read_input(item, config)

    def lines() -> Iterator[JsonLine | RawDoc]:
        with open_input(item.path, item.uri, item.identity) as handle:
            yield from jsonl_lines(gunzipped(handle) if item.reader.endswith(".gz") else handle, item.uri, config)

    return _guarded(item, lines())
