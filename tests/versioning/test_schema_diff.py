"""Schema changes field by field, on synthetic variants of the article schema and on stored shards."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from curate.schema import load_schema
from curate.store import Store, read_manifest
from curate.store.manifest import file_sha256, write_manifest
from curate.versioning import FieldChange, diff_versions
from curate.versioning.schema_diff import field_changes, schema_fields

ARTICLE = load_schema("article").arrow()


def _swap(schema: pa.Schema, name: str, field: pa.Field | None) -> pa.Schema:
    index = schema.get_field_index(name)
    return schema.remove(index) if field is None else schema.set(index, field)


def _with_struct(field: pa.Field, children: list[pa.Field]) -> pa.Field:
    return field.with_type(pa.struct(children))


def test_nested_paths_follow_the_field_table() -> None:
    paths = schema_fields(ARTICLE)
    table = {path for path, _, _ in load_schema("article").field_table()}
    assert table <= set(paths), "every path of the card's field table, in the same spelling"
    assert paths["claims[].content_parts[].start"] == ("int32", False)
    assert paths["source.authors"] == ("list", False) and paths["source.authors[]"] == ("string", False)
    assert paths["quality"] == ("struct", False) and paths["subtitle"] == ("string", True)


def test_breaking_changes_field_by_field() -> None:
    quality = ARTICLE.field("quality")
    claims = ARTICLE.field("claims")
    item = claims.type.value_field
    changed = _swap(ARTICLE, "subtitle", None)
    changed = _swap(changed, "language_score", ARTICLE.field("language_score").with_type(pa.float64()))
    changed = _swap(changed, "quality", _with_struct(quality, [*quality.type, pa.field("new_signal", pa.float32())]))
    changed = _swap(changed, "claims", claims.with_type(pa.list_(item.with_type(
        pa.struct([f for f in item.type if f.name != "cue_start"])))))
    changed = _swap(changed, "text", ARTICLE.field("text").with_nullable(True))
    assert field_changes(ARTICLE, changed) == [
        FieldChange("text", "nullable", "required", "nullable"),
        FieldChange("language_score", "type", "float", "double"),
        FieldChange("quality.new_signal", "added", None, "float"),
        FieldChange("subtitle", "removed", "string", None),
        FieldChange("claims[].cue_start", "removed", "int32", None),
    ]
    assert [c.breaking for c in field_changes(ARTICLE, changed)] == [True, True, False, True, True]


def test_a_kind_change_is_reported_once() -> None:
    source = ARTICLE.field("source")
    flat = [f.with_type(pa.string()) if f.name == "authors" else f for f in source.type]
    changes = field_changes(ARTICLE, _swap(ARTICLE, "source", _with_struct(source, flat)))
    assert changes == [FieldChange("source.authors", "type", "list", "string")]
    topic = pa.field("topic", pa.struct([pa.field("label", pa.string()), pa.field("score", pa.float32())]))
    assert field_changes(ARTICLE, ARTICLE.append(topic)) == [FieldChange("topic", "added", None, "struct")]


def test_a_field_made_required_is_not_breaking() -> None:
    changes = field_changes(ARTICLE, _swap(ARTICLE, "title", ARTICLE.field("title").with_nullable(False)))
    assert changes == [FieldChange("title", "nullable", "nullable", "required")] and not changes[0].breaking
    assert field_changes(ARTICLE, ARTICLE) == []


def _variant(store: Store, name: str, source: str, target: str, edit) -> None:
    """A copy of version `source` as `target`, every shard rewritten through `edit(table)`."""
    folder = store.version_dir(name, target)
    shutil.copytree(store.version_dir(name, source), folder)
    manifest = read_manifest(folder)
    for shard in manifest["shards"]:
        path = folder / shard["path"]
        table = edit(pq.read_table(path))
        pq.write_table(table, path)
        shard["sha256"] = file_sha256(path)
    manifest.update(version=target, parent=source, schema={"name": "article_v2", "fingerprint": "f" * 64})
    write_manifest(folder, manifest)


def test_diff_reads_the_schema_each_version_recorded(sample_build, tmp_path: Path) -> None:
    store = Store(tmp_path)
    shutil.copytree(sample_build.path, store.version_dir("sample", "1.0.0"))
    _variant(store, "sample", "1.0.0", "1.1.0", lambda t: t.append_column("topic", pa.nulls(t.num_rows, pa.string())))
    additive = diff_versions(store, "sample", "1.0.0", "1.1.0")
    assert additive.schema.changes == [FieldChange("topic", "added", None, "string")]
    assert (additive.bump, additive.suggested_version) == ("minor", "1.1.0")
    assert additive.documents.unchanged == sample_build.manifest["accounting"]["kept"]

    _variant(store, "sample", "1.1.0", "2.0.0", lambda t: t.drop_columns(["subtitle", "quality"]))
    breaking = diff_versions(store, "sample", "1.1.0", "2.0.0")
    assert breaking.schema.changes == [FieldChange("subtitle", "removed", "string", None),
                                       FieldChange("quality", "removed", "struct", None)], "children not repeated"
    assert breaking.bump == "major" and breaking.suggested_version == "2.0.0" and "subtitle removed" in breaking.reason
    stats = {s.key: s.new for s in breaking.stats}
    assert stats["words.total"] is None, "a version without the quality column has no word counts"
    assert stats["claims.per_doc"] is not None
    assert json.loads(json.dumps(breaking.to_dict()))["schema"]["breaking"] is True
