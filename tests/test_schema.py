"""The Arrow schema, the datasets Features and the JSON Schema are one schema seen three ways."""

from __future__ import annotations

import json
import subprocess
import sys
from types import SimpleNamespace

import pyarrow as pa
import pytest
from jsonschema import Draft202012Validator

from curate.schema import load_schema


def _plain(t: pa.DataType) -> str:
    """A type's shape without nullability, metadata or list item names."""
    if pa.types.is_struct(t):
        return "struct<" + ",".join(f"{f.name}:{_plain(f.type)}" for f in t) + ">"
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return f"list<{_plain(t.value_type)}>"
    return str(t)


@pytest.mark.parametrize("schema_id", ["article", "reject"])
def test_features_and_arrow_agree(schema_id: str) -> None:
    schema = load_schema(schema_id)
    arrow = schema.arrow()
    features = schema.features().arrow_schema
    assert arrow.names == features.names
    for field in arrow:
        assert _plain(field.type) == _plain(features.field(field.name).type), field.name


def _json_types(node: dict) -> set[str]:
    if "anyOf" in node:
        return {t for option in node["anyOf"] for t in _json_types(option)} - {"null"}
    return {node["type"]}


def _check(field: pa.Field, node: dict) -> None:
    """The JSON Schema node has the Arrow field's type, nullability and children."""
    json_nullable = "anyOf" in node
    assert json_nullable == field.nullable, field.name
    inner = node["anyOf"][0] if json_nullable else node
    t = field.type
    if pa.types.is_struct(t):
        assert inner["type"] == "object"
        assert list(inner["properties"]) == [c.name for c in t]
        for child in t:
            _check(child, inner["properties"][child.name])
    elif pa.types.is_list(t):
        assert inner["type"] == "array"
        _check(t.value_field, inner["items"])
    elif pa.types.is_integer(t):
        assert inner["type"] == "integer"
    elif pa.types.is_floating(t):
        assert inner["type"] == "number"
    elif pa.types.is_boolean(t):
        assert inner["type"] == "boolean"
    else:
        assert inner["type"] == "string"


@pytest.mark.parametrize("schema_id", ["article", "reject"])
def test_json_schema_agrees_with_arrow(schema_id: str) -> None:
    schema = load_schema(schema_id)
    document = schema.json_schema()
    Draft202012Validator.check_schema(document)
    assert list(document["properties"]) == schema.arrow().names
    for field in schema.arrow():
        _check(field, document["properties"][field.name])


def test_every_field_is_described() -> None:
    for schema_id in ("article", "reject"):
        for path, _type, description in load_schema(schema_id).field_table():
            assert description.strip(), path


def test_flags_follow_the_boilerplate_kinds() -> None:
    schema = load_schema("article")
    flags = schema.arrow().field("flags").type
    assert [f.name for f in flags] == schema.enum_values("boilerplate_kind")


def test_fingerprint_is_recorded_in_arrow_metadata() -> None:
    schema = load_schema("article")
    meta = json.loads(schema.arrow().metadata[b"curate.schema"])
    assert meta == {"name": "article_v3", "fingerprint": schema.fingerprint}


@pytest.mark.parametrize("fmt", ["arrow", "features", "jsonschema", "fields"])
def test_cli_prints_each_view(fmt: str) -> None:
    out = subprocess.run([sys.executable, "-m", "curate", "schema", "--format", fmt],
                         capture_output=True, text=True, check=True).stdout
    assert "claims" in out and "boilerplate_ratio" in out


def test_article_v3_is_v2_with_the_name_a_pronoun_source_stands_for() -> None:
    from curate.versioning.schema_diff import field_changes

    changes = field_changes(load_schema("article", 2).arrow(), load_schema("article", 3).arrow())
    assert [(c.path, c.change, c.breaking) for c in changes] == [("claims[].source_resolved", "added", False)]


def test_article_v2_is_v1_with_the_fields_users_control_and_whether_claims_were_looked_for() -> None:
    from curate.schema import article_schema_of
    from curate.versioning.schema_diff import field_changes

    changes = field_changes(load_schema("article", 1).arrow(), load_schema("article", 2).arrow())
    assert [(c.path, c.change) for c in changes] == [
        ("source.record_id", "added"), ("metadata", "added"), ("metadata_omitted", "added"),
        ("claims_attempted", "added")]
    assert not any(change.breaking for change in changes)
    recorded = SimpleNamespace(schema_=SimpleNamespace(name="article_v1"))  # an old version's manifest, as read
    assert article_schema_of(recorded).name == "article_v1", "an old version loads as written"
