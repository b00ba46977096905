"""Near-duplicates in the whole build, on the scaled news corpus whose copies are known.

    python benchmarks/dedup_build.py                        # 10,000, 20,000 and 100,000 documents
    python benchmarks/dedup_build.py --docs 20000 --workers 2

`make_scaled.py` (../shared/bench/corpus) copies each of the 2,225 BBC articles about N / 2,225
times with small edits, each copy under its own url, and records which article it copies
(`base_id`). For each size the corpus is built twice in fresh processes, 2 workers, no gate:
with `[dedup]` on (the default) and off. From the version with it on:

- kept: documents kept against the number of distinct articles. The BBC corpus holds articles
  that are one: 133 identical texts, and 35 more pairs of its own near-copies (same story and
  headline, word 5-gram Jaccard 0.56-1.0; none between 0.47 and 0.56). `--same-article 0.5` (the
  default) counts source articles that close as one, `--same-article 1` only identical texts
  (then every engine merges "distinct" articles: precision about 0.97 for all);
- leaked: kept documents of an article that has another kept document in a different split
  (what a near-copy across splits is), counted for both builds;
- precision: of all pairs of documents in one cluster (`dedup/clusters.parquet`, dropped members
  included), the share whose documents copy the same article; false merges are the others;
- recall: of all pairs of copies of one article, the share the clusters put together;
- time, CPU seconds (of the build's whole process tree) and peak memory (summed RSS of the build
  and its workers) with and without, and the throughput ratio by wall time and by CPU seconds
  (other jobs on a shared machine move wall time more; `other_cores` says how busy they kept it);
- with `--datatrove-python PY` (a venv holding datatrove: `benchmarks/dedup_datatrove.py`),
  datatrove's MinHash deduplication of the same kept texts (the build without `[dedup]`), its
  survivors split by their own ids as curate splits a document alone: leaked documents and
  false merges, in the same run.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import tempfile
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from near_duplicates import SOURCE, run_datatrove, score, source_labels  # same folder: the engine's benchmark
from throughput import _corpus, _measure  # same folder: corpus preparation and RSS sampling

_BUILD = """
import json, sys, time
from pathlib import Path
from curate.pipeline.build import build
from curate.config import load_config
from curate.store import Store
config = load_config(None, {"executor": {"workers": int(sys.argv[3])}, "dedup": {"enabled": sys.argv[4] == "on"}})
start = time.perf_counter()
result = build([Path(sys.argv[1])], "bench", config, store=Store(Path(sys.argv[2])))
print(json.dumps({"seconds": time.perf_counter() - start, "accounting": result.manifest["accounting"],
                  "path": str(result.path), "dedup": result.manifest["dedup"]}))
