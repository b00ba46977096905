"""Who the claims cite, as written and with pronouns resolved: the report's top sources.

    python benchmarks/claim_sources.py                          # the 2,225 BBC articles
    python benchmarks/claim_sources.py --input FILE.jsonl --sample 30

For every article (`text` of each JSONL line) the claims extractor runs as the build runs it;
sources are counted as the report counts them (trimmed, case-folded), once as written and once
with a resolved pronoun replaced by its name (`curate.claims.antecedents`). Printed: how many
sources are pronouns and how many of those were resolved, and in the top `--top` sources the
share of entries and of claims that are pronouns, both ways. `--sample N` prints N resolutions
drawn at random (seeded) with their context, for a reader to judge.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from claims import _open  # same folder: plain or gzip JSONL
from curate.claims.antecedents import is_pronoun, resolve_sources
from curate.claims.extract import extract_claims

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "bench" / "corpus" / "news.jsonl.gz"


def _texts(path: Path) -> list[str]:
    with _open(path) as lines:
        return [json.loads(line)["text"] for line in lines if line.strip()]


def _pronoun_share(counts: Counter[str], top: int) -> tuple[float, float]:
    """Of the `top` most cited sources: the share of entries, and of their claims, that are pronouns."""
    ranked = counts.most_common(top)
    pronouns = [(source, n) for source, n in ranked if is_pronoun(source)]
    return len(pronouns) / max(1, len(ranked)), sum(n for _, n in pronouns) / max(1, sum(n for _, n in ranked))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", type=Path, default=BBC)
    parser.add_argument("--top", type=int, default=100)
    parser.add_argument("--sample", type=int, default=0)
    args = parser.parse_args()
    written: Counter[str] = Counter()
    resolved_counts: Counter[str] = Counter()
    pronouns = resolved = 0
    examples = []
    for text in _texts(args.input):
        claims = extract_claims(text)
        for claim, name in zip(claims, resolve_sources(text, claims)):
            if claim.source is None or not claim.source.strip():
                continue
            source = claim.source.strip().lower()
            written[source] += 1
            resolved_counts[(name or claim.source).strip().lower()] += 1
            if is_pronoun(claim.source):
                pronouns += 1
                resolved += name is not None
                if name is not None:
                    start = claim.source_start or 0
                    examples.append((name, claim.source, text[max(0, start - 300):start + 80].replace("\n", " ")))
    print(f"sources: {sum(written.values())}, pronouns: {pronouns}, resolved: {resolved} "
          f"({resolved / max(1, pronouns):.1%})")
    for label, counts in (("as written", written), ("resolved", resolved_counts)):
        entries, claims = _pronoun_share(counts, args.top)
        print(f"top {args.top} sources {label}: pronouns are {entries:.1%} of the entries, {claims:.1%} of their claims; "
              f"first 10: {counts.most_common(10)}")
    for name, source, context in random.Random(0).sample(examples, min(args.sample, len(examples))):
        print(f"\n{source!r} -> {name!r}\n  ...{context}")


if __name__ == "__main__":
    main()
