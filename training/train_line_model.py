"""Train the boilerplate line model, `curate/boilerplate/line_model.json`, from the extraction bench.

    pip install -e '.[train]'
    python training/train_line_model.py                 # CV report, then writes the model file
    python training/train_line_model.py --no-cv         # only refit and write (same file)

Reads `BENCH/text_lines.jsonl` (each page's visible lines with 0/1 body labels),
`BENCH/ground_truth.json` (page URLs, to group folds by site, and article bodies, to score kept
text) and the bench's own scorer `BENCH/../score.py`; BENCH defaults to
/work/shared/bench/extraction/dev. Fitting on the DEV split is tuning: only numbers (bin edges and
values) are written, never bench text. The output is deterministic, so a rerun reproduces the
shipped file byte for byte.

Each page becomes one plain-text document exactly as `benchmarks/extraction.py lines` feeds the
build (lines normalized, blank ones dropped, then the language identified), the rules flag what
they know, and the model is fitted on the lines they leave. The model: LightGBM decision stumps
(one split per tree, so the sum is additive per feature: a step function each), regularized by
a large minimum leaf and L2, folded into bins. The report gives grouped cross-validation by site
(3 x 5 folds: every page is scored by a model that never saw its site), run through the same
decision code as the build, for a grid of thresholds; the tuned threshold maximizes the sum of
the three text-mode measures (line boilerplate F1, line content F1, kept-text shingle4 F1) on the
folds. `BLOCK_COST`, `OUTSIDE` and `EXTRACTED_SHARE` were chosen the same way, once (the last also
keeping HTML mode, where the input is trafilatura's output, from losing recall).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from types import ModuleType
from urllib.parse import urlparse

import lightgbm as lgb
import numpy as np
from sklearn.model_selection import GroupKFold

from curate.boilerplate.features import NAMES, document_features
from curate.boilerplate.model import MODEL_FILE, LineModel, judge
from curate.boilerplate.rules import is_chrome, is_inline, rule_verdicts
from curate.config import Config
from curate.normalize import normalize_text
from curate.signals.language import identify

BENCH = Path("/work/shared/bench/extraction/dev")
VERSION = 1
BLOCK_COST = 0.5
OUTSIDE = 0.9
EXTRACTED_SHARE = 0.2
THRESHOLDS = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)
SEEDS = (0, 1, 2)
FOLDS = 5
PARAMS = dict(
    objective="binary", n_estimators=300, learning_rate=0.05, num_leaves=2, min_child_samples=100,
    reg_lambda=5.0, deterministic=True, force_col_wise=True, num_threads=1, seed=0, verbose=-1,
)


class Page:
    """One bench page as the build sees it in text mode."""

    def __init__(self, record: dict, truth: dict, min_score: float) -> None:
        normalized = [" ".join(normalize_text(line).split()) for line in record["lines"]]
        self.id, self.raw_lines, self.raw_labels = record["id"], record["lines"], record["labels"]
        self.present = [i for i, line in enumerate(normalized) if line]
        document = normalize_text("\n".join(normalized[i] for i in self.present))
        self.lines = [line.strip() for line in document.split("\n")] if document else []
        if len(self.lines) != len(self.present):
            raise ValueError(f"{self.id}: normalization merged lines")
        self.labels = [record["labels"][i] for i in self.present]
        self.site = urlparse(truth["url"]).netloc
        self.body = truth["articleBody"]
        language = identify(document, min_score)[0]
        verdicts = rule_verdicts(self.lines, language)
        self.ruled = [v is not None for v in verdicts]
        self.chrome = [is_chrome(v) for v in verdicts]
        self.inline = [is_inline(v) for v in verdicts]
        self.features = document_features(self.lines, self.ruled, self.inline)

    def keep(self, model: LineModel, threshold: float) -> list[int]:
        """1 per raw bench line the build keeps."""
        judged = judge(self.lines, self.ruled, threshold, model, self.chrome, self.inline)
        labels = [0] * len(self.raw_lines)
        for i, raw in enumerate(self.present):
            labels[raw] = int(not self.ruled[i] and judged[i] is None)
        return labels


def load_scorer(bench: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", bench.parent / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fit(pages: list[Page], threshold: float) -> dict:
    """The model file's content, fitted on every line of `pages` the rules leave."""
    rows = [(r, y) for p in pages for r, y, ruled in zip(p.features, p.labels, p.ruled) if not ruled]
    x = np.array([r for r, _ in rows])
    y = np.array([label for _, label in rows])
    booster = lgb.LGBMClassifier(**PARAMS).fit(x, y).booster_
    return fold_stumps(booster, threshold)


