"""`split` hashes the id, so a kept document never moves between splits from one version to the next."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from curate.pipeline.build import build
from curate.store import Store
from curate.versioning import diff_versions, open_version
from versioning.corpus import tiny_config, write_corpus


def _splits(store: Store, version: str) -> dict[str, str]:
    ref = open_version(store, "news", version)
    table = pa.concat_tables([pq.read_table(p, columns=["id", "split"]) for p in ref.shard_paths])
    return dict(zip(table["id"].to_pylist(), table["split"].to_pylist(), strict=True))


def test_kept_ids_keep_their_split(tmp_path: Path) -> None:
    store = Store(tmp_path / "store")
    build([write_corpus(tmp_path / "in", dict.fromkeys(range(30), 0))], "news", tiny_config(), store=store)
    later = {**dict.fromkeys(range(10, 45), 0), **dict.fromkeys(range(20, 25), 1)}  # 0-9 gone, 30-44 new, 20-24 edited
    build([write_corpus(tmp_path / "in", later)], "news", tiny_config(), store=store)
    before, after = _splits(store, "1.0.0"), _splits(store, "1.1.0")
    kept = before.keys() & after.keys()
    assert len(kept) == 20 and len(before.keys() - after.keys()) == 10 and len(after.keys() - before.keys()) == 15
    assert len(set(before.values())) == 3, "the corpus is big enough to populate every split"
    assert {doc: before[doc] for doc in kept} == {doc: after[doc] for doc in kept}
    diff = diff_versions(store, "news", "1.0.0", "1.1.0")
    assert (diff.documents.moved, diff.documents.changed, diff.bump) == (0, 5, "minor")

    # The check can fail: another salt reshuffles, and the diff calls that a breaking change.
    build([write_corpus(tmp_path / "in", later)], "news", tiny_config(splits={"salt": "other"}), store=store)
    moved = {doc for doc in after if after[doc] != _splits(store, "1.2.0")[doc]}
    reshuffled = diff_versions(store, "news", "1.1.0", "1.2.0")
    assert moved and reshuffled.documents.moved == len(moved) and reshuffled.bump == "major"
