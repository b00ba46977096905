"""A version as the diff reads it: its folder and manifest, whether stored or still staged.

`curate build --version auto` names a version from its diff against the parent before the
version is moved into the store, so the diff works on (folder, manifest) pairs rather than on
store names alone.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from curate.store import Manifest, Store, load_manifest
from curate.store.read import row_group_batches


@dataclass(frozen=True)
class VersionRef:
    """One version: `folder` holds `manifest.json` and the shards the manifest lists."""

    folder: Path
    manifest: Manifest

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def shard_paths(self) -> list[Path]:
        """The article shards (`data/`), in manifest order."""
        return [self.folder / shard.path for shard in self.manifest.shards]

    def arrow_schema(self) -> pa.Schema | None:
        """The Arrow schema recorded in the first article shard; None when the version kept nothing."""
        paths = self.shard_paths
        return pq.read_schema(paths[0]) if paths else None

    def batches(self, columns: list[str]) -> Iterator[pa.RecordBatch]:
        """Record batches of the article shards, reading only those of `columns` a shard has."""
        for path in self.shard_paths:
            schema = pq.read_schema(path)
            present = [c for c in columns if _has_column(schema, c)]
            if present:
                yield from row_group_batches([path], present)


def _has_column(schema: pa.Schema, dotted: str) -> bool:
    """Whether a top-level or nested (`quality.n_words`) column exists in `schema`."""
    head, *rest = dotted.split(".")
    if schema.get_field_index(head) < 0:
        return False
    kind = schema.field(head).type
    for part in rest:
        if pa.types.is_list(kind) and part in ("list", "element"):
            kind = kind.value_type if part == "element" else kind
            continue
        if not pa.types.is_struct(kind) or kind.get_field_index(part) < 0:
            return False
        kind = kind.field(part).type
    return True


def open_version(store: Store, name: str, version: str) -> VersionRef:
    """A stored version; `StoreError` naming the dataset and its versions when there is none."""
    folder = store.require(name, version)
    return VersionRef(folder, load_manifest(folder))
