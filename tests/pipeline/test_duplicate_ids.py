"""Records of one id (one canonical URL): one row, the others dropped with `policy_duplicate_id`."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curate.pipeline.build import BuildResult, build
from curate.pipeline.duplicate_ids import IdLedger
from curate.pipeline.rebuild import input_order, rebuild
from curate.store import Store
from curate.validation import validate_version
from versioning.corpus import article, tiny_config

URL = "https://news.example/2024/05/harbor-vote"


def _corpus(folder: Path) -> Path:
    """Record 0 and record 3 share a URL (tracking parameters differ): 3 is the corrected re-crawl."""
    folder.mkdir()
    records = [
        {"url": URL + "?utm_source=feed", "text": article(1), "source": "Harbor Post"},
        {"url": "https://news.example/other", "text": article(2), "source": "Harbor Post"},
        {"url": "https://news.example/third", "text": article(3), "source": "Harbor Post"},
        {"url": URL, "text": article(1, edition=2), "source": "Harbor Post"},
    ]
    (folder / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


def _rows(result: BuildResult, where: str) -> list[dict]:
    entries = result.manifest["shards" if where == "kept" else "rejects"]
    tables = [pq.read_table(result.path / e["path"]) for e in entries if e["rows"]]
    return pa.concat_tables(tables).to_pylist() if tables else []


@pytest.mark.parametrize(("keep", "kept_record", "dropped_record"), [("latest", 3, 0), ("first", 0, 3)])
def test_one_row_per_id(keep: str, kept_record: int, dropped_record: int, tmp_path: Path) -> None:
    config = tiny_config(policy={"keep_duplicate_id": keep}, validation={"split_tolerance": 1.0})
    store = Store(tmp_path / "store")
    result = build([_corpus(tmp_path / "in")], "news", config, store=store)
    kept = {row["source"]["input_uri"] for row in _rows(result, "kept")}
    assert kept == {f"crawl.jsonl#{n}" for n in (1, 2, kept_record)}
    [dropped] = [row for row in _rows(result, "rejects") if row["reason"] == "policy_duplicate_id"]
    assert dropped["input_uri"] == f"crawl.jsonl#{dropped_record}"
    assert f"crawl.jsonl#{kept_record}, which is kept" in dropped["message"]
    assert json.loads(dropped["row_json"])["id"] == dropped["id"], "the dropped record keeps its whole row"
    assert result.manifest["accounting"]["by_reason"] == {"policy_duplicate_id": 1}
    gate, _ = validate_version(store, "news", result.manifest["version"], config)
    assert gate.passed, [o.key for o in gate.failed]
    again = rebuild("news", result.manifest["version"], config, store=store)
    assert {row["source"]["input_uri"] for row in _rows(again, "kept")} == kept, "a rebuild decides the same"


def test_the_ledger_across_batches_and_given_order(tmp_path: Path) -> None:
    ledger = IdLedger(tmp_path / "uris")
    a, b, c = "a" * 32, "b" * 32, "c" * 32
    ledger.add([a, b], ["x#0", "x#1"])
    ledger.add([], [])
    ledger.add([c, a, a], ["x#2", "x#3", "x#4"])
    assert ledger.superseded("latest") == {0: {0: "x#4"}, 2: {1: "x#4"}}
    assert ledger.superseded("first") == {2: {1: "x#0", 2: "x#0"}}
    ledger.close()
    given = IdLedger(tmp_path / "uris")  # a rebuild: kept rows come first, their input order says otherwise
    given.add([a, b], ["in.jsonl#9", "in.jsonl#1"], [9, 1])
    given.add([a], ["in.jsonl#2"], [2])
    assert given.superseded("latest") == {1: {0: "in.jsonl#9"}}
    assert given.superseded("first") == {0: {0: "in.jsonl#2"}}
    given.close()
    assert not (tmp_path / "uris").exists()


def test_input_order_from_input_uris() -> None:
    order = input_order([{"uri": "a.jsonl"}, {"uri": "b.txt"}, {"uri": "hfset"}])
    ranked = sorted(["b.txt", "a.jsonl#10", "hfset/train#3", "a.jsonl#2", "unknown#1"], key=order)
    assert ranked == ["a.jsonl#2", "a.jsonl#10", "b.txt", "hfset/train#3", "unknown#1"]
