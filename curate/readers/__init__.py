"""Readers: turn input paths into `RawDoc`s, each with the input it came from.

`discover` expands files and folders (recursively, in sorted order, so a build is
deterministic) into `InputFile`s; `read_input` dispatches each to its reader by suffix. A folder
that is a saved Hugging Face dataset is one input, and so is `hf:PATH`, a local dataset
repository loaded with `datasets.load_dataset(PATH)` (nothing is fetched from the Hub). Files of
no supported kind are listed as skipped, never silently dropped. `read_lazily` is what the build
reads with: JSON Lines records come undecoded (`JsonLine`), for the workers to decode.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from curate.config import ReadersConfig
from curate.document import RawDoc
from curate.errors import DocumentError, InputError
from curate.readers.files import document_bytes
from curate.readers.hf import is_saved_dataset, read_hf
from curate.readers.html import FORMAT as HTML
from curate.readers.html import read_html
from curate.readers.records import JsonLine, jsonl_lines, read_csv, read_json, read_jsonl, read_parquet
from curate.readers.text import FORMAT as TEXT
from curate.readers.text import read_text
from curate.readers.warc import read_warc

__all__ = ["InputFile", "JsonLine", "discover", "read_input", "read_lazily"]

Reader = Callable[[Path, str, ReadersConfig], Iterator[RawDoc]]


def _one_document(read: Callable[[bytes, str], Iterator[RawDoc]], input_format: str) -> Reader:
    """The reader of a file that holds one document, plain or gzipped; an unreadable gzip file
    becomes an error document that keeps the file's bytes as evidence."""

    def reader(path: Path, uri: str, config: ReadersConfig) -> Iterator[RawDoc]:
        try:
            raw = document_bytes(path, uri, config.max_document_bytes)
        except DocumentError as error:
            return iter([RawDoc(input_uri=uri, input_format=input_format, raw=path.read_bytes(), error=error)])
        return read(raw, uri)

    return reader


_READERS: dict[str, Reader] = {
    **{suffix: _one_document(read_text, TEXT) for suffix in (".txt", ".txt.gz")},
    **{suffix: _one_document(read_html, HTML) for suffix in (".html", ".htm", ".html.gz", ".htm.gz")},
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".parquet": read_parquet,
    ".warc": lambda path, uri, _cfg: read_warc(path, uri),
    ".warc.gz": lambda path, uri, _cfg: read_warc(path, uri),
}
HF_PREFIX = "hf:"
# Never articles: a corpus folder's own documentation and config.
_IGNORED_NAMES = {"README.md", "readme.md", "LICENSE", ".gitignore", ".gitattributes"}


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input: `uri` is its path relative to the input root it was found under."""

    path: Path
    uri: str
    reader: str  # a suffix from _READERS, or "hf"


def _suffix(path: Path) -> str | None:
    name = path.name.lower()
    for suffix in sorted(_READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return None


def discover(paths: list[Path]) -> tuple[list[InputFile], list[str]]:
    """(inputs in deterministic order, skipped files with the reason)."""
    inputs: list[InputFile] = []
    skipped: list[str] = []
    for given in paths:
        if str(given).startswith(HF_PREFIX):
            local = Path(str(given)[len(HF_PREFIX):])
            if not local.is_dir():
                raise InputError(f"input {given}: {local} is not a local dataset folder (the Hub is not read)")
            inputs.append(InputFile(local, local.name, "hf"))
            continue
        if not given.exists():
            raise InputError(f"input {given} does not exist")
        root = given if given.is_dir() else given.parent
        stack = [given]
        found: list[InputFile] = []
        while stack:
            path = stack.pop()
            uri = path.name if path == root else path.relative_to(root).as_posix()
            if path.is_dir():
                if is_saved_dataset(path):
                    found.append(InputFile(path, uri, "hf"))
                else:
                    stack.extend(p for p in path.iterdir() if not p.name.startswith("."))
            elif path.name in _IGNORED_NAMES:
                skipped.append(f"{uri}: documentation, not an article")
            elif (suffix := _suffix(path)) is not None:
                found.append(InputFile(path, uri, suffix))
            else:
                skipped.append(f"{uri}: unsupported file type (supported: {', '.join(sorted(_READERS))})")
        inputs.extend(sorted(found, key=lambda f: f.uri))
    return inputs, sorted(skipped)


def read_input(item: InputFile, config: ReadersConfig) -> Iterator[RawDoc]:
    """Every document of one input, errors included as error documents."""
    if item.reader == "hf":
        return read_hf(item.path, item.uri, config)
    return _READERS[item.reader](item.path, item.uri, config)


def read_lazily(item: InputFile, config: ReadersConfig) -> Iterator[RawDoc | JsonLine]:
    """`read_input`, but a JSON Lines record is left undecoded: `JsonLine.load` makes its document."""
    if item.reader in (".jsonl", ".jsonl.gz"):
        return jsonl_lines(item.path, item.uri)
    return read_input(item, config)
