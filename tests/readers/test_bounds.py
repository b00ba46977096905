"""Reading is bounded: a gzip bomb costs the reader a few chunks of memory, not what it inflates
to, and FIFOs, devices and links to them never hang a read."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest

from curate.config import ReadersConfig
from curate.document import RawDoc
from curate.readers import discover, read_lazily

MIB = 2**20
CONFIG = ReadersConfig()  # max_document_bytes: 8 MiB
PEAK = 6 * CONFIG.max_document_bytes  # what a read may hold at once, whatever the input inflates to


@pytest.fixture(scope="module")
def member() -> bytes:
    """A gzip member of 64 MiB of "x" (about 64 KB): repeated, a bomb of any size."""
    return gzip.compress(b"x" * 64 * MIB, compresslevel=9)


def _bomb(path: Path, member: bytes, head: bytes, inflated: int, tail: bytes) -> Path:
    with path.open("wb") as handle:
        handle.write(gzip.compress(head))
        for _ in range(inflated // (64 * MIB)):
            handle.write(member)
        handle.write(gzip.compress(tail))
    return path


def _read_peak(path: Path) -> tuple[list[RawDoc], int]:
    """The documents of `path`, and the most memory Python held while reading them."""
    [item], _ = discover([path])
    tracemalloc.start()
    try:
        docs = []
        for record in read_lazily(item, CONFIG):
            doc = record.load(CONFIG) if hasattr(record, "load") else record
            docs.append(doc)
            doc.raw = b""  # what the build passes on is its business: measure the reading
        return docs, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_jsonl_gzip_bomb_is_read_in_bounded_memory(tmp_path: Path, member: bytes) -> None:
    path = _bomb(tmp_path / "bomb.jsonl.gz", member, b'{"text": "', 2**30, b'"}\n{"text": "after the bomb"}\n')
    assert path.stat().st_size < 1.1 * MIB
    docs, peak = _read_peak(path)
    assert peak < PEAK, f"{peak / MIB:.0f} MiB held reading a 1 GiB line"
    bomb, after = docs
    assert bomb.error is not None and bomb.error.reason == "read_too_large" and bomb.raw_size == 2**30 + 12
    assert after.text == "after the bomb"


def test_a_warc_gzip_bomb_is_read_in_bounded_memory(tmp_path: Path, member: bytes) -> None:
    size = 256 * MIB
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://n.example/bomb\r\n"
            b"Content-Type: application/http; msgtype=response\r\n"
            + f"Content-Length: {len(http) + size}\r\n\r\n".encode() + http)
    path = _bomb(tmp_path / "bomb.warc.gz", member, head, size, b"\r\n\r\n")
    docs, peak = _read_peak(path)
    assert peak < PEAK, f"{peak / MIB:.0f} MiB held reading a 256 MiB payload"
    [bomb] = docs
    assert bomb.error is not None and bomb.error.reason == "read_too_large"
    assert (bomb.raw_size, bomb.url) == (size, "https://n.example/bomb")


def test_a_page_gzip_bomb_is_read_in_bounded_memory(tmp_path: Path, member: bytes) -> None:
    path = _bomb(tmp_path / "bomb.html.gz", member, b"<html><body>", 256 * MIB, b"</body></html>")
    [doc], peak = _read_peak(path)
    assert peak < PEAK and doc.error is not None and doc.error.reason == "read_too_large"


def test_fifos_devices_and_links_to_them_never_hang(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Title\n\nBody.", encoding="utf-8")
    (corpus / "b.jsonl").write_text('{"text": "Body."}\n', encoding="utf-8")
    os.mkfifo(corpus / "pipe.jsonl")
    (corpus / "zero.jsonl").symlink_to("/dev/zero")
    (corpus / "tty.txt").symlink_to("/dev/tty")
    # Run apart: a hang must fail the test, not stop the suite. b.jsonl becomes a FIFO after
    # discovery, the race a check before opening would lose.
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from curate.config import ReadersConfig
        from curate.readers import discover, read_lazily
        corpus = Path({str(corpus)!r})
        inputs, skipped = discover([corpus, Path("/dev/zero")])
        os.unlink(corpus / "b.jsonl")
        os.mkfifo(corpus / "b.jsonl")
        for item in inputs:
            for doc in read_lazily(item, ReadersConfig()):
                print(doc.input_uri, doc.error.reason if getattr(doc, "error", None) else "ok")
        print(*skipped, sep="\\n")
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "a.txt ok", "b.jsonl read_not_regular_file",
        "pipe.jsonl: a FIFO, not a regular file",
        "tty.txt: symlink to outside the input root, not read",
        "zero.jsonl: symlink to outside the input root, not read",
        "zero: a character device, not a regular file",
    ]
