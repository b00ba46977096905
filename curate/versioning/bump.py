"""The next version a diff calls for, by semantic versioning of a dataset.

    major   a breaking schema change (a field removed, retyped or made nullable), or kept
            documents moved between splits (an evaluation set is no longer the same)
    minor   an additive schema change, or new documents
    patch   corrections only: documents changed or removed, or the same texts annotated
            differently (the shards differ though every content_hash is the same)
    none    the same documents in byte-identical shards: no new version is called for

>>> bump_version("1.4.2", "minor")
'1.5.0'
"""

from __future__ import annotations

from typing import Literal

from curate.store.layout import version_key
from curate.versioning.documents import DocumentChanges
from curate.versioning.schema_diff import SchemaDiff

Level = Literal["major", "minor", "patch", "none"]


def bump_version(version: str, level: Level) -> str:
    """`version` with `level` raised and the lower numbers reset; `none` leaves it as it is."""
    major, minor, patch = version_key(version)
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    if level == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return version


def suggest_level(documents: DocumentChanges, schema: SchemaDiff, shards_identical: bool) -> tuple[Level, str]:
    """(level, the reason in words) for a version whose diff against its predecessor is given."""
    if schema.breaking:
        fields = ", ".join(f"{c.path} {c.change}" for c in schema.changes if c.breaking)
        return "major", f"breaking schema change: {fields}"
    if not schema.comparable:
        return "major", "schema fingerprint differs and a version has no shard to compare field by field"
    if documents.moved:
        return "major", f"{documents.moved} kept documents moved between splits"
    if schema.additive:
        return "minor", f"additive schema change: {', '.join(c.path for c in schema.changes)}"
    if documents.added:
        return "minor", f"{documents.added} documents added"
    if documents.changed or documents.removed:
        return "patch", f"corrections only: {documents.changed} changed, {documents.removed} removed"
    if not shards_identical:
        return "patch", "same documents and texts, different annotations (shards differ)"
    return "none", "same documents, byte-identical shards"
