"""`curate diff`: what changed from one version to another, and the version number that calls for.

The card's changelog, the HTML report and the CLI all read one `VersionDiff`; `to_dict()` is its
JSON form (`curate diff --json`).

>>> diff = diff_versions(Store(Path("data/curated")), "sample", "1.0.0", "1.1.0")  # doctest: +SKIP
>>> diff.documents.added, diff.bump, diff.suggested_version  # doctest: +SKIP
(3, 'minor', '1.1.0')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from curate.store import Store
from curate.versioning.bump import Level, bump_version, suggest_level
from curate.versioning.documents import DocumentChanges, compare_documents
from curate.versioning.lineage import InputChanges, Lineage, ValueChange, config_changes, input_changes
from curate.versioning.refs import VersionRef, open_version
from curate.versioning.schema_diff import SchemaDiff, diff_schemas
from curate.versioning.stats import version_stats

# How a build runs never changes a row (see curate/config.py): not a change worth listing.
_UNLISTED_CONFIG = ("executor",)


@dataclass(frozen=True)
class StatChange:
    """One key statistic in both versions; None where a version has no such key (a new language)."""

    key: str
    old: float | None
    new: float | None

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass(frozen=True)
class VersionDiff:
    """Everything that differs between `old` and `new` of dataset `name`.

    `bump` and `suggested_version` say what `new` should be numbered after `old`: `old` raised
    by `bump` (or `old` itself when `bump` is "none").
    """

    name: str
    old: Lineage
    new: Lineage
    descends: bool  # new has old among its ancestors (or is a rebuild of it)
    documents: DocumentChanges
    schema: SchemaDiff
    stats: list[StatChange]
    config: list[ValueChange]
    inputs: InputChanges
    shards_identical: bool  # the article shards' sha256s are the same, split by split
    bump: Level
    reason: str
    suggested_version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "old": self.old.to_dict(), "new": self.new.to_dict(), "descends": self.descends,
            "documents": self.documents.to_dict(), "schema": self.schema.to_dict(),
            "stats": [{"key": s.key, "old": s.old, "new": s.new} for s in self.stats],
            "config": [{"key": c.key, "old": c.old, "new": c.new} for c in self.config],
            "inputs": self.inputs.to_dict(), "shards_identical": self.shards_identical,
            "bump": self.bump, "reason": self.reason, "suggested_version": self.suggested_version,
        }


def _stat_changes(old: dict[str, float], new: dict[str, float]) -> list[StatChange]:
    keys = [*old, *(k for k in new if k not in old)]
    return [StatChange(k, old.get(k), new.get(k)) for k in keys]


def _shard_hashes(ref: VersionRef) -> list[tuple[str, str]]:
    return sorted((shard.split, shard.sha256) for shard in ref.manifest.shards)


def diff_refs(name: str, old: VersionRef, new: VersionRef, ancestors: set[str] | None = None) -> VersionDiff:
    """The diff of two versions given as folders with manifests (stored or still staged).

    `ancestors` are the versions `new` descends from, when the caller knows them.
    """
    documents = compare_documents(old, new)
    schema = diff_schemas(old.arrow_schema(), new.arrow_schema(), old.manifest.schema_, new.manifest.schema_)
    identical = _shard_hashes(old) == _shard_hashes(new)
    level, reason = suggest_level(documents, schema, identical)
    config = [c for c in config_changes(old.manifest.config, new.manifest.config)
              if not c.key.startswith(_UNLISTED_CONFIG)]
    new_lineage = Lineage.of(new.manifest)
    descends = old.version in {new_lineage.version, new_lineage.parent, new_lineage.rebuilt_from, *(ancestors or ())}
    return VersionDiff(
        name=name, old=Lineage.of(old.manifest), new=new_lineage, descends=descends,
        documents=documents, schema=schema,
        stats=_stat_changes(version_stats(old), version_stats(new)),
        config=config, inputs=input_changes(old.manifest.inputs, new.manifest.inputs),
        shards_identical=identical, bump=level, reason=reason,
        suggested_version=bump_version(old.version, level),
    )


def diff_versions(store: Store, name: str, old: str, new: str) -> VersionDiff:
    """The diff of two stored versions of `name`; `StoreError` naming any that does not exist."""
    from curate.versioning.lineage import lineage

    old_ref, new_ref = open_version(store, name, old), open_version(store, name, new)
    ancestors = {link.version for link in lineage(store, name, new)[1:]}
    return diff_refs(name, old_ref, new_ref, ancestors)
