"""Property-based: whatever the bytes, every reader returns, names its input, counts every record
once, keeps real bytes as evidence within the limit, and opens nothing outside the input root.

Inputs are valid files of every format (records of random content and types), then mutated:
cut, bytes flipped, NULs or random bytes put in, a slice repeated; plus bytes that are no format
at all, deep nesting and huge fields. Each property is checked on what `read_lazily` yields, as
the build reads. Open calls are audited (`sys.addaudithook`): reading may open the input file only.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import pairwise
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curate.config import ReadersConfig
from curate.document import NotDocument, RawDoc
from curate.readers import discover, read_lazily
from curate.readers.records import JsonLine

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIMITS = st.sampled_from([64, 700, 8 * 2**20])
_OPENED: list[list[str]] = []  # the open calls of the audited block, innermost last


_CODE = tuple({sys.prefix, sys.base_prefix})  # where imports (a codec, say) open their modules


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if event == "open" and _OPENED and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        if not (path.startswith(_CODE) and path.endswith((".py", ".pyc", ".so"))):
            _OPENED[-1].append(path)


sys.addaudithook(_audit)  # cannot be removed: it records only inside `_opened`


@contextmanager
def _opened() -> Iterator[list[str]]:
    _OPENED.append([])
    try:
        yield _OPENED[-1]
    finally:
        _OPENED.pop()


# Record values of every type a scraped record has held, text-like or not.
_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=40))
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                       max_leaves=8)
_FIELDS = st.sampled_from(["text", "body", "html", "title", "url", "authors", "published", "source", "other"])
_RECORDS = st.lists(st.dictionaries(_FIELDS, _VALUES | st.text(max_size=300), max_size=5), max_size=6)


def _jsonl(records: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r).encode() + b"\n" for r in records)


def _csv(records: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["title", "text", "url"])
    for record in records:
        writer.writerow([str(record.get(key, "")) for key in ("title", "text", "url")])
    return out.getvalue().encode()


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)  # the same bytes every run: Hypothesis replays examples


def _warc(records: list[dict[str, Any]], compress: bool) -> bytes:
    """A WARC (each record a gzip member when `compress`): a warcinfo, then records of every kind."""
    members = [(b"warcinfo", "application/warc-fields", b"software: fuzz\r\n")]
    for n, record in enumerate(records):
        body = str(record.get("text", "")).encode("utf-8", "surrogatepass")
        kind = (b"response", b"resource", b"metadata", b"revisit", b"request")[n % 5]
        if kind in (b"response", b"revisit"):
            encoding = b"Transfer-Encoding: chunked\r\n" if n % 2 else b""
            payload = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body) if encoding else body
            members.append((kind, "application/http; msgtype=response",
                            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + encoding + b"\r\n" + payload))
        else:
            members.append((kind, "text/html", body))
    out = b""
    for n, (kind, content_type, block) in enumerate(members):
        head = (b"WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%d>\r\nWARC-Target-URI: https://n.example/%d\r\n"
                b"Content-Type: %s\r\nContent-Length: %d\r\n\r\n" % (kind, n, n, content_type.encode(), len(block)))
        member = head + block + b"\r\n\r\n"
        out += _gzip(member) if compress else member
    return out


def _parquet(records: list[dict[str, Any]]) -> bytes:
    rows = [{key: str(record.get(key, "")) for key in ("title", "text")} for record in records] or [{"text": "x"}]
    out = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(rows * 3), out, row_group_size=2, compression="none")
    return out.getvalue()


# suffix -> how to make a valid file of it from records
MAKERS: dict[str, Callable[[list[dict[str, Any]]], bytes]] = {
    ".jsonl": _jsonl,
    ".jsonl.gz": lambda records: _gzip(_jsonl(records)),
    ".json": lambda records: json.dumps(records).encode(),
    ".csv": _csv,
    ".txt": lambda records: "\n\n".join(str(r.get("text", "")) for r in records).encode("utf-8", "surrogatepass"),
    ".html.gz": lambda records: _gzip("".join(f"<p>{r.get('text', '')}</p>" for r in records)
                                               .encode("utf-8", "surrogatepass")),
    ".warc": lambda records: _warc(records, False),
    ".warc.gz": lambda records: _warc(records, True),
    ".parquet": _parquet,
}


@st.composite
def _mutated(draw: st.DrawFn, data: bytes) -> bytes:
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "flip", "nul", "insert", "repeat"]))
        if kind == "cut":
            data = data[:at]
        elif kind == "flip" and at < len(data):
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        elif kind == "nul":
            data = data[:at] + b"\x00" * draw(st.integers(1, 4)) + data[at:]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(max_size=20)) + data[at:]
        elif kind == "repeat":
            data = data[:at] + data[at:at + draw(st.integers(1, 200))] * draw(st.integers(2, 4)) + data[at:]
    return data


@st.composite
def inputs(draw: st.DrawFn) -> tuple[str, bytes]:
    """(suffix, content): a valid file mutated, deep nesting, a huge field, or random bytes."""
    suffix = draw(st.sampled_from(sorted(MAKERS)))
    kind = draw(st.sampled_from(["mutated", "mutated", "mutated", "random", "deep", "huge"]))
    if kind == "random":
        return suffix, draw(st.binary(max_size=400))
    if kind == "deep":
        depth = draw(st.integers(500, 20_000))
        return suffix, MAKERS[suffix]([{"text": "x"}]) + b"[" * depth + b'{"text": "x"}' + b"]" * depth
    records = draw(_RECORDS)
    if kind == "huge":
        records.append({"text": "y" * draw(st.integers(1000, 100_000)), "title": "huge"})
    return suffix, draw(_mutated(MAKERS[suffix](records)))


def _read(folder: Path, config: ReadersConfig) -> tuple[list[RawDoc | NotDocument], list[str]]:
    """Every record read from `folder`, JSON lines decoded, and the paths opened meanwhile."""
    records: list[RawDoc | NotDocument] = []
    with _opened() as opened:
        found, _ = discover([folder])
        for item in found:
            records += [r.load(config) if isinstance(r, JsonLine) else r for r in read_lazily(item, config)]
    return records, opened


def _inside(path: str, root: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(root.resolve())


def _warm_up() -> None:
    """Import what readers import lazily, so the audit sees reading, not importing."""
    with tempfile.TemporaryDirectory() as folder:
        for suffix, make in MAKERS.items():
            (Path(folder) / f"warm{suffix}").write_bytes(make([{"text": "x"}]))
        _read(Path(folder), ReadersConfig())


_warm_up()
_MARK = re.compile(r"#(\d+)(?:-(\d+))?$")


def _marks(records: list[RawDoc | NotDocument], uri: str) -> list[tuple[int, int]]:
    """The record numbers each record covers, (first, last), in the order read."""
    spans = []
    for record in records:
        found = _MARK.search(record.input_uri[len(uri):])
        if found:
            first = int(found.group(1))
            spans.append((first, int(found.group(2) or first)))
    return spans


@FUZZ
@given(inputs(), LIMITS)
def test_every_reader_is_total_and_accounts_for_every_record(case: tuple[str, bytes], limit: int) -> None:
    suffix, content = case
    config = ReadersConfig(max_document_bytes=limit)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        root.mkdir()
        uri = f"input{suffix}"
        (root / uri).write_bytes(content)
        records, opened = _read(root, config)
        assert all(_inside(path, root) for path in opened), opened
    for record in records:
        assert record.input_uri == uri or record.input_uri.startswith(f"{uri}#"), record.input_uri
        if isinstance(record, NotDocument):
            continue
        assert record.input_uri.encode("utf-8")  # no lone surrogate anywhere a writer will see
        for value in (record.text, record.html, record.title, record.url, *record.authors, str(record.error or "")):
            (value or "").encode("utf-8")
        if record.error is None:
            assert (record.text is None) != (record.html is None)
            continue
        assert record.error.reason != "read_unexpected_error", record.error  # the guard is a last resort
        assert uri in str(record.error)
        assert len(record.raw) <= limit + 1 or record.input_format == "parquet"
        assert record.raw_size is None or record.raw_size >= len(record.raw)
        framing = record.error.reason in ("read_truncated_record", "read_malformed_record", "read_not_warc")
        if suffix in (".jsonl", ".json", ".csv", ".txt") or (suffix == ".warc" and framing):
            assert record.raw in content, "evidence is bytes of the file (a WARC payload's: decoded)"
    spans = _marks(records, uri)
    if spans:  # numbered records: each number once, in order, none skipped
        assert spans[0][0] == 0 and all(b[0] == a[1] + 1 for a, b in pairwise(spans)), spans
    if suffix == ".jsonl":
        assert len(records) == sum(1 for line in content.split(b"\n") if line.strip())
    if suffix == ".parquet" and spans:  # every row the footer declares, read or rejected
        assert spans[-1][1] + 1 == pq.ParquetFile(io.BytesIO(content)).metadata.num_rows


@st.composite
def trees(draw: st.DrawFn) -> list[tuple[str, str]]:
    """Entries (path, kind) of a corpus: files, folders, FIFOs, links in and out of it."""
    names = st.sampled_from(["a", "b", ".h", "c d", "x.txt", "y.jsonl", "z.json", "loop"])
    paths = draw(st.lists(st.lists(names, min_size=1, max_size=3).map("/".join), max_size=10, unique=True))
    kinds = st.sampled_from(["file", "file", "folder", "fifo", "link_out", "link_in", "link_root", "dangling"])
    return [(path, draw(kinds)) for path in paths]


@FUZZ
@given(trees())
def test_discovery_reads_each_file_inside_the_root_once(tree: list[tuple[str, str]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, outside = Path(tmp) / "corpus", Path(tmp) / "outside"
        root.mkdir()
        outside.mkdir()
        (outside / "secret.txt").write_text("API_KEY=sk-123", encoding="utf-8")
        for path, kind in tree:
            target = root / path
            folders = [parent for parent in target.parents if parent.is_relative_to(root) and parent != root]
            if any(parent.is_symlink() or (parent.exists() and not parent.is_dir()) for parent in folders):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.exists() or target.is_symlink():
                continue
            if kind == "file":
                target.write_text('{"text": "Body."}\n', encoding="utf-8")
            elif kind == "folder":
                target.mkdir()
            elif kind == "fifo":
                os.mkfifo(target)
            elif kind == "dangling":
                target.symlink_to(root / "nowhere")
            else:
                target.symlink_to({"link_out": outside / "secret.txt", "link_in": root / tree[0][0],
                                   "link_root": root}[kind])
        records, opened = _read(root, ReadersConfig())
        assert all(_inside(path, root) for path in opened), opened
        assert all(b"sk-123" not in r.raw and "sk-123" not in (r.text or "") for r in records if isinstance(r, RawDoc))
        inputs, skipped = discover([root])
        real = [os.path.realpath(item.path) for item in inputs]
        assert len(real) == len(set(real)), "a file read twice"
        assert all(_inside(path, root) for path in real)
        listed = {line.split(": ", 1)[0] for line in skipped}
        for path, _ in tree:  # every hidden entry that exists is listed (its first hidden part)
            parts = path.split("/")
            hidden = next((n for n, part in enumerate(parts) if part.startswith(".")), None)
            if hidden is not None and os.path.lexists(root.joinpath(*parts[:hidden + 1])):
                assert "/".join(parts[:hidden + 1]) in listed or not _reachable(root, parts[:hidden]), (path, skipped)


def _reachable(root: Path, parts: list[str]) -> bool:
    """Whether the folder `parts` under root is walked (no link or hidden name on the way)."""
    path = root
    for part in parts:
        path = path / part
        if part.startswith(".") or path.is_symlink() or not path.is_dir():
            return False
    return True
