"""What a version holds, counted from its shards a few columns at a time: kept articles per
publisher and per language, articles whose claims were not looked for, and each split's size as
`datasets` states it, for the dataset card and its metadata."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.compute as pc
import pyarrow.parquet as pq

from curate.store.manifest import Manifest
from curate.store.read import row_group_batches, source_names


@dataclass
class Contents:
    """Kept articles by publisher and by language; rows and bytes by split.

    `bytes` are the Parquet files' sizes (what a download fetches: `datasets`' `download_size`);
    `arrow_bytes` the split as Arrow in memory, what `datasets` records as a split's `num_bytes`
    when it loads the files: the `nbytes` of each row group read, summed."""

    publishers: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)
    bytes: Counter[str] = field(default_factory=Counter)
    arrow_bytes: Counter[str] = field(default_factory=Counter)
    claims_not_attempted: int | None = 0  # None: the shards predate `claims_attempted`

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def main_languages(self, min_share: float = 0.01) -> list[str]:
        """Languages of at least `min_share` of the articles, most frequent first (`und` left out)."""
        floor = min_share * max(self.total, 1)
        return [lang for lang, n in self.languages.most_common() if n >= floor and lang != "und"]


def count_contents(version: Path, manifest: Manifest) -> Contents:
    contents = Contents()
    for shard in manifest.shards:
        contents.rows[shard.split] += shard.rows
        contents.bytes[shard.split] += shard.bytes
        if not shard.rows:
            continue
        path = version / shard.path
        columns = ["source.name", "language"]
        if "claims_attempted" in pq.read_schema(path).names:
            columns.append("claims_attempted")
        else:
            contents.claims_not_attempted = None
        for batch in row_group_batches([path], columns):
            contents.publishers.update(_counts(source_names(batch)))
            contents.languages.update(_counts(batch.column("language")))
            if contents.claims_not_attempted is not None:
                contents.claims_not_attempted += batch.num_rows - pc.sum(batch.column("claims_attempted")).as_py()
        contents.arrow_bytes[shard.split] += arrow_bytes(path)
    return contents


def arrow_bytes(path: Path) -> int:
    """The shard in memory as `datasets` loads it: one row group at a time, their `nbytes` summed
    (a whole-table read can differ by a few bytes of offsets and validity bitmaps)."""
    shard = pq.ParquetFile(path)
    return sum(shard.read_row_group(group).nbytes for group in range(shard.num_row_groups))


def _counts(column: Any) -> dict[str, int]:
    return {item["values"]: item["counts"] for item in pc.value_counts(column).to_pylist()}
