"""Reject rows keep provable evidence of their document, whichever path made them, and say when it was cut."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curate.config import load_config
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.pipeline import stages
from curate.pipeline.batches import rejects_table
from curate.pipeline.build import build
from curate.pipeline.document import PipelineContext, prepare_one, process
from curate.pipeline.fit import fit_rows
from curate.pipeline.prepare import Prepared
from curate.pipeline.rejects import Evidence, carried_reject, error_row, reject_row
from curate.readers.records import JsonLine
from curate.store import Store, read_manifest
from curate.validation import validate_version
from curate.validation.views import reject_view

BODY = ("The ferry board voted on Monday to keep the night crossing through March, after residents of the "
        "island said the last boat was their only way home from hospital shifts. The chair said the vote was close.")
BINARY = b"\x00\x01\x02 not text " * 100  # 1,300 bytes the readers call binary


def ctx(**readers: Any) -> PipelineContext:
    return PipelineContext.create(load_config(None, {"readers": readers, "executor": {"workers": 1}}))


def evidence_kept(rows: list[dict[str, Any]]) -> list[bool]:
    return reject_view(rejects_table(rows)).column("evidence_kept").to_pylist()


def test_bytes_under_the_cap_are_kept_whole() -> None:
    row = prepare_one(RawDoc("a.txt", "txt", BINARY, error=DocumentError("read_binary_content", "a.txt: binary")), ctx())
    assert isinstance(row, dict)
    assert row["raw"] == BINARY and row["raw_size"] == len(BINARY)
    assert row["input_sha256"] == hashlib.sha256(BINARY).hexdigest()
    assert "raw evidence" not in row["message"]
    assert evidence_kept([row]) == [True]


def test_the_cap_is_a_setting_and_the_message_says_it_cut() -> None:
    row = prepare_one(RawDoc("a.txt", "txt", BINARY, error=DocumentError("read_binary_content", "a.txt: binary")),
                      ctx(reject_raw_bytes=100))
    assert isinstance(row, dict)
    assert row["raw"] == BINARY[:100] and row["raw_size"] == len(BINARY)
    assert row["input_sha256"] == hashlib.sha256(BINARY).hexdigest()  # of every byte read, not of the kept ones
    assert row["message"] == f"a.txt: binary (raw evidence: first 100 of {len(BINARY)} bytes kept)"
    assert evidence_kept([row]) == [True]


def test_a_document_the_reader_cut_keeps_its_full_size() -> None:
    doc = RawDoc("big.html", "html", b"<p>" * 10, error=DocumentError("read_too_large", "big.html: too large"),
                 raw_size=50_000_000)
    row = error_row(Evidence.read(doc, cap=8), doc.error)  # type: ignore[arg-type]
    assert row["raw"] == b"<p><p><p"[:8] and row["raw_size"] == 50_000_000
    assert row["message"].endswith("(raw evidence: first 8 of 50000000 bytes kept)")


def test_nothing_read_claims_nothing() -> None:
    row = prepare_one(RawDoc("e.txt", "txt", b"", error=DocumentError("read_empty_file", "e.txt: empty")), ctx())
    assert isinstance(row, dict)
    assert (row["raw"], row["raw_size"], row["input_sha256"]) == (None, None, None)
    assert evidence_kept([row]) == [True]


def test_a_json_line_that_fails_keeps_the_bytes_the_kept_row_would_hash() -> None:
    line = JsonLine("in.jsonl#0", 0, json.dumps({"text": "   "}).encode() + b"\n")
    row = prepare_one(line, ctx())
    assert isinstance(row, dict) and row["reason"] == "normalize_empty_text"
    assert row["raw"] == line.raw.rstrip(b"\n") and row["raw_size"] == len(line.raw) - 1


def prepared() -> Prepared:
    return Prepared(input_uri="p.txt", input_format="txt", input_sha256="ab" * 32, document=BODY,
                    title="Ferry", publisher="Gazette")


def test_a_failure_after_preparation_keeps_the_prepared_document(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: Any) -> Any:
        raise IndexError("quality bug")

    monkeypatch.setattr(stages.quality, "quality_signals", broken)
    outcome, row = process(prepared(), ctx())
    assert outcome == "rejected" and row["reason"] == "pipeline_unexpected_error"
    kept = json.loads(row["row_json"])
    assert kept["document"] == BODY and kept["title"] == "Ferry" and kept["input_sha256"] == "ab" * 32
    assert (row["raw"], row["raw_size"], row["input_sha256"]) == (None, None, "ab" * 32)
    assert evidence_kept([row]) == [True]


def test_a_row_that_does_not_fit_the_schema_keeps_the_prepared_document() -> None:
    rejects: list[tuple[int, dict[str, Any]]] = []
    table = fit_rows([{"id": "x", "text": 5}], [prepared()], [0], rejects)
    assert table.num_rows == 0
    [(position, row)] = rejects
    assert position == 0 and row["reason"] == "write_schema_mismatch" and row["id"] == "x"
    assert json.loads(row["row_json"])["document"] == BODY
    assert evidence_kept([row]) == [True]


def test_lone_surrogates_never_stop_the_row_from_being_written() -> None:
    doc = RawDoc("s\udcff.jsonl#0", "jsonl", b'{"text": "\\ud800"}',
                 error=DocumentError("read_malformed_record", "s\udcff.jsonl#0: bad \ud800"))
    row = error_row(Evidence.read(doc, cap=100), doc.error)  # type: ignore[arg-type]
    assert row["message"] == "s\\udcff.jsonl#0: bad \\ud800" and row["input_uri"] == "s\\udcff.jsonl#0"
    dropped = reject_row(Evidence.prepared(Prepared("p", "txt", "ab" * 32, "lone \ud800 here")),
                         reason="claims_failed", stage="claims", message="p: failed")
    assert json.loads(dropped["row_json"])["document"] == "lone \ud800 here"  # the escape reads back as it was
    assert rejects_table([row, dropped]).num_rows == 2


def test_a_rebuild_carries_reject_v1_rows_with_what_they_can_prove() -> None:
    whole = {"raw": b"abc", "input_sha256": hashlib.sha256(b"abc").hexdigest()}
    cut = {"raw": b"ab", "input_sha256": hashlib.sha256(b"abc").hexdigest()}
    assert carried_reject(whole)["raw_size"] == 3
    assert carried_reject(cut)["raw_size"] is None  # the gate will say it cannot be proven
    assert carried_reject({"raw": None, "input_sha256": None})["raw_size"] is None
    current = {"raw": b"ab", "raw_size": 9}
    assert carried_reject(current) is current


def test_a_build_writes_the_cap_and_its_note(tmp_path: Path) -> None:
    data = tmp_path / "in"
    data.mkdir()
    (data / "binary.txt").write_bytes(BINARY)
    (data / "ok.jsonl").write_text(json.dumps({"text": BODY}) + "\n", encoding="utf-8")
    config = load_config(None, {"executor": {"workers": 1}, "readers": {"reject_raw_bytes": 64},
                                "policy": {"min_words": 10}, "sources": {"default": "Gazette"}})
    store = Store(tmp_path / "store")
    result = build([data], "capped", config, store=store)
    manifest = read_manifest(result.path)
    assert manifest["reject_schema"]["name"] == "reject_v2"
    [row] = [r for s in manifest["rejects"] for r in pq.read_table(result.path / s["path"]).to_pylist()]
    assert row["raw"] == BINARY[:64] and row["raw_size"] == len(BINARY)
    assert f"first 64 of {len(BINARY)} bytes kept" in row["message"]
    gate, _ = validate_version(store, "capped", manifest["version"], config)
    assert gate.passed, [o.key for o in gate.failed]
    assert pa.types.is_int64(pq.read_schema(result.path / manifest["rejects"][0]["path"]).field("raw_size").type)
