"""Opening inputs and reading them with bounded memory.

Every input is opened by `open_input`: only a regular file is read (a FIFO, a device or a socket
would hang the build or never end), and only the very file discovery found (a file swapped for a
symlink or a FIFO since is refused). `BoundedStream` reads a stream in chunks and hands out pieces
(a line, a record) keeping at most as many bytes as the caller allows: a 1 GiB line costs a chunk
of memory, not a gigabyte. A stream that fails (a cut or corrupt gzip file, a read error) ends,
and `failure` says why, so a reader can reject the piece it was reading with the bytes it had.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import stat
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from curate.errors import DocumentError

CHUNK = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
# An end finder: given the buffer and where the piece's unread part starts, the index just past
# the piece's end, or None when the piece goes on past the buffer. It may keep state between calls.
EndFinder = Callable[[bytes, int], "int | None"]

_KINDS = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
          stat.S_IFBLK: "a block device", stat.S_IFDIR: "a directory", stat.S_IFLNK: "a symlink"}


def file_kind(mode: int) -> str:
    """What a non-regular file is, for messages."""
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def open_input(path: Path, uri: str, identity: tuple[int, int] | None = None) -> BinaryIO:
    """`path` opened for reading if it is a regular file (and, given `identity`, the same file
    discovery saw); otherwise a `DocumentError` naming `uri`. Opening never blocks: a FIFO opened
    with O_NONBLOCK returns at once, and is then refused by its type."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise DocumentError("read_unreadable", f"{uri}: cannot be opened: {exc.strerror or exc}") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError("read_not_regular_file", f"{uri}: {file_kind(info.st_mode)}, not a regular file")
        if identity is not None and (info.st_dev, info.st_ino) != identity:
            raise DocumentError("read_input_changed", f"{uri}: replaced by another file since it was found")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def gunzipped(handle: BinaryIO) -> BinaryIO:
    """The inflated stream of a gzip file (inflated only as far as it is read)."""
    return gzip.GzipFile(fileobj=handle, mode="rb")  # type: ignore[return-value]


def sha256_and_size(path: Path, uri: str) -> tuple[str, int]:
    """The sha256 and byte count of a regular file, read through `open_input`."""
    digest, size = hashlib.sha256(), 0
    with open_input(path, uri) as handle:
        while chunk := handle.read(CHUNK * 16):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


@dataclass(frozen=True, slots=True)
class Piece:
    """A piece of a stream: its first bytes (`data`, at most what the caller kept), its full
    `size`, and whether its end was found (False when the stream ended or failed first)."""

    data: bytes
    size: int
    ended: bool

    @property
    def cut(self) -> bool:
        return len(self.data) < self.size


def line_end(buffer: bytes, start: int) -> int | None:
    """End finder of a line: just past its newline."""
    found = buffer.find(b"\n", start)
    return None if found < 0 else found + 1


def byte_count(count: int) -> EndFinder:
    """End finder of the next `count` bytes."""
    left = count

    def end(buffer: bytes, start: int) -> int | None:
        nonlocal left
        if left <= len(buffer) - start:
            return start + left
        left -= len(buffer) - start
        return None

    return end


class BoundedStream:
    """A binary stream read in chunks; see the module docstring."""

    def __init__(self, handle: BinaryIO, uri: str) -> None:
        # read1: one read of the underlying stream, so the data inflated before a gzip stream
        # fails is handed out, not dropped with the exception (read() loops to fill its count)
        self._read = getattr(handle, "read1", handle.read)
        self._uri = uri
        self._buffer = b""
        self._start = 0  # where the unread part of the buffer begins
        self._eof = False
        self.failure: DocumentError | None = None

    def _fill(self) -> bool:
        """Read the next chunk into the buffer (dropping what was read); False at the end."""
        if self._eof:
            return False
        try:
            chunk = self._read(CHUNK)
        except EOFError as exc:
            self.failure = DocumentError("read_truncated_file", f"{self._uri}: the compressed stream ends early: {exc}")
        except (OSError, zlib.error) as exc:
            reason = "read_corrupt_gzip" if isinstance(exc, (gzip.BadGzipFile, zlib.error)) else "read_unreadable"
            self.failure = DocumentError(reason, f"{self._uri}: cannot be read on: {exc}")
        else:
            if chunk:
                self._buffer = self._buffer[self._start:] + chunk
                self._start = 0
                return True
        self._eof = True
        return False

    def peek(self, count: int) -> bytes:
        """Up to `count` next bytes, not consumed."""
        while len(self._buffer) - self._start < count and self._fill():
            pass
        return self._buffer[self._start:self._start + count]

    def take(self, end: EndFinder, keep: int) -> Piece:
        """The next piece, which `end` delimits, keeping at most `keep` of its bytes; the rest of
        it is read and dropped."""
        kept: list[bytes] = []
        room, size = keep, 0
        while True:
            if self._start >= len(self._buffer) and not self._fill():
                return Piece(b"".join(kept), size, ended=False)
            stop = end(self._buffer, self._start)
            upto = len(self._buffer) if stop is None else stop
            if room > 0:
                kept.append(self._buffer[self._start:min(upto, self._start + room)])
                room -= len(kept[-1])
            size += upto - self._start
            self._start = upto
            if stop is not None:
                return Piece(b"".join(kept), size, ended=True)

    def rest(self, keep: int) -> Piece:
        """Everything left, keeping at most `keep` bytes."""
        return self.take(lambda _buffer, _start: None, keep)
