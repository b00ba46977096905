"""Finished batches of a build, kept on disk so that a killed or crashed build resumes.

Both passes write each batch's output here (`prepare/`: the prepared documents and what the corpus
pass counts; `annotate/`: the kept rows and reject rows), named by a key computed from the content
of the batch's input, never from its sequence number or from how the executor cut the input:
the same documents under the same code and config give the same key, whatever the worker count
or the batch boundaries of the run that wrote it. A build asks for each key before computing it,
so after a kill the next build of the same inputs redoes only the batches that had not finished,
and since the shard writer depends on the rows alone, its shards are byte-identical to those of an
uninterrupted build. A file is written aside and renamed into place: a kill never leaves half of
one under its key. The folder lives beside the versions (`STORE/NAME/.checkpoints`), guarded by
the dataset's lock, and is removed once the version it served is committed.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from curate.errors import DocumentError
from curate.timing import CHECKPOINTS, timed_as

FOLDER = ".checkpoints"
_PASSES = ("prepare", "annotate")


@cache
def code_fingerprint() -> str:
    """sha256 over curate's own source and data files: a checkpoint written by other code is
    never taken, even when nobody bumped a stage's version."""
    digest = hashlib.sha256()
    root = resources.files("curate")
    for path in sorted(Path(str(root)).rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(Path(str(root))).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _encode(value: Any) -> bytes:
    """Bytes of one field value, for a digest (lists and errors spelled out)."""
    if value is None:
        return b"\x00none"
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8", "surrogatepass")
    if isinstance(value, DocumentError):
        return _encode(f"{value.reason}\n{value}")
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value) if isinstance(value, (set, frozenset)) else value
        return b"\x00".join(_framed(item) for item in items)
    return repr(value).encode()


def _framed(value: Any) -> bytes:
    data = _encode(value)
    return len(data).to_bytes(8, "little") + data


@timed_as(CHECKPOINTS)
def batch_key(run_key: str, items: Iterable[Any], *extra: Any) -> str:
    """The key of a batch: `run_key` (code, config, stages), every field of every item (raw
    documents, JSON lines or prepared documents: dataclasses), and `extra` facts the output
    depends on (the template lines and duplicate decisions handed to the document pass)."""
    digest = hashlib.sha256(run_key.encode())
    for item in items:
        digest.update(type(item).__name__.encode())
        for field in dataclasses.fields(item):
            digest.update(_framed(getattr(item, field.name)))
    for fact in extra:
        digest.update(_framed(fact))
    return digest.hexdigest()


class Checkpoints:
    """The checkpoint folder of one dataset: `path(pass, key, kind)` names a file, `load`/`save`
    read and write one atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        for name in _PASSES:
            (folder / name).mkdir(parents=True, exist_ok=True)

    def path(self, stage: str, key: str, kind: str) -> Path:
        return self.folder / stage / f"{key}.{kind}"

    def exists(self, stage: str, key: str, kind: str) -> bool:
        return self.path(stage, key, kind).is_file()

    @timed_as(CHECKPOINTS)
    def save(self, stage: str, key: str, kind: str, value: Any) -> Path:
        """Pickle `value` under its key, written aside and then renamed. No fsync: what a killed
        process wrote survives in the page cache, and a file a power cut left unreadable is
        discarded by the reader (`load` raises, the caller recomputes or asks for a rerun)."""
        target = self.path(stage, key, kind)
        handle, temp = tempfile.mkstemp(prefix=f".{key}-", dir=target.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, target)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return target

    @timed_as(CHECKPOINTS)
    def load(self, stage: str, key: str, kind: str) -> Any:
        with self.path(stage, key, kind).open("rb") as handle:
            return pickle.load(handle)

    def discard(self, stage: str, key: str) -> None:
        for path in (self.folder / stage).glob(f"{key}.*"):
            path.unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