def fold_stumps(booster: lgb.Booster, threshold: float) -> dict:
    """Sum the stumps of each feature into one step function: bins split at the stumps'
    thresholds (`x <= edge` goes left, so a value's bin is `bisect_left(edges, x)`)."""
    bias = 0.0
    stumps: list[list[tuple[float, float, float]]] = [[] for _ in NAMES]
    for tree in booster.dump_model()["tree_info"]:
        node = tree["tree_structure"]
        if "split_feature" not in node:
            bias += node["leaf_value"]
            continue
        stumps[node["split_feature"]].append((node["threshold"], node["left_child"]["leaf_value"],
                                              node["right_child"]["leaf_value"]))
    shapes = []
    for own in stumps:
        edges = sorted({t for t, _, _ in own})
        values = [sum(left if t >= edge else right for t, left, right in own) for edge in [*edges, float("inf")]]
        shapes.append({"edges": edges, "values": [round(v, 6) for v in values]})
    return {
        "version": VERSION, "features": list(NAMES), "bias": round(bias, 6), "threshold": threshold,
        "block_cost": BLOCK_COST, "outside": OUTSIDE, "extracted_share": EXTRACTED_SHARE,
        "shapes": shapes,
    }


def measures(scorer: ModuleType, pages: list[Page], keeps: list[list[int]]) -> dict[str, float]:
    """The bench's text-mode measures for one set of kept lines."""
    predicted = {p.id: k for p, k in zip(pages, keeps)}
    lines, _ = scorer.score_lines(predicted, [{"id": p.id, "lines": p.raw_lines, "labels": p.raw_labels} for p in pages])
    kept = {p.id: "\n".join(line for line, k in zip(p.raw_lines, predicted[p.id]) if k) for p in pages}
    text, _ = scorer.score_texts(kept, {p.id: p.body for p in pages})
    return {
        "boilerplate_f1": lines["lines"]["boilerplate"]["f1"], "content_f1": lines["lines"]["content"]["f1"],
        "boilerplate_f1_tokens": lines["tokens"]["boilerplate"]["f1"], "content_f1_tokens": lines["tokens"]["content"]["f1"],
        "shingle4_f1": text["shingle4"]["f1"], "page_f1": text["shingle4"]["page_f1"],
        "empty": float(text["empty_predictions"]),
    }


def cross_validate(scorer: ModuleType, pages: list[Page]) -> dict[float, dict[str, float]]:
    """Mean measures over SEEDS x FOLDS grouped folds (by site), per threshold."""
    sites = [p.site for p in pages]
    results: dict[float, list[dict[str, float]]] = {t: [] for t in THRESHOLDS}
    for seed in SEEDS:
        keeps: dict[float, list[list[int] | None]] = {t: [None] * len(pages) for t in THRESHOLDS}
        for train, test in GroupKFold(FOLDS, shuffle=True, random_state=seed).split(pages, groups=sites):
            model = LineModel.from_dict(fit([pages[i] for i in train], THRESHOLDS[0]))
            for t in THRESHOLDS:
                for i in test:
                    keeps[t][i] = pages[i].keep(model, t)
        for t in THRESHOLDS:
            results[t].append(measures(scorer, pages, keeps[t]))  # type: ignore[arg-type]
    return {t: {k: float(np.mean([r[k] for r in rs])) for k in rs[0]} for t, rs in results.items()}


def _score(m: dict[str, float]) -> float:
    return m["boilerplate_f1"] + m["content_f1"] + m["shingle4_f1"]


def _row(label: str, m: dict[str, float]) -> str:
    return (f"{label:<14} {m['boilerplate_f1']:.3f} {m['content_f1']:.3f} {m['boilerplate_f1_tokens']:.3f} "
            f"{m['content_f1_tokens']:.3f} {m['shingle4_f1']:.3f} {m['page_f1']:.3f} {m['empty']:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", type=Path, default=BENCH, help="folder with text_lines.jsonl and ground_truth.json")
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    parser.add_argument("--threshold", type=float, default=None, help="skip tuning: use this threshold")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation (needs --threshold)")
    args = parser.parse_args()
    truth = json.loads((args.bench / "ground_truth.json").read_text(encoding="utf-8"))
    min_score = Config().language.min_score
    with (args.bench / "text_lines.jsonl").open(encoding="utf-8") as source:
        pages = [Page(record, truth[record["id"]], min_score) for record in map(json.loads, source)]
    scorer = load_scorer(args.bench)
    threshold = args.threshold
    header = "               bpF1  ctF1  bpF1t ctF1t sh4F1 pageF1 empty"
    if not args.no_cv:
        results = cross_validate(scorer, pages)
        print(f"grouped CV by site, {len(SEEDS)} x {FOLDS} folds, {len(pages)} pages of {len(set(p.site for p in pages))} sites")
        print(header)
        for t, m in results.items():
            print(_row(f"threshold {t:.2f}", m))
        if threshold is None:
            threshold = max(results, key=lambda t: _score(results[t]))
        print(f"tuned threshold: {threshold}")
    if threshold is None:
        parser.error("--no-cv needs --threshold")
    data = fit(pages, threshold)
    model = LineModel.from_dict(data)
    print("full-dev fit (in-sample)")
    print(header)
    print(_row(f"threshold {threshold:.2f}", measures(scorer, pages, [p.keep(model, threshold) for p in pages])))
    args.output.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
