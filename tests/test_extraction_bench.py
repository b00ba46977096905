"""curate's HTML path against the extractor underneath it, on the extraction bench's dev pages
(`../shared/bench/extraction/dev`, skipped where it is absent): the boilerplate stage may only
improve on trafilatura called alone with curate's own options, never fall below it."""

from __future__ import annotations

import importlib.util
import json
from types import ModuleType

import pytest

from conftest import ROOT, needs_shared
from curate.config import Config
from curate.pipeline.document import PipelineContext


def _module(name: str, path: object) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)  # type: ignore[arg-type]
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_curate_is_never_worse_than_trafilatura_alone_on_the_dev_pages() -> None:
    dev = needs_shared("bench", "extraction", "dev")
    bench = _module("extraction_bench", ROOT / "benchmarks" / "extraction.py")
    score = _module("bench_score", dev.parent / "score.py")
    gold = {k: v.get("articleBody", "") for k, v in json.loads((dev / "ground_truth.json").read_text("utf-8")).items()}
    rows = bench.compare_set(dev, PipelineContext.create(Config()), None)
    curate, alone = ({pid: r[tool] for pid, r in rows.items()} for tool in ("curate", "trafilatura"))
    ours, theirs = (score.score_texts(texts, gold)[0]["shingle4"] for texts in (curate, alone))
    assert ours["f1"] >= theirs["f1"] and ours["page_f1"] >= theirs["page_f1"]
    assert ours["f1"] >= 0.975  # the floor for the Scrapinghub dev pages
    assert not [pid for pid in gold if score.tokens(alone[pid]) and not score.tokens(curate[pid])]


def test_the_combination_rules_measured_do_what_their_names_say(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rules `extraction_candidates.py` judges leave-one-dataset-out (BENCHMARKS.md, issue 14)."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))  # it imports its sibling `extraction`
    rules = _module("extraction_candidates", ROOT / "benchmarks" / "extraction_candidates.py")
    prose = "The council voted on Tuesday to close the old bridge for repairs until the spring"
    row = {"fast": f"Share this\n{prose}\nBy Jane Doe", "default": f"{prose}\n{prose} again",
           "fork": f"{prose}\nBy Jane Doe\n" + " ".join(["more article text with many words"] * 10)}
    assert rules.fallback_if_short(row, 5) == row["fast"]  # fast found enough words: no fallback
    assert rules.fallback_if_short(row, 100) == row["default"]
    fused = rules.fuse(row, 5, 0).split("\n")
    assert fused == [prose, "By Jane Doe"]  # "Share this": short and not in the fork; the byline is
    assert rules.fuse(row, 5, 30).split("\n")[-1].startswith("more article text")
    assert rules.fuse(row | {"fork": "tiny"}, 5, 30) == row["fast"]  # the fork found nothing usable
