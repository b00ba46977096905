"""MinHash signatures per second of one core: curate's path against the libraries that could do it,
on the same texts in one run, and how well each estimates the Jaccard similarity.

    python benchmarks/dedup_signatures.py --corpus scaled20k.jsonl [--docs 3000] [--repeat 3]

Run it with a python that has curate and, to compare them, `rensa` and `datasketch` (a benchmark
venv, never curate's locks: missing libraries are skipped). Every candidate gets the same words
(`curate.dedup.shingles.words`, which all paths need) and the same number of hashes
(`MinHashParams()`); times are CPU seconds of this process (`time.process_time`), best of
`--repeat`, so other processes on the machine count little. Candidates:

- `curate`: `curate.dedup.signatures` (xxh3 per word, n-grams combined and MinHash in numpy);
- `xxh3 per shingle + numpy`: the n-gram strings joined and hashed one by one with xxh3, then the
  same numpy MinHash;
- `rensa (shingle strings)`: `RMinHash.digest_matrix_from_token_sets` on the n-gram strings, 64
  documents a call;
- `rensa (curate's shingle hashes)`: `digest_matrix_from_flat_token_hashes` on curate's n-gram
  hashes (its MinHash only);
- `datasketch`: `MinHash.update_batch` on the n-gram strings (SHA-1 per shingle).

Jaccard error: mean absolute difference between the estimate and the exact Jaccard of the word
5-gram sets, over pairs of documents that are copies of one article (`base_id`).
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import xxhash

from curate.dedup import MinHashParams, signatures
from curate.dedup.shingles import shingle_hashes, words
from curate.dedup.signatures import _signature

PARAMS = MinHashParams()
BATCH = 64


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True, help="make_scaled.py output (JSONL)")
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with open(args.corpus, encoding="utf-8") as lines:
        records = [json.loads(line) for line, _ in zip(lines, range(args.docs))]
    texts = [record["text"] for record in records]
    size = sum(len(text.encode()) for text in texts) / len(texts)
    print(f"{len(texts)} documents, {size:.0f} bytes each on average; {PARAMS.num_hashes} hashes, "
          f"word {PARAMS.ngram}-grams; CPU time, best of {args.repeat}")
    pairs = _copy_pairs(records)
    exact = [_exact_jaccard(texts[a], texts[b]) for a, b in pairs]
    print(f"{'candidate':36s} {'docs/s':>8s} {'Jaccard error':>14s}")
    for name, run in _candidates().items():
        best, sigs = float("inf"), None
        for _ in range(args.repeat):
            start = time.process_time()
            sigs = run(texts)
            best = min(best, time.process_time() - start)
        error = np.mean([abs(np.mean(sigs[a] == sigs[b]) - j) for (a, b), j in zip(pairs, exact)])
        print(f"{name:36s} {len(texts) / best:8.0f} {error:14.4f}")


def _candidates() -> dict[str, Callable[[list[str]], np.ndarray]]:
    found = {"curate": lambda texts: signatures(texts, PARAMS), "xxh3 per shingle + numpy": _xxh3_per_shingle}
    try:
        import rensa
    except ImportError:
        print("rensa is not installed: skipped")
    else:
        def rensa_strings(texts: list[str]) -> np.ndarray:
            return np.concatenate([np.array((rensa.RMinHash.digest_matrix_from_token_sets(
                [_shingle_strings(text) for text in texts[i:i + BATCH]], PARAMS.num_hashes, PARAMS.seed)).to_rows(), dtype=np.uint32)
                for i in range(0, len(texts), BATCH)])

        def rensa_hashes(texts: list[str]) -> np.ndarray:
            out = []
            for i in range(0, len(texts), BATCH):
                hashes = [shingle_hashes(words(text), PARAMS.ngram, PARAMS.seed) for text in texts[i:i + BATCH]]
                offsets = np.cumsum([0] + [h.size for h in hashes]).astype(np.uint64)
                out.append(np.array(rensa.RMinHash.digest_matrix_from_flat_token_hashes(
                    np.concatenate(hashes), offsets, PARAMS.num_hashes, PARAMS.seed).to_rows(), dtype=np.uint32))
            return np.concatenate(out)

        found["rensa (shingle strings)"] = rensa_strings
        found["rensa (curate's shingle hashes)"] = rensa_hashes
    try:
        from datasketch import MinHash
    except ImportError:
        print("datasketch is not installed: skipped")
    else:
        def datasketch(texts: list[str]) -> np.ndarray:
            out = []
            for text in texts:
                sketch = MinHash(num_perm=PARAMS.num_hashes, seed=PARAMS.seed)
                sketch.update_batch(_shingle_strings(text))
                out.append(sketch.hashvalues)
            return np.array(out)

        found["datasketch"] = datasketch
    return found


def _shingle_strings(text: str) -> list[bytes]:
    tokens = words(text)
    width = min(PARAMS.ngram, len(tokens))
    return [b" ".join(tokens[i:i + width]) for i in range(len(tokens) - width + 1)]


def _xxh3_per_shingle(texts: list[str]) -> np.ndarray:
    out = np.empty((len(texts), PARAMS.num_hashes), dtype=np.uint32)
    for row, text in enumerate(texts):
        shingles = _shingle_strings(text)
        hashes = np.fromiter(map(xxhash.xxh3_64_intdigest, shingles), dtype=np.uint64, count=len(shingles))
        out[row] = _signature([hashes], PARAMS)
    return out


def _copy_pairs(records: list[dict]) -> list[tuple[int, int]]:
    first: dict[str, int] = {}
    pairs = []
    for doc, record in enumerate(records):
        if record["base_id"] in first:
            pairs.append((first[record["base_id"]], doc))
        first.setdefault(record["base_id"], doc)
    return pairs[:500]


def _exact_jaccard(a: str, b: str) -> float:
    sa, sb = set(_shingle_strings(a)), set(_shingle_strings(b))
    return len(sa & sb) / len(sa | sb)


if __name__ == "__main__":
    main()
