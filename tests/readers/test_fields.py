"""Fields users control: the `id` role, nested paths in every record format, and the record's
other fields kept in `metadata`. Every bad record is a reject with a reason, never a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.config import FieldMap, ReadersConfig
from curate.document import NotDocument, RawDoc
from curate.readers import discover, read_input
from curate.readers.fields import doc_from_record


def _config(**roles: list[str]) -> ReadersConfig:
    return ReadersConfig(fields=FieldMap(**roles))


def _docs(path: Path, config: ReadersConfig) -> list[RawDoc]:
    inputs, _ = discover([path])
    return [doc for item in inputs for doc in read_input(item, config) if not isinstance(doc, NotDocument)]


def _one(record: dict[str, Any], config: ReadersConfig) -> RawDoc:
    return doc_from_record(record, config, input_uri="in.jsonl#0", input_format="jsonl", raw=b"{}")


def _reason(doc: RawDoc) -> str | None:
    return None if doc.error is None else doc.error.reason


NESTED = _config(text=["article.body"], title=["article.head\\.line"], id=["meta.doc_id"])
RECORD = {"article": {"body": "Body text.", "head.line": "A title", "section": "World"},
          "meta": {"doc_id": "A-1", "crawl": 3}, "lang": "en"}


def test_nested_paths_the_id_and_the_rest_in_metadata() -> None:
    doc = _one(RECORD, NESTED)
    assert (doc.text, doc.title, doc.record_id, doc.error) == ("Body text.", "A title", "A-1", None)
    assert json.loads(doc.metadata or "") == {"article": {"section": "World"}, "meta": {"crawl": 3}, "lang": "en"}
    assert doc.metadata_omitted == []


@pytest.mark.parametrize("layout", ["jsonl", "json", "parquet", "hf"])
def test_every_record_format_reads_nested_paths(tmp_path: Path, layout: str) -> None:
    rows = [RECORD, {**RECORD, "article": {"body": "Second.", "head.line": "B", "section": "Sport"},
                     "meta": {"doc_id": "A-2", "crawl": 4}}]
    if layout == "jsonl":
        path = tmp_path / "in.jsonl"
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    elif layout == "json":
        path = tmp_path / "in.json"
        path.write_text(json.dumps(rows), encoding="utf-8")
    elif layout == "parquet":
        path = tmp_path / "in.parquet"
        pq.write_table(pa.Table.from_pylist(rows), path)  # article and meta are structs
    else:
        import datasets

        path = tmp_path / "saved"
        datasets.Dataset.from_list(rows).save_to_disk(str(path))
    docs = _docs(path, NESTED)
    assert [(d.text, d.title, d.record_id, d.error) for d in docs] == [
        ("Body text.", "A title", "A-1", None), ("Second.", "B", "A-2", None)]
    assert json.loads(docs[1].metadata or "") == {"article": {"section": "Sport"}, "meta": {"crawl": 4}, "lang": "en"}


def test_a_missing_path_on_one_record_rejects_that_record_only(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    rows = [RECORD, {"article": {"lede": "no body"}, "meta": {"doc_id": "A-3"}}, RECORD | {"meta": {"doc_id": "A-4"}}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    first, missing, last = _docs(path, NESTED)
    assert _reason(first) is None and _reason(last) is None and last.record_id == "A-4"
    assert _reason(missing) == "read_no_text_field" and "article.body" in str(missing.error)


@pytest.mark.parametrize(("article", "said"), [
    ("a string", "field 'article' holds a string, not an object (looking for 'article.body')"),
    ([{"body": "in a list"}], "field 'article' holds a list, not an object (looking for 'article.body')"),
    (42, "field 'article' holds a number"),
    (True, "field 'article' holds a boolean"),
])
def test_a_path_through_a_value_that_is_not_an_object_is_a_wrong_type(article: Any, said: str) -> None:
    doc = _one({"article": article, "meta": {"doc_id": "x"}}, NESTED)
    assert _reason(doc) == "read_wrong_type" and said in str(doc.error) and str(doc.error).startswith("in.jsonl#0:")


def test_a_list_index_in_a_path() -> None:
    doc = _one({"paragraphs": [{"text": "First."}, {"text": "Second."}]}, _config(text=["paragraphs.1.text"]))
    assert doc.text == "Second." and json.loads(doc.metadata or "") == {"paragraphs": [{"text": "First."}, {"text": "Second."}]}


def test_a_flat_dotted_column_is_read_as_it_is() -> None:
    doc = _one({"article.body": "Flat body.", "other": 1}, _config(text=["article.body"]))
    assert doc.text == "Flat body." and json.loads(doc.metadata or "") == {"other": 1}


@pytest.mark.parametrize(("value", "reason", "said"), [
    (None, "read_missing_id", "no id (looked for ['doc_id']"),
    ("", "read_missing_id", "no id"),
    ("  \t", "read_missing_id", "only white space"),
    (1.5, "read_wrong_type", "field 'doc_id' holds a number, not an id"),
    (True, "read_wrong_type", "holds a boolean, not an id"),
    (["a"], "read_wrong_type", "holds a list, not an id"),
    ({"v": "a"}, "read_wrong_type", "holds an object, not an id"),
])
def test_an_id_that_is_not_one_is_a_reject_with_a_reason(value: Any, reason: str, said: str) -> None:
    doc = _one({"text": "Body.", "doc_id": value}, _config(id=["doc_id"]))
    assert _reason(doc) == reason and said in str(doc.error)


def test_ids_are_strings_or_integers_as_written() -> None:
    ids = _config(id=["doc_id", "uuid"])
    assert _one({"text": "B.", "doc_id": 17}, ids).record_id == "17"
    assert _one({"text": "B.", "uuid": " x-1 "}, ids).record_id == " x-1 ", "an id is taken as written"
    assert _one({"text": "B.", "doc_id": "ïd\ud800"}, ids).record_id == "ïd\ufffd"
    assert _one({"text": "B.", "doc_id": 1}, ReadersConfig()).record_id is None, "no id role by default"
    assert json.loads(_one({"text": "B.", "doc_id": 1}, ReadersConfig()).metadata or "") == {"doc_id": 1}


def test_huge_metadata_is_capped_by_the_budget() -> None:
    config = ReadersConfig(metadata_bytes=1000)
    doc = _one({"text": "B.", "small": "s", "comments": ["c" * 100] * 100, "tail": 1}, config)
    assert doc.error is None and len((doc.metadata or "").encode()) <= 1000
    assert json.loads(doc.metadata or "") == {"small": "s", "tail": 1} and doc.metadata_omitted == ["comments"]


def test_unicode_and_dotted_keys_in_metadata() -> None:
    doc = _one({"text": "B.", "日付": "2024", "a.b": {"ключ": [1, 2]}, "": "empty key"}, ReadersConfig())
    assert json.loads(doc.metadata or "") == {"日付": "2024", "a.b": {"ключ": [1, 2]}, "": "empty key"}


def test_a_deeply_nested_record_through_the_json_reader_is_a_reject_or_a_document(tmp_path: Path) -> None:
    deep = '{"text": "Body.", "x": ' + "[" * 50_000 + "]" * 50_000 + "}\n"
    fine = '{"text": "Body.", "x": ' + "[" * 200 + "]" * 200 + "}\n"
    (tmp_path / "d.jsonl").write_text(deep + fine, encoding="utf-8")
    too_deep, kept = _docs(tmp_path / "d.jsonl", ReadersConfig())
    assert _reason(too_deep) == "read_malformed_record"
    assert kept.error is None and kept.metadata is None and kept.metadata_omitted == ["x"]


_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
                       lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                       max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["text", "article", "meta", "doc_id", "x.y", "é"]), _VALUES, max_size=6),
       st.lists(st.sampled_from(["article.body", "text", "meta.0", "x.y", "x\\.y", "é.é", "meta.doc_id"]),
                min_size=1, max_size=3))
def test_any_record_under_any_paths_is_a_document_or_a_reject(record: dict, paths: list[str]) -> None:
    """Whatever the record holds at the paths: no exception, and an error names a reason."""
    doc = _one(record, _config(text=paths, id=paths[:1], title=paths[-1:]))
    assert doc.error is None or doc.error.reason in {"read_wrong_type", "read_missing_id", "read_no_text_field"}
    if doc.error is None:
        assert doc.text and doc.record_id