"""


def _articles(same_article: float) -> dict[str, int]:
    """BBC id -> article label (articles that are one share it; `near_duplicates.source_labels`)."""
    with gzip.open(SOURCE, "rt", encoding="utf-8") as lines:
        return source_labels([json.loads(line) for line in lines], same_article)


def _truth(corpus: Path, articles: dict[str, int]) -> dict[str, int]:
    """url -> the article it copies."""
    with corpus.open(encoding="utf-8") as lines:
        return {record["url"]: articles[record["base_id"]] for record in map(json.loads, lines)}


def _table(version: Path, entries: list[dict], columns: list[str]) -> pa.Table:
    return pa.concat_tables([pq.read_table(version / e["path"], columns=columns) for e in entries])


def _leaks(kept: list[tuple[int, str]]) -> int:
    """Kept documents whose article has a kept document in another split."""
    splits: dict[int, set[str]] = defaultdict(set)
    for article, split in kept:
        splits[article].add(split)
    return sum(1 for article, _ in kept if len(splits[article]) > 1)


def _datatrove(version: Path, truth: dict[str, int], python: str) -> dict:
    """datatrove on the kept texts of `version` (built without [dedup]), in input order."""
    from curate.config import SplitsConfig
    from curate.signals.identity import assign_split

    manifest = json.loads((version / "manifest.json").read_text())
    rows = sorted(_table(version, manifest["shards"], ["id", "text", "source"]).to_pylist(),
                  key=lambda row: int(row["source"]["input_uri"].rsplit("#", 1)[1]))
    labels = [truth[row["source"]["url"]] for row in rows]
    seconds, roots = run_datatrove([row["text"] for row in rows], python)
    scored = score(roots, labels)
    kept = sorted(set(roots.tolist()))
    leaked = _leaks([(labels[doc], assign_split(rows[doc]["id"], SplitsConfig())) for doc in kept])
    return {"kept": scored["kept"], "leaked": leaked, "precision": scored["precision"],
            "recall": scored["recall"], "false_merges": scored["false_merge_pairs"], "seconds": seconds}


def _evaluate(version: Path, truth: dict[str, int]) -> dict:
    from curate.signals.identity import document_id

    manifest = json.loads((version / "manifest.json").read_text())
    rows = _table(version, manifest["shards"], ["id", "split", "source"]).to_pylist()
    article_of = {document_id(row["source"]["url"], ""): truth[row["source"]["url"]] for row in rows}
    kept = [(truth[row["source"]["url"]], row["split"]) for row in rows]
    result = {"kept": len(rows), "leaked": _leaks(kept)}
    files = (manifest.get("dedup") or {}).get("files") or []
    clusters = [f for f in files if f["kind"] == "clusters"]
    if clusters:
        rejects = _table(version, manifest["rejects"], ["status", "row_json"]).to_pylist()
        for reject in rejects:
            if reject["status"] == "dropped":
                row = json.loads(reject["row_json"])
                article_of[row["id"]] = truth[row["source"]["url"]]
        members: dict[str, list[int]] = defaultdict(list)
        for row in pq.read_table(version / clusters[0]["path"], columns=["cluster", "id", "reference"]).to_pylist():
            if not row["reference"]:
                members[row["cluster"]].append(article_of[row["id"]])
        together: Counter[int] = Counter()
        pairs = same = 0
        for cluster in members.values():
            for a, b in itertools.combinations(cluster, 2):
                pairs += 1
                same += a == b
            for article, count in Counter(cluster).items():
                together[article] += count * (count - 1) // 2
        copies = Counter(article_of.values())
        all_pairs = sum(n * (n - 1) // 2 for n in copies.values())
        result |= {"cluster_pairs": pairs, "false_merges": pairs - same, "precision": same / pairs if pairs else 1.0,
                   "recall": sum(together.values()) / all_pairs if all_pairs else 1.0,
                   "clusters": len(members), "by_reason": manifest["accounting"]["by_reason"]}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 20_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--same-article", type=float, default=0.5,
                        help="BBC articles whose exact word 5-gram Jaccard reaches this count as one (1: same text)")
    parser.add_argument("--datatrove-python", help="a python with datatrove installed, to compare in the same run")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    articles = _articles(args.same_article)
    print(f"{len(set(articles.values()))} distinct articles among {len(articles)} BBC ids")
    results = []
    with tempfile.TemporaryDirectory(prefix="curate-dedup-") as scratch:
        work = Path(scratch)
        for docs in args.docs:
            corpus = _corpus(docs, work)
            truth = _truth(corpus, articles)
            distinct = len(set(truth.values()))
            row: dict = {"docs": docs, "distinct_articles": distinct}
            for mode in ("off", "on"):
                store = work / f"store-{docs}-{mode}"
                measured = _measure(_BUILD, [str(corpus), str(store), str(args.workers), mode])
                quality = _evaluate(Path(measured["path"]), truth)
                row[mode] = {"seconds": round(measured["seconds"], 1), "peak_rss_mb": round(measured["peak_rss_mb"]),
                             "cpu_seconds": round(measured["cpu_seconds"], 1),
                             "other_cores": None if measured["other_cores"] is None else round(measured["other_cores"], 2),
                             **quality}
                if mode == "off" and args.datatrove_python:
                    row["datatrove"] = _datatrove(Path(measured["path"]), truth, args.datatrove_python)
            row["kept_vs_distinct"] = round(row["on"]["kept"] / distinct - 1, 4)
            row["throughput_on_vs_off"] = round(row["off"]["seconds"] / row["on"]["seconds"], 3)
            # CPU seconds of the build's whole process tree: what other jobs on a shared machine move least
            row["throughput_on_vs_off_cpu"] = round(row["off"]["cpu_seconds"] / row["on"]["cpu_seconds"], 3)
            results.append(row)
            print(json.dumps(row))
    summary = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": platform.node(),
               "cores": os.cpu_count(), "workers": args.workers, "results": results}
    if len(results) > 1:
        summary["peak_memory_last_vs_first"] = round(results[-1]["on"]["peak_rss_mb"] / results[0]["on"]["peak_rss_mb"], 3)
    print(json.dumps(summary, indent=2))
    if args.json:
        args.json.write_text(json.dumps(summary, indent=2) + "\n")


if __name__ == "__main__":
    main()
