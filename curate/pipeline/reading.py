"""The build's input documents as batches for the corpus pass, with what was read of each input.

One object says how the inputs are read and cut, so both executors cut the same way: the local
executor reads in the parent, the Ray executor in Ray Data read tasks. Either may take the inputs
in parts (consecutive files), each read on its own; a part is a fixed amount of input, not a share
of the workers, so the batches (and the checkpoint keys named by their content) do not depend on
the size of the cluster that reads them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from curate.config import ReadersConfig
from curate.document import RawDoc
from curate.executor import batches
from curate.pipeline.checkpoints import Checkpoints
from curate.readers import InputFile, JsonLine, NotDocument, read_lazily
from curate.timing import READ, timed_iter

PART_BYTES = 256 * 2**20  # input bytes a part reads at least (its last file ends it)

Document = RawDoc | JsonLine
Job = tuple[Checkpoints, list[Document]]
Counts = dict[int, tuple[int, dict[str, int]]]
"""By input index: documents read, and records that hold none by kind (since the last batch)."""


def input_bytes(item: InputFile) -> int:
    """An input's size, to cut parts (0 when it cannot be read: its reader says why)."""
    try:
        paths = [p for p in item.path.rglob("*") if p.is_file()] if item.path.is_dir() else [item.path]
        return sum(path.stat().st_size for path in paths)
    except OSError:
        return 0


@dataclass(frozen=True)
class InputBatches:
    """`files` (input `first` onwards of the build's) read with `readers`, cut into batches of
    `size` documents or `budget` raw bytes, each a corpus-pass job with `checkpoints`."""

    files: tuple[InputFile, ...]
    readers: ReadersConfig
    size: int
    budget: int
    checkpoints: Checkpoints
    first: int = 0

    def parts(self, part_bytes: int = PART_BYTES) -> list[InputBatches]:
        """Consecutive groups of whole files, each at least `part_bytes` but the last."""
        out: list[InputBatches] = []
        start, total = 0, 0
        for index, item in enumerate(self.files):
            total += input_bytes(item)
            if total >= part_bytes or index == len(self.files) - 1:
                out.append(replace(self, files=self.files[start:index + 1], first=self.first + start))
                start, total = index + 1, 0
        return out

    def jobs(self, taper: int = 0) -> Iterator[tuple[Job | None, Counts]]:
        """(job, what was read since the previous one); a last `(None, counts)` when records
        were read after the last batch was cut (records that hold no document). `taper`: see
        `curate.executor.batches`."""
        counts: Counts = {}

        def documents() -> Iterator[Document]:
            for index, item in enumerate(self.files, self.first):
                counts.setdefault(index, (0, {}))  # an input with no record is still counted
                for doc in timed_iter(READ, read_lazily(item, self.readers)):
                    read, kinds = counts.setdefault(index, (0, {}))
                    if isinstance(doc, NotDocument):
                        kinds[doc.kind] = kinds.get(doc.kind, 0) + 1
                        continue
                    counts[index] = (read + 1, kinds)
                    yield _with_id_uri(doc, item)

        def taken() -> Counts:
            done = dict(counts)
            counts.clear()
            return done

        for batch in batches(documents(), self.size, taper, weight=lambda doc: len(doc.raw), budget=self.budget):
            yield (self.checkpoints, batch), taken()
        if counts:
            yield None, taken()


def _with_id_uri(doc: Document, item: InputFile) -> Document:
    if item.id_base is None:
        return doc
    if isinstance(doc, JsonLine):
        return replace(doc, id_uri=item.id_uri(doc.input_uri))
    doc.id_uri = item.id_uri(doc.input_uri)
    return doc
