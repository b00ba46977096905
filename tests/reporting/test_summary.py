"""The report's figures: they agree with the rows and the manifest, whatever the batching."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from curate.boilerplate.page import is_page_rule
from curate.config import SourcesConfig
from curate.pipeline.build import BuildResult
from curate.pipeline.dedup import REASON
from curate.reporting.rejects import DUPLICATE_REASON, RejectFigures
from curate.reporting.summary import collect_articles, summarize
from curate.schema import load_schema
from curate.store import Store


def _rows(build: BuildResult) -> list[dict]:
    return [row for shard in build.manifest["shards"] for row in pq.read_table(build.path / shard["path"]).to_pylist()]


def test_figures_agree_with_rows_and_manifest(report_store: Store, sample_build: BuildResult) -> None:
    summary = summarize(report_store, "sample", "1.0.0").summary
    rows, acc = _rows(sample_build), sample_build.manifest["accounting"]
    mine = summary["accounting"]
    assert (mine["read"], mine["kept"], mine["dropped"], mine["rejected"]) == (
        acc["read"], acc["kept"], acc["dropped"], acc["rejected"])
    assert {**mine["dropped_by_reason"], **mine["rejected_by_reason"]} == acc["by_reason"]
    assert sum(s["documents"] for s in summary["sources"]) == len(rows)
    assert sum(s["dropped"] + s["rejected"] for s in summary["sources"]) == acc["dropped"] + acc["rejected"]
    by_source = Counter(row["source"]["name"] for row in rows)
    assert {s["source"]: s["documents"] for s in summary["sources"] if s["documents"]} == by_source
    assert summary["boilerplate"]["spans"] == sum(len(row["boilerplate"]) for row in rows)
    kinds = Counter(span["kind"] for row in rows for span in row["boilerplate"])
    assert {k["kind"]: k["spans"] for k in summary["boilerplate"]["by_kind"]} == kinds
    assert summary["claims"]["claims"] == sum(len(row["claims"]) for row in rows)
    assert summary["claims"]["status"] == dict(Counter(c["status"] for row in rows for c in row["claims"]))
    assert summary["distributions"]["n_words"]["total"] == len(rows)
    assert sum(x["documents"] for x in summary["languages"]) == len(rows)
    top = summary["boilerplate"]["top_lines"][0]
    lines = Counter((span["text"].strip()[:200], span["kind"]) for row in rows for span in row["boilerplate"]
                    if not is_page_rule(span["rule"]))  # what HTML extractors left out is not listed
    assert (top["count"], top["max_error"]) == (lines.most_common(1)[0][1], 0)


def test_rejected_documents_are_named_by_source(report_store: Store) -> None:
    summary = summarize(report_store, "sample", "1.0.0").summary
    dropped = [r for r in summary["rejects"] if r["status"] == "dropped"]
    assert dropped and all(e["source"] != "(no publisher)" for r in dropped for e in r["examples"])
    assert all(len(r["examples"]) == min(3, r["documents"]) for r in summary["rejects"])


def test_batching_does_not_change_the_figures(report_store: Store) -> None:
    one = summarize(report_store, "sample", "1.0.0")
    for rows in (1, 4):
        other = summarize(report_store, "sample", "1.0.0", batch_rows=rows)
        assert other.summary == one.summary
        assert [d.row["id"] for d in other.documents] == [d.row["id"] for d in one.documents]


def _figures(paths: list[Path], **options: int) -> tuple:
    articles, removed, claims = collect_articles(paths, **options)
    figures = articles.to_json()
    return figures, removed.to_json(figures["documents"]), claims.to_json(), articles.sample_ids()


def test_many_shards_equal_one(sample_build: BuildResult, tmp_path: Path) -> None:
    """The same rows cut into many shards give the same figures as one shard."""
    whole = pa.concat_tables([pq.read_table(sample_build.path / s["path"]) for s in sample_build.manifest["shards"]])
    pq.write_table(whole, tmp_path / "one.parquet")
    parts = []
    for i, start in enumerate(range(0, whole.num_rows, 5)):
        parts.append(tmp_path / f"part-{i}.parquet")
        pq.write_table(whole.slice(start, 5), parts[-1])
    assert len(parts) > 3
    assert _figures([tmp_path / "one.parquet"]) == _figures(parts, batch_rows=2)


def test_duplicate_reason_is_the_pipelines() -> None:
    assert DUPLICATE_REASON == REASON


def test_reject_sources_ignore_look_alikes_in_the_text() -> None:
    row = {"title": 'quoting "source": {"name": "Fake"}', "source": {"name": "Real \"Times\"", "domain": None}}
    table = pa.Table.from_pylist([
        {"status": "dropped", "reason": DUPLICATE_REASON, "stage": "policy", "message": "same text",
         "input_uri": "a.jsonl#1", "id": "x1", "row_json": json.dumps(row, ensure_ascii=False)},
        {"status": "rejected", "reason": "read_empty_file", "stage": "read", "message": "empty",
         "input_uri": "wire/b.txt", "id": None, "row_json": None},
    ], schema=load_schema("reject").arrow())
    figures = RejectFigures(SourcesConfig(folders={"wire": "Wire Desk"}))
    for batch in table.to_batches():
        figures.add(batch)
    found = figures.to_json()
    assert found["by_source"] == {"Real \"Times\"": {"dropped": 1, "rejected": 0},
                                  "Wire Desk": {"dropped": 0, "rejected": 1}}
    assert found["exact_duplicates"]["documents"] == 1
    assert found["exact_duplicates"]["examples"][0]["id"] == "x1"


def test_sources_are_counted_by_the_name_a_pronoun_stands_for(sample_build: BuildResult) -> None:
    """The report reads `source_resolved` (article_v3) and counts a resolved "he" as its name."""
    paths = [sample_build.path / shard["path"] for shard in sample_build.manifest["shards"]]
    claims = [claim for path in paths for row in pq.read_table(path).column("claims").to_pylist() for claim in row]
    resolved = [claim for claim in claims if claim["source_resolved"] is not None]
    assert resolved, "the sample has pronoun sources the rules resolve"
    figures = collect_articles(paths)[2].to_json()
    assert figures["resolved_sources"] == len(resolved) <= figures["pronoun_sources"]
    names = Counter((claim["source_resolved"] or claim["source"]).strip().lower() for claim in claims if claim["source"])
    assert all(names[entry["source"]] == entry["claims"] for entry in figures["top_sources"])
    assert figures["top_sources"][0]["claims"] == names.most_common(1)[0][1]
    assert any(entry["source"] == resolved[0]["source_resolved"].lower() for entry in figures["top_sources"])
