"""Claims F1 per role, exact and lenient, on each part of the attribution bench's dev set.

    python benchmarks/claims_split.py                       # first batch vs added batch
    python benchmarks/claims_split.py --by publisher        # one row per outlet
    python benchmarks/claims_split.py --by reading          # the articles rules were read from vs never read
    python benchmarks/claims_split.py --json split.json     # also every number as JSON
    python benchmarks/claims_split.py --predictions P.jsonl # another extractor's (claims_spacy.py)

A rule is judged on articles it was not written from: `dev_batch` tells the first 112 dev
articles (the rules' source) from the ones added later, `publisher` gives a split by outlet.
The extractor runs on every article, then the bench's own `score.py` scores each group: lenient
is a content, source or cue Jaccard >= 0.5 over word tokens, exact is an identical token set
(a source or cue counts only once its content is matched, as the scorer defines them).

`--by reading` is the split the rules since extractor version 5 were chosen by: their errors
were read on the first batch and on the added articles whose `_read_half` is "read"; the
other added articles ("never read") were only scored, and judge them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from claims import _prediction
from curate.claims.extract import extract_claims
from extraction import BENCH, _scorer

ROLES = ("content", "source", "cue", "joint")


def _read_half(article_id: str, article: dict[str, Any]) -> str:
    """Whether the article's errors were read while rules were written ("read") or not."""
    if article.get("dev_batch") == "first":
        return "first, read"
    digest = hashlib.sha256(f"curate-split:{article_id}".encode()).hexdigest()
    return "added, read" if int(digest[:8], 16) % 2 == 0 else "added, never read"


def _groups(gold: dict[str, dict[str, Any]], field: str) -> dict[str, dict[str, dict[str, Any]]]:
    """Gold articles by the value of `field` (or by `_read_half` for "reading"), plus every
    article under "all"."""
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for article_id, article in gold.items():
        group = _read_half(article_id, article) if field == "reading" else str(article.get(field))
        out[group][article_id] = article
        out["all"][article_id] = article
    return dict(sorted(out.items(), key=lambda item: (item[0] == "all", item[0])))


def _f1s(result: dict[str, Any]) -> dict[str, dict[str, float]]:
    return {role: {"exact": result[f"{role}_exact"]["f1"], "lenient": result[role]["f1"]} for role in ROLES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=BENCH / "claims", help="folder with dev.jsonl and score.py")
    parser.add_argument("--by", default="dev_batch", help="article field that makes the groups, or 'reading'")
    parser.add_argument("--json", type=Path, help="write the F1 figures of every group here")
    parser.add_argument("--predictions", type=Path,
                        help="score these predictions (the bench's JSONL) instead of curate's, e.g. claims_spacy.py's")
    args = parser.parse_args()

    score = _scorer(args.root)
    gold = score.load_jsonl(str(args.root / "dev.jsonl"))
    if args.predictions is not None:
        pred = score.load_jsonl(str(args.predictions))
    else:
        pred = {
            article_id: {"claims": [_prediction(c) for c in extract_claims(article["text"])]}
            for article_id, article in gold.items()
        }
    figures: dict[str, Any] = {}
    print(f"{'group':<18}{'articles':>9}{'gold':>6}  " + "".join(f"{r + ' ex/len':>16}" for r in ROLES))
    for name, articles in _groups(gold, args.by).items():
        result = score.score(articles, pred)
        f1s = _f1s(result)
        figures[name] = {"articles": len(articles), "gold_claims": result["content"]["n_gold"], "f1": f1s}
        cells = "".join(f"{f1s[r]['exact']:>9.3f}/{f1s[r]['lenient']:.3f}" for r in ROLES)
        print(f"{name:<18}{len(articles):>9}{result['content']['n_gold']:>6}  {cells}")
    if args.json is not None:
        args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
