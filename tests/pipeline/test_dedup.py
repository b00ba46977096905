"""Exact duplicates: the first copy in input order is kept, later copies are dropped with their row."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from curate.config import SplitsConfig, load_config
from curate.pipeline.build import build
from curate.pipeline.dedup import REASON
from curate.signals import identity
from curate.store import Store, read_manifest

BODY = ("The ferry board voted on Monday to keep the night crossing through March, after residents of the "
        "island said the last boat was their only way home from hospital shifts. The chair said the vote was close.")


def _build(tmp_path: Path, drop: bool) -> tuple[dict, list[dict], list[dict]]:
    data = tmp_path / "in.jsonl"
    records = [{"title": f"Copy {n}", "text": BODY, "url": f"https://site{n}.example/ferry"} for n in range(3)]
    records.append({"title": "Other", "text": BODY.replace("Monday", "Tuesday"), "url": "https://x.example/o"})
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    config = load_config(None, {"executor": {"workers": 1}, "policy": {"min_words": 10, "drop_exact_duplicates": drop},
                                "dedup": {"enabled": False}})  # exact duplicates alone: "Other" is a near-copy
    result = build([data], f"d{int(drop)}", config, store=Store(tmp_path / "store"))
    manifest = read_manifest(result.path)
    def rows(key: str) -> list[dict]:
        return [row for s in manifest[key] for row in pq.read_table(result.path / s["path"]).to_pylist()]

    return manifest, rows("shards"), rows("rejects")


def test_later_copies_are_dropped_with_their_row(tmp_path: Path) -> None:
    manifest, kept, rejects = _build(tmp_path, drop=True)
    assert sorted(row["title"] for row in kept) == ["Copy 0", "Other"]
    assert [r["reason"] for r in rejects] == ["policy_duplicate_content"] * 2
    assert {json.loads(r["row_json"])["title"] for r in rejects} == {"Copy 1", "Copy 2"}
    acc = manifest["accounting"]
    assert (acc["read"], acc["kept"], acc["dropped"]) == (4, 2, 2)
    assert acc["by_reason"] == {"policy_duplicate_content": 2}


def test_duplicates_can_be_kept(tmp_path: Path) -> None:
    manifest, kept, _ = _build(tmp_path, drop=False)
    assert len(kept) == 4 and manifest["accounting"]["dropped"] == 0


def _url_in(split: str, start: int = 0) -> str:
    """A url whose document lands in `split`."""
    for n in range(start, start + 10_000):
        url = f"https://paper{n}.example/story"
        if identity.assign_split(identity.document_id(url, "in.jsonl"), SplitsConfig()) == split:
            return url
    raise AssertionError(split)


def test_the_first_copy_wins_across_splits_whatever_the_batching(tmp_path: Path) -> None:
    other = BODY.replace("ferry", "tram")
    records = [
        {"title": "First", "text": BODY, "url": _url_in("train")},
        {"title": "Short", "text": "Too short to keep.", "url": _url_in("train", 100)},
        {"title": "Second", "text": BODY, "url": _url_in("test")},  # a split written before train
        {"title": "Other first", "text": other, "url": _url_in("validation")},
        {"title": "Other second", "text": other, "url": _url_in("train", 200)},
    ]
    data = tmp_path / "in.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    digests = []
    for workers, batch_size in ((1, 1), (1, 2), (1, 5), (2, 1), (2, 2)):
        config = load_config(None, {"executor": {"workers": workers, "batch_size": batch_size},
                                    "policy": {"min_words": 10}, "dedup": {"enabled": False}})
        result = build([data], f"b{workers}{batch_size}", config, store=Store(tmp_path / "store"))
        manifest = read_manifest(result.path)
        digests.append([(s["path"], s["sha256"]) for s in manifest["shards"] + manifest["rejects"]])
        rejects = [row for s in manifest["rejects"] for row in pq.read_table(result.path / s["path"]).to_pylist()]
        assert [r["reason"] for r in rejects] == ["policy_too_short", REASON, REASON], batch_size
        assert [json.loads(r["row_json"])["title"] for r in rejects] == ["Short", "Second", "Other second"]
    assert all(digest == digests[0] for digest in digests)
