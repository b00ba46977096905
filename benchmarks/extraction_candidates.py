"""Would a second extractor pay? A rule choosing between trafilatura's and readability-lxml's text,
judged leave-one-dataset-out on the extraction bench.

    python benchmarks/extraction.py all --output pages.jsonl      # needs readability-lxml
    python benchmarks/extraction_candidates.py pages.jsonl [--root ../shared/bench/extraction]

The rule family is the one cheap enough for curate's speed target (readability costs about 0.6 of
a trafilatura call, so it can only be called on a few pages): call readability only when
trafilatura's text has fewer than `words` words, and take readability's text instead when it is
more than `longer` times as long and holds at least `holds` of trafilatura's 4-token shingles (it
found the same article and more of it). For each set held out, the rule is chosen on the other
sets (largest mean gain in page F1 over trafilatura alone), then scored on the held-out set: a
rule that only helps where it was chosen does not pay.
"""

from __future__ import annotations

import argparse
import json
from itertools import product
from pathlib import Path

from extraction import BENCH, SETS, _scorer

WORDS = (50, 100, 200)
LONGER = (1.0, 1.5, 2.0)
HOLDS = (0.0, 0.5, 0.8)


def _page_f1(tp: int, predicted: int, gold: int) -> float:
    if not (tp and predicted and gold):
        return 0.0
    precision, recall = tp / predicted, tp / gold
    return 2 * precision * recall / (precision + recall)


def _pages(rows: list[dict], root: Path) -> list[dict]:
    """Per page: its set, both candidates' page F1, their lengths and how much of trafilatura's
    text readability holds."""
    score = _scorer(root)
    gold: dict[str, str] = {}
    for name in SETS:
        truth = json.loads((root / name / "ground_truth.json").read_text(encoding="utf-8"))
        gold.update({f"{name}/{k}": v.get("articleBody", "") for k, v in truth.items()})
    pages = []
    for row in rows:
        gold_tokens = score.tokens(gold[row["id"]])
        alone, other = score.tokens(row["trafilatura"]), score.tokens(row["readability"] or "")
        shared, size, _ = score.overlap(alone, other, 4)
        pages.append({
            "set": row["id"].rsplit("/", 1)[0],
            "trafilatura": _page_f1(*score.overlap(alone, gold_tokens, 4)),
            "readability": _page_f1(*score.overlap(other, gold_tokens, 4)),
            "words": len(alone), "other_words": len(other), "holds": shared / size if size else 0.0,
        })
    return pages


def _gain(pages: list[dict], rule: tuple[int, float, float]) -> float:
    """Mean page-F1 change over trafilatura alone when the rule picks readability's text."""
    words, longer, holds = rule
    if not pages:
        return 0.0
    picked = [p for p in pages if p["words"] < words and p["other_words"] > longer * p["words"] and p["holds"] >= holds]
    return sum(p["readability"] - p["trafilatura"] for p in picked) / len(pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pages", type=Path, help="the JSONL of `extraction.py all --output`")
    parser.add_argument("--root", type=Path, default=BENCH / "extraction")
    args = parser.parse_args()
    with args.pages.open(encoding="utf-8") as lines:  # not splitlines(): texts hold U+2028 and kin
        rows = [json.loads(line) for line in lines]
    if any(row["readability"] is None for row in rows):
        raise SystemExit("the pages were extracted without readability-lxml: install it and rerun `extraction.py all`")
    pages = _pages(rows, args.root)
    rules = list(product(WORDS, LONGER, HOLDS))
    print(f"{'held out':<22} {'rule chosen on the others (words, longer, holds)':<48} {'gain there':>10} {'gain held out':>13}")
    for held in SETS:
        others = [p for p in pages if p["set"] != held]
        best = max(rules, key=lambda rule: _gain(others, rule))
        print(f"{held:<22} {best!s:<48} {_gain(others, best):>+10.4f} "
              f"{_gain([p for p in pages if p['set'] == held], best):>+13.4f}")
    oracle = {name: [p for p in pages if p["set"] == name] for name in SETS}
    for name, group in oracle.items():
        print(f"{name}: page F1 trafilatura {sum(p['trafilatura'] for p in group) / len(group):.3f}, readability "
              f"{sum(p['readability'] for p in group) / len(group):.3f}, the better of the two per page "
              f"{sum(max(p['trafilatura'], p['readability']) for p in group) / len(group):.3f}")


if __name__ == "__main__":
    main()
