"""Opening inputs (regular files only, the file discovery saw) and bounded stream reading."""

from __future__ import annotations

import gzip
import io
import os
import re
import socket
from pathlib import Path

import pytest

from curate.errors import DocumentError
from curate.readers.files import BoundedStream, byte_count, line_end, open_input


def test_a_regular_file_opens(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"body")
    info = path.stat()
    with open_input(path, "a.txt", (info.st_dev, info.st_ino)) as handle:
        assert handle.read() == b"body"


@pytest.mark.parametrize("kind", ["fifo", "directory", "device", "socket"])
def test_anything_but_a_regular_file_is_refused_at_once(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "x.jsonl"
    if kind == "fifo":
        os.mkfifo(path)  # opening it blocking would wait for a writer forever
    elif kind == "directory":
        path.mkdir()
    elif kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
    else:
        path = Path("/dev/zero")
    with pytest.raises(DocumentError) as caught:
        open_input(path, "x.jsonl")
    assert caught.value.reason in ("read_not_regular_file", "read_unreadable") and "x.jsonl" in str(caught.value)


def test_a_symlink_is_not_followed_at_open(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_bytes(b"x")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    with pytest.raises(DocumentError, match=re.escape("link.txt: cannot be opened")):
        open_input(tmp_path / "link.txt", "link.txt")


def test_a_file_swapped_since_discovery_is_refused(tmp_path: Path) -> None:
    path, other = tmp_path / "a.txt", tmp_path / "b.txt"
    path.write_bytes(b"first")
    other.write_bytes(b"second")  # made while a.txt exists: another inode
    info = path.stat()
    os.replace(other, path)
    with pytest.raises(DocumentError) as caught:
        open_input(path, "a.txt", (info.st_dev, info.st_ino))
    assert caught.value.reason == "read_input_changed"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_file_is_a_document_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_bytes(b"x")
    path.chmod(0)
    with pytest.raises(DocumentError) as caught:
        open_input(path, "secret.txt")
    assert caught.value.reason == "read_unreadable"


def test_pieces_keep_at_most_what_is_asked_and_count_the_rest() -> None:
    stream = BoundedStream(io.BytesIO(b"short\n" + b"x" * 200_000 + b"\nlast"), "f")
    assert stream.take(line_end, 100).data == b"short\n"
    long = stream.take(line_end, 10)
    assert (long.data, long.size, long.ended, long.cut) == (b"x" * 10, 200_001, True, True)
    last = stream.take(line_end, 100)
    assert (last.data, last.ended) == (b"last", False)
    assert stream.take(line_end, 100).size == 0 and stream.failure is None


def test_counted_pieces_and_peeking() -> None:
    stream = BoundedStream(io.BytesIO(b"abcdef"), "f")
    assert stream.peek(2) == b"ab"
    assert stream.take(byte_count(4), 2).data == b"ab"
    assert stream.rest(10).data == b"ef"


def test_a_cut_gzip_stream_hands_out_what_it_inflated_then_fails() -> None:
    stored = gzip.compress(b"line one\nline two that the cut ends\n" * 2000)
    stream = BoundedStream(gzip.GzipFile(fileobj=io.BytesIO(stored[: len(stored) // 2])), "f.jsonl.gz")
    lines = []
    while (line := stream.take(line_end, 1000)).ended:
        lines.append(line.data)
    assert lines and lines[0] == b"line one\n"
    assert stream.failure is not None and stream.failure.reason == "read_truncated_file"
    assert "f.jsonl.gz" in str(stream.failure)
