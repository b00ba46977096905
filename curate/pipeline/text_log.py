"""Strings the parent must look up later, one per document, kept on disk: 8 bytes a document in
memory (an offset) rather than the string, so 10 million documents' input uris cost 80 MB."""

from __future__ import annotations

from array import array
from pathlib import Path


class TextLog:
    """An append-only file of strings, read back by number."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._file = path.open("w+b")
        self._offsets = array("q", [0])

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def append(self, text: str) -> None:
        data = text.encode("utf-8", "surrogatepass")
        self._file.write(data)
        self._offsets.append(self._offsets[-1] + len(data))

    def __getitem__(self, number: int) -> str:
        start, end = self._offsets[number], self._offsets[number + 1]
        self._file.seek(start)
        data = self._file.read(end - start)
        self._file.seek(0, 2)  # appends go on at the end
        return data.decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self._file.close()
        self._path.unlink(missing_ok=True)
