"""Rows that do not fit the schema become rejects in the worker; the writer never sees them."""

from __future__ import annotations

import copy
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

import curate.pipeline.document as document_module
from curate.pipeline.build import build
from curate.pipeline.fit import fit_rows, missing_required
from curate.pipeline.prepare import Prepared
from curate.schema import load_schema
from curate.store import Store
from versioning.corpus import tiny_config, write_corpus


def _row(sample_build) -> dict:
    shard = next(s for s in sample_build.manifest["shards"] if s["rows"])
    return pq.read_table(sample_build.path / shard["path"]).slice(0, 1).to_pylist()[0]


def _doc(n: int) -> Prepared:
    return Prepared(input_uri=f"in.jsonl#{n}", input_format="jsonl", input_sha256="0" * 64, document="text")


def test_nulls_where_the_schema_forbids_them_are_found_at_any_depth(sample_build) -> None:
    good = _row(sample_build)
    top, nested, in_list = copy.deepcopy(good), copy.deepcopy(good), copy.deepcopy(good)
    top["language"] = None
    nested["source"]["input_uri"] = None
    in_list["boilerplate"] = [{**(good["boilerplate"] or [{"kind": "share", "text": "x", "start": 0, "end": 1,
                                                           "score": 1.0, "rule": "r"}])[0], "rule": None}]
    optional = copy.deepcopy(good)
    optional["title"], optional["source"]["name"] = None, None  # nullable: fine
    table = pa.Table.from_pylist([good, top, nested, in_list, optional], schema=load_schema("article").arrow())
    assert missing_required(table) == {1: "language", 2: "source.input_uri", 3: "boilerplate[].rule"}


def test_fit_rows_sends_misfits_to_the_rejects(sample_build) -> None:
    good = _row(sample_build)
    null_text, wrong_type = copy.deepcopy(good), copy.deepcopy(good)
    null_text["text"] = None
    wrong_type["quality"]["n_words"] = "many"
    positions, rejects = [0, 1, 2], []
    table = fit_rows([good, null_text, wrong_type], [_doc(0), _doc(1), _doc(2)], positions, rejects)
    assert table.num_rows == 1 and positions == [0]
    assert [(p, r["reason"], r["input_uri"]) for p, r in rejects] == [
        (1, "write_schema_mismatch", "in.jsonl#1"), (2, "write_schema_mismatch", "in.jsonl#2")]
    assert "text is null" in rejects[0][1]["message"]


def test_a_row_with_a_forbidden_null_is_a_reject_and_the_build_goes_on(tmp_path: Path, monkeypatch) -> None:
    real = document_module.annotate

    def annotate(doc, ctx, template_keys=frozenset()):
        row = real(doc, ctx, template_keys)
        if doc.input_uri == "doc-001.txt":
            row["language"] = None  # a stage that returned nothing where the schema wants a value
        return row

    monkeypatch.setattr(document_module, "annotate", annotate)
    result = build([write_corpus(tmp_path / "in", dict.fromkeys(range(4), 0))], "news", tiny_config(),
                   store=Store(tmp_path / "store"))
    acc = result.manifest["accounting"]
    assert (acc["kept"], acc["by_reason"]) == (3, {"write_schema_mismatch": 1})
