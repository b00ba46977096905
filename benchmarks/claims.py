"""Run the claims extractor over a JSONL file of articles and write scorer-ready predictions.

    python benchmarks/claims.py --input FILE.jsonl --output PRED.jsonl [--language fr]

Each input line needs `id` and `text` (other fields, gold attributions included, are
ignored). Each output line is `{"id", "claims": [{"content", "source", "cue",
"content_segments"}]}` with offsets into that text, the format the attribution
benchmark's `score.py` reads. Throughput (articles/s, sentences/s) goes to stdout, per
core: CPU time of the fastest of `--repeat` runs, extraction only (not JSON reading or
writing), so that other work on the machine disturbs the figure less.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path
from typing import Any, TextIO

from curate.claims.claim import Claim
from curate.claims.extract import extract_claims, split_sentences


def _open(path: Path) -> TextIO:
    """Plain or gzip-compressed JSONL."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _prediction(claim: Claim) -> dict[str, Any]:
    source = None if claim.source_start is None else [claim.source_start, claim.source_end]
    return {
        "content": [claim.content_start, claim.content_end],
        "source": source,
        "cue": [claim.cue_start, claim.cue_end],
        "content_segments": [list(part) for part in claim.content_parts],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--input", type=Path, required=True, help="JSONL(.gz) with id and text")
    parser.add_argument("--output", type=Path, required=True, help="predictions JSONL")
    parser.add_argument("--language", default="en", help="ISO 639-1 code of the articles (en, fr, de, es)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the fastest is reported")
    args = parser.parse_args()

    with _open(args.input) as f:
        records = [json.loads(line) for line in f if line.strip()]
    texts = [r["text"] for r in records]

    elapsed = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        results = [extract_claims(text, args.language) for text in texts]
        elapsed = min(elapsed, time.process_time() - start)
    n_sentences = sum(len(split_sentences(text)) for text in texts)

    with args.output.open("w", encoding="utf-8") as out:
        for record, claims in zip(records, results, strict=True):
            line = {"id": record["id"], "claims": [_prediction(c) for c in claims]}
            out.write(json.dumps(line, ensure_ascii=False) + "\n")

    n_claims = sum(len(c) for c in results)
    print(f"articles={len(texts)} sentences={n_sentences} claims={n_claims} cpu_seconds={elapsed:.3f}")
    print(f"throughput: {len(texts) / elapsed:,.0f} articles/s, {n_sentences / elapsed:,.0f} sentences/s")


if __name__ == "__main__":
    main()
