"""The stored versions a build's near-duplicates are looked for in: the parent version (`[dedup]
against_parent`) and the datasets `[dedup] against` names, each with the signatures it stored.

A version keeps the signatures of its kept documents (`dedup/signatures-*.parquet`, listed in its
manifest's `dedup.files`) with the parameters they were made with, so a later build compares
with them without computing them again. A parent that has none (built before they were kept, or
with other parameters) still gives its documents' splits, read from its shards, and the manifest
says what could not be compared; a dataset named in `against` must have comparable signatures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from curate.config import Config, DedupConfig
from curate.errors import StoreError
from curate.pipeline.near_duplicates import Reference
from curate.store import Manifest, Store, load_manifest
from curate.store.manifest import file_sha256


def recorded(config: DedupConfig, store: Store, name: str, parent: str | None) -> list[dict[str, Any]]:
    """Which versions to compare with, as the manifest records them (`name`, `version`,
    `inherit_splits`): what a rebuild or `curate reproduce` compares with again."""
    found = []
    if config.against_parent and parent is not None:
        found.append({"name": name, "version": parent, "inherit_splits": True})
    for item in config.against:
        dataset, _, version = item.partition("@")
        version = version or store.latest(dataset) or ""
        if not version:
            raise StoreError(f"[dedup] against {item!r}: dataset {dataset!r} has no versions in {store.root}")
        found.append({"name": dataset, "version": version, "inherit_splits": False})
    return found


def _params(manifest: Manifest) -> dict[str, Any] | None:
    dedup = manifest.dedup or {}
    return dedup.get("params") if dedup.get("files") else None


def _recorded_file(folder: Path, label: str, entry: dict[str, Any]) -> pq.ParquetFile:
    """A signatures file of the reference, as its manifest recorded it (sha256): a file deleted or
    edited since would give a traceback or, worse, clusters against signatures nobody made."""
    path = folder / entry["path"]
    where = f"[dedup] against {label}: its signatures {entry['path']}"
    if not path.is_file():
        raise StoreError(f"{where} are missing; rebuild {label} or compare without it")
    if file_sha256(path) != entry["sha256"]:
        raise StoreError(f"{where} changed since the version was built (sha256 differs from the manifest's); "
                         f"rebuild {label} or compare without it")
    return pq.ParquetFile(path)


def open_reference(store: Store, entry: dict[str, Any], config: Config) -> Reference:
    """The reference `entry` names, with its stored signatures when they compare with `config`'s.
    Its documents keep their splits only under the same `[splits]` settings: a new salt or new
    ratios are meant to reassign them."""
    name, version = entry["name"], entry["version"]
    folder = store.require(name, version)
    manifest = load_manifest(folder)
    label = f"{name} {version}"
    inherit = entry["inherit_splits"] and manifest.config.get("splits") == config.splits.model_dump(mode="json")
    wanted = config.dedup.params()
    stored = _params(manifest)
    comparable = stored is not None and all(stored.get(key) == getattr(wanted, key)
                                            for key in ("ngram", "bands", "rows", "seed"))
    if comparable:
        files = [f for f in manifest.dedup_files if f["kind"] == "signatures"]
        return Reference(label, inherit, signatures=[_recorded_file(folder, label, f) for f in files])
    why = ("has no stored signatures" if stored is None else
           f"stored signatures made with other parameters ({stored}) than [dedup] now has")
    if not inherit:
        raise StoreError(f"[dedup] against {label}: it {why}, so its documents cannot be compared without "
                         "computing their signatures again; rebuild it with these [dedup] parameters")
    ids, splits = [], []
    for shard in manifest.shards:
        table = pq.read_table(folder / shard.path, columns=["id", "split"])
        ids.append(table.column("id"))
        splits.append(table.column("split"))
    rows = pa.table({"id": pa.chunked_array(ids, pa.string()), "split": pa.chunked_array(splits, pa.string())})
    return Reference(label, inherit, splits_only=rows,
                     note=f"{label} {why}: its documents kept their splits, but new documents were not compared "
                          "with them")
