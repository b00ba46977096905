"""Field-by-field changes between two versions' recorded Arrow schemas, nested fields included.

Each shard carries its Arrow schema, so the comparison is of what was actually written, not of
today's `schemas/` file. Paths are dotted like the dataset card's field table: `source.url`,
`claims[].status`. A field added, removed or whose kind changes (say a list becomes a string) is
reported once, at its own path, not again for every child it brought or lost.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import pyarrow as pa

from curate.store.manifest import SchemaRef

Change = Literal["added", "removed", "type", "nullable"]


@dataclass(frozen=True)
class FieldChange:
    """One field's change; `old`/`new` are Arrow type names (`int32`, `struct`, `list`), or
    `nullable`/`required` for a nullability change, None where the field is absent."""

    path: str
    change: Change
    old: str | None
    new: str | None

    @property
    def breaking(self) -> bool:
        """Readers of the old version may fail: a field gone, retyped, or newly nullable."""
        return self.change in ("removed", "type") or (self.change == "nullable" and self.new == "nullable")


@dataclass(frozen=True)
class SchemaDiff:
    old_name: str | None
    old_fingerprint: str | None
    new_name: str | None
    new_fingerprint: str | None
    changes: list[FieldChange] = field(default_factory=list)
    comparable: bool = True  # False when a version kept no rows, so no shard records its schema

    @property
    def breaking(self) -> bool:
        return any(change.breaking for change in self.changes)

    @property
    def additive(self) -> bool:
        return bool(self.changes) and not self.breaking

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "breaking": self.breaking, "additive": self.additive}


def _kind(kind: pa.DataType) -> str:
    if pa.types.is_struct(kind):
        return "struct"
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return "list"
    return str(kind)


def _walk(kind: pa.DataType, path: str, nullable: bool, out: dict[str, tuple[str, bool]]) -> None:
    out[path] = (_kind(kind), nullable)
    if pa.types.is_struct(kind):
        for child in kind:
            _walk(child.type, f"{path}.{child.name}", child.nullable, out)
    elif pa.types.is_list(kind) or pa.types.is_large_list(kind):
        item = kind.value_field
        if pa.types.is_struct(item.type):
            for child in item.type:
                _walk(child.type, f"{path}[].{child.name}", child.nullable, out)
        elif pa.types.is_list(item.type):
            _walk(item.type, f"{path}[]", item.nullable, out)
        else:
            out[f"{path}[]"] = (_kind(item.type), item.nullable)


def schema_fields(schema: pa.Schema) -> dict[str, tuple[str, bool]]:
    """Every field path of `schema`, depth first, with (kind, nullable)."""
    out: dict[str, tuple[str, bool]] = {}
    for top in schema:
        _walk(top.type, top.name, top.nullable, out)
    return out


def _under(path: str, parents: set[str]) -> bool:
    return any(path.startswith(parent + ".") or path.startswith(parent + "[]") for parent in parents)


def field_changes(old: pa.Schema, new: pa.Schema) -> list[FieldChange]:
    """Added, removed, retyped and nullability-changed fields, in the new schema's order."""
    before, after = schema_fields(old), schema_fields(new)
    retyped = {p for p in before.keys() & after.keys() if before[p][0] != after[p][0]}
    reported = retyped | (before.keys() ^ after.keys())
    changes: list[FieldChange] = []
    for path in [*after, *(p for p in before if p not in after)]:
        if _under(path, reported):
            continue
        if path not in before:
            changes.append(FieldChange(path, "added", None, after[path][0]))
        elif path not in after:
            changes.append(FieldChange(path, "removed", before[path][0], None))
        elif path in retyped:
            changes.append(FieldChange(path, "type", before[path][0], after[path][0]))
        elif before[path][1] != after[path][1]:
            label = {True: "nullable", False: "required"}
            changes.append(FieldChange(path, "nullable", label[before[path][1]], label[after[path][1]]))
    return changes


def diff_schemas(old: pa.Schema | None, new: pa.Schema | None, old_recorded: SchemaRef,
                 new_recorded: SchemaRef) -> SchemaDiff:
    """The diff of two recorded schemas; `*_recorded` is a manifest's `schema` (name, fingerprint)."""
    def result(changes: list[FieldChange], comparable: bool = True) -> SchemaDiff:
        return SchemaDiff(old_recorded.name, old_recorded.fingerprint, new_recorded.name,
                          new_recorded.fingerprint, changes, comparable)

    if old is not None and new is not None:
        return result(field_changes(old, new))
    # A version that kept no rows has no shard to read: only the fingerprints can be compared.
    return result([], old_recorded.fingerprint == new_recorded.fingerprint)
