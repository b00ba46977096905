"""Near-duplicate detection on the scaled news corpus: curate's engine against the `base_id` truth,
for several parameter settings, and datatrove's MinHash pipeline on the same texts in the same run.

    python benchmarks/near_duplicates.py --corpus scaled20k.jsonl                       # raw texts
    python benchmarks/near_duplicates.py --corpus scaled20k.jsonl --version STORE/NAME/versions/V
    python benchmarks/near_duplicates.py ... --datatrove-python /work/dt-venv/bin/python

`--corpus` is `make_scaled.py`'s output (each line: `text`, `id`, `base_id`). With `--version`,
the texts are the kept `text` of that curate version (built from the same corpus with `curate
build CORPUS --no-validate --no-report`): what the build dedups, after boilerplate removal and
exact-duplicate removal; each row goes back to its `base_id` through `source.input_uri`
(`FILE#LINE`), in input order. Without it, the raw texts (boilerplate lines included).

Truth: two documents are copies when their articles are one. The BBC corpus itself holds 133
articles whose text is exactly another's (2,225 articles, 2,092 texts; 138 once normalized) and
35 more pairs that are near-copies of each other: same story and headline, exact word 5-gram
Jaccard 0.56 to 1.0 (the next pair down is at 0.47, then 0.37). Any near-duplicate detector merges
those, so by default (`--same-article 0.5`) articles with an exact 5-gram Jaccard of at least 0.5
between their normalized texts count as one article (168 articles fold into others, 2,057
distinct); `--same-article 1` counts only the same text as one (2,087 distinct). Per setting:

- `pairs P / R`: pair precision and recall (pairs of documents in one cluster vs. pairs that are
  copies of one article);
- `false merges`: pairs of documents of distinct articles (by that truth) in one cluster, and the
  clusters holding more than one article;
- `kept`: one document per cluster, against the distinct articles among the documents (`+x%`);
- `extra copies`: kept documents whose article already has a kept document (what would leak into
  another split if each cluster gets its own split);
- `sig/s`: signatures per second of CPU time (one core); `index s`: wall seconds of
  `CandidateIndex.add` + `clusters()`.

datatrove runs in its own venv (`benchmarks/dedup_datatrove.py`, default `MinhashConfig`: word
5-grams, 14 bands x 8, no verification) on the same texts, written to a temporary JSONL file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq

from curate.dedup import CandidateIndex, MinHashParams, signatures
from curate.dedup.shingles import words
from curate.normalize.text import normalize_text

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT.parent / "shared" / "bench" / "corpus" / "news.jsonl.gz"
SETTINGS = ["5:14x8:0", "5:14x8:0.5", "5:20x5:0", "5:20x5:0.5", "5:9x13:0", "5:9x13:0.5", "3:20x5:0.5"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="make_scaled.py output (JSONL)")
    parser.add_argument("--version", type=Path, help="a curate version folder built from --corpus: use its kept text")
    parser.add_argument("--settings", nargs="+", default=SETTINGS, help="NGRAM:BANDSxROWS:THRESHOLD[:SEED] ...")
    parser.add_argument("--datatrove-python", help="python of a venv with datatrove: compare with its pipeline")
    parser.add_argument("--same-article", type=float, default=0.5,
                        help="BBC articles with exact 5-gram Jaccard >= this are one article (1: only the same text)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    texts, labels, merged = load(args.corpus, args.version, args.same_article)
    articles = len(set(labels))
    print(f"{len(texts)} documents of {articles} distinct articles "
          f"({'kept text of ' + str(args.version) if args.version else 'raw text'}; {merged} BBC articles are "
          f"another's {'text' if args.same_article >= 1 else f'near-copy (5-gram Jaccard >= {args.same_article})'})")
    rows, computed = [], {}
    for setting in args.settings:
        sig_rate, index_seconds, roots = run_curate(texts, parse(setting), computed)
        rows.append({"setting": f"curate {setting}", "sig_per_s": sig_rate, "seconds": index_seconds,
                     **score(roots, labels)})
    if args.datatrove_python:
        seconds, roots = run_datatrove(texts, args.datatrove_python)
        rows.append({"setting": "datatrove 5:14x8 (default)", "sig_per_s": len(texts) / seconds["signatures"],
                     "seconds": seconds["buckets"] + seconds["clusters"], **score(roots, labels)})
    print_table(rows, articles)
    if args.json:
        args.json.write_text(json.dumps({"documents": len(texts), "articles": articles, "rows": rows}, indent=1))


def parse(setting: str) -> MinHashParams:
    """`NGRAM:BANDSxROWS:THRESHOLD[:SEED]`."""
    ngram, shape, threshold, *seed = setting.split(":")
    bands, rows = shape.split("x")
    return MinHashParams(ngram=int(ngram), bands=int(bands), rows=int(rows), threshold=float(threshold),
                         seed=int(seed[0]) if seed else MinHashParams.seed)


def load(corpus: Path, version: Path | None, same_article: float) -> tuple[list[str], list[int], int]:
    """(texts in input order, article label per text, source articles merged by `same_article`)."""
    with gzip.open(SOURCE, "rt", encoding="utf-8") as lines:
        source = [json.loads(line) for line in lines]
    label = source_labels(source, same_article)
    with open(corpus, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    merged = len(source) - len(set(label.values()))
    if version is None:
        return [r["text"] for r in records], [label[r["base_id"]] for r in records], merged
    kept = []
    for shard in sorted((version / "data").glob("*.parquet")):
        table = pq.read_table(shard, columns=["text", "source"]).to_pylist()
        kept += [(int(row["source"]["input_uri"].rsplit("#", 1)[1]), row["text"]) for row in table]
    kept.sort()
    # input_uri counts lines from 0: line 11 of the corpus is bbc-business-012-c0000
    return [text for _, text in kept], [label[records[line]["base_id"]] for line, _ in kept], merged


def source_labels(source: list[dict], same_article: float) -> dict[str, int]:
    """Per BBC article id, a label shared by the articles that are one: the same text, or (when
    `same_article` < 1) exact word 5-gram Jaccard >= `same_article` between their normalized
    texts, joined transitively. Exact sets, not MinHash: the truth does not come from the engine."""
    shingles = []
    for article in source:
        tokens = words(normalize_text(article["text"]))
        shingles.append({b" ".join(tokens[i:i + 5]) for i in range(max(1, len(tokens) - 4))})
    parent = list(range(len(source)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    holders: dict[bytes, list[int]] = {}
    for i, article_shingles in enumerate(shingles):
        for shingle in article_shingles:
            holders.setdefault(shingle, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in holders.values():
        shared.update((a, b) for k, a in enumerate(docs) for b in docs[k + 1:])
    for (a, b), common in shared.items():
        same_text = source[a]["text"] == source[b]["text"]
        if same_text or common / (len(shingles[a]) + len(shingles[b]) - common) >= same_article:
            parent[root(b)] = root(a)
    return {article["id"]: root(i) for i, article in enumerate(source)}


def run_curate(texts: list[str], params: MinHashParams, computed: dict) -> tuple[float, float, np.ndarray]:
    """(signatures per CPU second, seconds of the index, roots); `computed` keeps signatures by the
    parameters they depend on, for the next setting."""
    key = (params.ngram, params.num_hashes, params.seed)
    if key not in computed:
        start = time.process_time()
        sigs = signatures(texts, params)
        computed[key] = sigs, len(texts) / (time.process_time() - start)
    sigs, sig_rate = computed[key]
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        index = CandidateIndex(Path(folder), params)
        for first in range(0, len(sigs), 64):
            index.add(first, sigs[first:first + 64])
        roots = index.clusters().root.copy()
        seconds = time.perf_counter() - start
    return sig_rate, seconds, roots


def run_datatrove(texts: list[str], python: str) -> tuple[dict[str, float], np.ndarray]:
    """datatrove's clusters as roots: each clustered document's root is its cluster's first."""
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        with open(work / "texts.jsonl", "w", encoding="utf-8") as out:
            out.writelines(json.dumps({"text": text}) + "\n" for text in texts)
        subprocess.run([python, str(ROOT / "benchmarks" / "dedup_datatrove.py"), str(work / "texts.jsonl"),
                        str(work / "dt"), str(work / "out.json")], check=True, capture_output=True)
        result = json.loads((work / "out.json").read_text())
    roots = np.arange(len(texts), dtype=np.int64)
    first: dict[int, int] = {}
    for doc, cluster in enumerate(result["cluster"]):
        if cluster >= 0:
            roots[doc] = first.setdefault(cluster, doc)
    kept_by_datatrove = len(texts) - len(result["removed"])
    if kept_by_datatrove != len(np.unique(roots)):
        raise SystemExit(f"datatrove kept {kept_by_datatrove}, its clusters say {len(np.unique(roots))}")
    return result["seconds"], roots


