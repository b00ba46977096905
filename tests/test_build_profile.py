"""`benchmarks/build_profile.py` on a small generated corpus and a few generated pages (no
../shared needed): every stage of the build's stage list is in its profile, no second is counted
twice, and the shares add up to 100%. Without ../shared and without inputs, it says what it needs."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from curate import timing
from curate.pipeline.stages import STAGES

SCRIPT = ROOT / "benchmarks" / "build_profile.py"
_WORDS = ("council budget river bridge school hospital election minister company market report police court "
          "farmers weather season museum railway harbour union workers prices energy water village city").split()


def _paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(3, 5)):
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(6, 12)))
        sentences.append(rng.choice([f"The {words} were discussed on Tuesday.",
                                     f'"We will look at the {words} again," said the mayor.',
                                     f"Officials said the {words} would change next year."]))
    return " ".join(sentences)


def _article(rng: random.Random, number: int) -> dict[str, Any]:
    return {"id": f"doc-{number}", "title": f"Story {number} about the {rng.choice(_WORDS)}",
            "text": "\n\n".join(_paragraph(rng) for _ in range(rng.randint(3, 6)))}


def _inputs(folder: Path) -> tuple[Path, Path, int]:
    """A JSONL corpus (one short article and one exact copy among them) and a folder of pages."""
    rng = random.Random(18)
    rows = [_article(rng, n) for n in range(30)]
    rows += [{**rows[0], "id": "copy-of-0"}, {"id": "short", "title": "Short", "text": "Too short."}]
    corpus = folder / "news.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    pages = folder / "pages"
    pages.mkdir()
    for n in range(3):
        row = _article(rng, 100 + n)
        body = "".join(f"<p>{p}</p>" for p in row["text"].split("\n\n"))
        pages.joinpath(f"page-{n}.html").write_text(
            f"<html><head><title>{row['title']}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{row['title']}</h1>{body}</article><footer>Copyright 2024</footer></body></html>",
            encoding="utf-8")
    return corpus, pages, len(rows)


@pytest.fixture(scope="module")
def profiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, int]:
    folder = tmp_path_factory.mktemp("profile")
    corpus, pages, documents = _inputs(folder)
    out = folder / "profile.json"
    run = subprocess.run([sys.executable, str(SCRIPT), "--input", str(corpus), "--html", str(pages),
                          "--cprofile", "5", "--json", str(out)],
                         capture_output=True, text=True, timeout=900, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert run.returncode == 0, run.stderr
    return json.loads(out.read_text(encoding="utf-8")), run.stdout, documents


def test_every_stage_and_the_work_around_them_are_in_the_profile(profiled: tuple[dict[str, Any], str, int]) -> None:
    result, printed, documents = profiled
    assert [found["name"] for found in result["sets"]] == ["news.jsonl", "pages"]
    for found in result["sets"]:
        parts = {row["part"]: row for row in found["parts"]}
        assert [row["part"] for row in found["parts"] if row["stage"]] == [stage.name for stage in STAGES]
        assert [*timing.WORK, "other"] == [row["part"] for row in found["parts"] if not row["stage"]]
        assert all(parts[stage.name]["calls"] > 0 for stage in STAGES)  # every stage ran, and was timed
        assert parts["language"]["calls"] == parts["policy"]["calls"] == found["accounting"]["read"]
        assert all(row["seconds"] >= 0 for row in found["parts"])  # `other` too: no second counted twice
        assert sum(row["share"] for row in found["parts"]) == pytest.approx(100)
        assert sum(row["ms_per_doc"] for row in found["parts"]) == pytest.approx(
            1000 * found["cpu_seconds"] / found["accounting"]["read"])
        assert found["gate"]["cpu_seconds"] > 0 and isinstance(found["gate"]["passed"], bool)
        assert found["cprofile"]["stage"] == max((r for r in found["parts"] if r["stage"]),
                                                 key=lambda r: r["seconds"])["part"]
        assert 0 < len(found["cprofile"]["top"]) <= 5
    text, pages = result["sets"]
    assert text["accounting"]["read"] == documents and text["accounting"]["dropped"] >= 2  # the copy, the short one
    assert pages["accounting"]["read"] == pages["trafilatura"]["pages"] == 3
    assert pages["trafilatura"]["cpu_seconds"] > 0 and pages["trafilatura"]["speed_ratio"] > 0
    for stage in STAGES:
        assert f"\n  {stage.name} " in printed


def test_without_the_shared_bench_it_says_what_it_needs(tmp_path: Path) -> None:
    benchmarks = tmp_path / "repo" / "benchmarks"  # a checkout with no ../shared beside it
    benchmarks.mkdir(parents=True)
    for name in ("build_profile.py", "extraction.py", "throughput.py"):
        shutil.copy(ROOT / "benchmarks" / name, benchmarks / name)
    run = subprocess.run([sys.executable, str(benchmarks / "build_profile.py")], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 1
    assert "shared" in run.stderr and "not found" in run.stderr and "--input" in run.stderr
    assert "Traceback" not in run.stderr
