"""What a version holds, counted from its shards a few columns at a time: kept articles per
publisher and per language, for the dataset card and its metadata."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.compute as pc

from curate.store.read import row_group_batches, source_names


@dataclass
class Contents:
    """Kept articles by publisher and by language; rows and bytes by split."""

    publishers: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    rows: Counter[str] = field(default_factory=Counter)
    bytes: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def main_languages(self, min_share: float = 0.01) -> list[str]:
        """Languages of at least `min_share` of the articles, most frequent first (`und` left out)."""
        floor = min_share * max(self.total, 1)
        return [lang for lang, n in self.languages.most_common() if n >= floor and lang != "und"]


def count_contents(version: Path, manifest: dict[str, Any]) -> Contents:
    contents = Contents()
    for shard in manifest["shards"]:
        contents.rows[shard["split"]] += shard["rows"]
        contents.bytes[shard["split"]] += shard["bytes"]
        if not shard["rows"]:
            continue
        for batch in row_group_batches([version / shard["path"]], ["source.name", "language"]):
            contents.publishers.update(_counts(source_names(batch)))
            contents.languages.update(_counts(batch.column("language")))
    return contents


def _counts(column: Any) -> dict[str, int]:
    return {item["values"]: item["counts"] for item in pc.value_counts(column).to_pylist()}