def score(roots: np.ndarray, labels: list[int]) -> dict[str, float]:
    truth = np.asarray(labels)
    pairs = Counter(zip(roots.tolist(), truth.tolist()))
    together = sum(n * (n - 1) // 2 for n in pairs.values())
    predicted = sum(n * (n - 1) // 2 for n in Counter(roots.tolist()).values())
    actual = sum(n * (n - 1) // 2 for n in Counter(truth.tolist()).values())
    articles_per_cluster = Counter(root for root, _ in pairs)
    kept_roots = np.unique(roots)
    kept_labels = truth[kept_roots]
    return {"precision": together / predicted if predicted else 1.0, "recall": together / actual if actual else 1.0,
            "false_merge_pairs": predicted - together,
            "mixed_clusters": sum(1 for articles in articles_per_cluster.values() if articles > 1),
            "kept": int(kept_roots.size),
            "extra_copies": int(kept_roots.size - np.unique(kept_labels).size)}


def print_table(rows: list[dict], articles: int) -> None:
    print(f"{'setting':28s} {'pairs P':>8s} {'pairs R':>8s} {'false merges':>13s} {'kept':>7s} {'vs articles':>11s} "
          f"{'extra copies':>12s} {'sig/s':>7s} {'index s':>8s}")
    for row in rows:
        print(f"{row['setting']:28s} {row['precision']:8.4f} {row['recall']:8.4f} "
              f"{row['false_merge_pairs']:>6d} ({row['mixed_clusters']:>3d}) {row['kept']:>7d} "
              f"{100 * (row['kept'] - articles) / articles:+10.1f}% {row['extra_copies']:>12d} "
              f"{row['sig_per_s']:7.0f} {row['seconds']:8.2f}")


if __name__ == "__main__":
    sys.exit(main())
