"""The dataset schemas: one JSON file each in `schemas/`, every typed view derived from it.

`schemas/article_v1.json` is the only place a field is named with its type (and
`schemas/reject_v<n>.json` for the rejects; a changed contract is a new file, the old one stays). The Arrow schema the
writers cast to, the `datasets.Features` the loaders use, the JSON Schema for consumers and the
dataset card's field table are all functions of that file, so they cannot drift apart.

>>> schema = load_schema("article")
>>> schema.arrow().field("text").type
DataType(string)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import TYPE_CHECKING, Any

import pyarrow as pa

if TYPE_CHECKING:
    from curate.store.manifest import Manifest

_ARROW_SCALARS: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float32": pa.float32(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
    "binary": pa.binary(),
}
_JSON_SCALARS: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "int32": {"type": "integer", "minimum": -(2**31), "maximum": 2**31 - 1},
    "int64": {"type": "integer"},
    "float32": {"type": "number"},
    "float64": {"type": "number"},
    "bool": {"type": "boolean"},
    "binary": {"type": "string", "contentEncoding": "base64"},
}
SCHEMA_METADATA_KEY = b"curate.schema"


@dataclass(frozen=True)
class Schema:
    """A parsed schema file; `spec` is the file's JSON exactly as written."""

    spec: dict[str, Any]

    @property
    def name(self) -> str:
        """`<id>_v<version>`, e.g. `article_v1`: what manifests and Parquet metadata record."""
        return f"{self.spec['id']}_v{self.spec['version']}"

    @property
    def enums(self) -> dict[str, dict[str, str]]:
        enums: dict[str, dict[str, str]] = self.spec.get("enums", {})
        return enums

    def enum_values(self, enum: str) -> list[str]:
        return list(self.enums[enum])

    @cached_property
    def fingerprint(self) -> str:
        """sha256 of the canonical JSON of the file: changes whenever any type, name or text does."""
        canonical = json.dumps(self.spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def children(self, node: dict[str, Any]) -> list[dict[str, Any]]:
        """A struct's child fields, expanding `fields_from_enum` into one bool per enum value."""
        if "fields_from_enum" in node:
            enum = self.enums[node["fields_from_enum"]]
            return [
                {"name": value, "type": "bool", "nullable": False,
                 "description": f"{node['flag_description']} ({value}: {text})"}
                for value, text in enum.items()
            ]
        fields: list[dict[str, Any]] = node["fields"]
        return fields

    # -- Arrow ------------------------------------------------------------------------------
    def _arrow_type(self, node: dict[str, Any]) -> pa.DataType:
        kind = node["type"]
        if kind == "struct":
            return pa.struct([self._arrow_field(f) for f in self.children(node)])
        if kind == "list":
            return pa.list_(self._arrow_field({"name": "item", **node["items"]}))
        return _ARROW_SCALARS[kind]

    def _arrow_field(self, node: dict[str, Any]) -> pa.Field:
        return pa.field(
            node["name"],
            self._arrow_type(node),
            nullable=node.get("nullable", True),
            metadata={"description": node["description"]},
        )

    def arrow(self) -> pa.Schema:
        """The Arrow schema every shard is cast to; its metadata names the schema and fingerprint."""
        return self._arrow

    @cached_property
    def _arrow(self) -> pa.Schema:
        meta = json.dumps({"name": self.name, "fingerprint": self.fingerprint})
        return pa.schema(
            [self._arrow_field(f) for f in self.spec["fields"]],
            metadata={SCHEMA_METADATA_KEY: meta.encode()},
        )

    # -- datasets.Features ------------------------------------------------------------------
    def _feature(self, node: dict[str, Any]) -> Any:
        from datasets import List, Value

        kind = node["type"]
        if kind == "struct":
            return {f["name"]: self._feature(f) for f in self.children(node)}
        if kind == "list":
            return List(self._feature(node["items"]))
        return Value(kind)

    def features(self) -> Any:
        """The `datasets.Features` of a row (imported lazily: `datasets` takes seconds to load)."""
        from datasets import Features

        return Features({f["name"]: self._feature(f) for f in self.spec["fields"]})

    # -- JSON Schema ------------------------------------------------------------------------
    def _json_node(self, node: dict[str, Any]) -> dict[str, Any]:
        kind = node["type"]
        if kind == "struct":
            children = self.children(node)
            out: dict[str, Any] = {
                "type": "object",
                "properties": {f["name"]: self._json_node(f) for f in children},
                "required": [f["name"] for f in children],
                "additionalProperties": False,
            }
        elif kind == "list":
            out = {"type": "array", "items": self._json_node(node["items"])}
        else:
            out = dict(_JSON_SCALARS[kind])
        if "enum" in node:
            out["enum"] = self.enum_values(node["enum"])
        if node.get("nullable", True):
            out = {"anyOf": [out, {"type": "null"}]}
        out["description"] = node["description"]
        return out

    def json_schema(self) -> dict[str, Any]:
        """A draft 2020-12 JSON Schema of one row, for consumers outside Python."""
        root = self._json_node({"type": "struct", "fields": self.spec["fields"], "nullable": False,
                                "description": self.spec["description"]})
        return {"$schema": "https://json-schema.org/draft/2020-12/schema",
                "$id": f"curate:{self.name}", "title": self.name, **root}

    # -- Field table (dataset card, docs) ---------------------------------------------------
    def field_table(self) -> Iterator[tuple[str, str, str]]:
        """(dotted path, type, description) for every field, depth first."""

        def walk(node: dict[str, Any], path: str) -> Iterator[tuple[str, str, str]]:
            kind = node["type"]
            type_name = f"list<{node['items']['type']}>" if kind == "list" else kind
            if "enum" in node:
                type_name += " (" + " | ".join(self.enum_values(node["enum"])) + ")"
            yield path, type_name, node["description"]
            if kind == "struct":
                for child in self.children(node):
                    yield from walk(child, f"{path}.{child['name']}")
            elif kind == "list" and node["items"]["type"] == "struct":
                for child in self.children(node["items"]):
                    yield from walk(child, f"{path}[].{child['name']}")

        for field in self.spec["fields"]:
            yield from walk(field, field["name"])


@cache
def current_version(schema_id: str) -> int:
    """The newest version of a schema: the largest n of the shipped `<id>_v<n>.json` files."""
    prefix = f"{schema_id}_v"
    found = [int(entry.name[len(prefix):-len(".json")]) for entry in resources.files("curate.schemas").iterdir()
             if entry.name.startswith(prefix) and entry.name.endswith(".json")
             and entry.name[len(prefix):-len(".json")].isdigit()]
    if not found:
        raise KeyError(f"no schema named {schema_id!r}")
    return max(found)


@cache
def load_schema(schema_id: str, version: int | None = None) -> Schema:
    """Load `schemas/<id>_v<version>.json` (shipped in the package as `curate.schemas`); by
    default the newest version, the one builds write. Older versions stay, so the versions
    written under them are still checked against their own contract."""
    path = resources.files("curate.schemas") / f"{schema_id}_v{version or current_version(schema_id)}.json"
    return Schema(json.loads(path.read_text(encoding="utf-8")))


def load_named(name: str) -> Schema:
    """The schema a manifest or a shard names, e.g. `reject_v1`; KeyError when none is shipped."""
    schema_id, _, version = name.rpartition("_v")
    if not schema_id or not version.isdigit():
        raise KeyError(f"not a schema name: {name!r}")
    try:
        return load_schema(schema_id, int(version))
    except FileNotFoundError as exc:
        raise KeyError(f"no schema {name!r} (this curate ships {schema_id}_v1 to "
                       f"{schema_id}_v{current_version(schema_id)})") from exc


def article_schema_of(manifest: Manifest) -> Schema:
    """The article schema a version was written under (its manifest's `schema`): what loading or
    publishing it must describe, which today's schema may not be."""
    return load_named(manifest.schema_.name)
