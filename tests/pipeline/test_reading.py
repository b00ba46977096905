"""The build's one reading of its inputs: however it is cut into parts, the same documents and
the same counts per input, bad files included (what the Ray executor relies on)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from curate.config import ReadersConfig
from curate.pipeline.checkpoints import Checkpoints
from curate.pipeline.reading import InputBatches
from curate.readers import discover


def _read(source: InputBatches) -> tuple[list[str], Counter[int], Counter[tuple[int, str]]]:
    uris: list[str] = []
    documents: Counter[int] = Counter()
    kinds: Counter[tuple[int, str]] = Counter()
    for part in source.parts():
        for job, counts in part.jobs():
            uris += [doc.input_uri for doc in job[1]] if job is not None else []
            for index, (read, by_kind) in counts.items():
                documents[index] += read
                kinds.update({(index, kind): n for kind, n in by_kind.items()})
    return uris, documents, kinds


def test_parts_read_what_the_whole_reads(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n{"text": "unterminated\n', encoding="utf-8")
    (folder / "b.txt").write_bytes(b"")  # empty: a reject, still counted
    (folder / "c.txt").write_bytes(b"\x00\x01binary\xff")
    (folder / "d.jsonl").write_text("\n\n", encoding="utf-8")  # no record at all
    (folder / "e.txt").write_text("A plain article.", encoding="utf-8")
    files, _ = discover([folder])
    (folder / "e.txt").unlink()  # gone between discovery and reading: its reader says so
    whole = InputBatches(tuple(files), ReadersConfig(), 2, 2**20, Checkpoints(tmp_path / "cp"))
    one_byte_parts = InputBatches(tuple(files), ReadersConfig(), 2, 2**20, Checkpoints(tmp_path / "cp2"))
    assert len(whole.parts()) == 1 and 1 < len(one_byte_parts.parts(part_bytes=1)) < len(files)  # empty files join
    expected = _read(whole)
    split = ([], Counter(), Counter())
    for part in one_byte_parts.parts(part_bytes=1):
        for got, total in zip(_read(part), split, strict=True):
            total += got  # type: ignore[operator]
    assert split == expected
    assert set(expected[1]) == set(range(len(files))), "every input is counted, those with no document too"
