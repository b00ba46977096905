"""`benchmarks/claims_split.py` on a few articles of the attribution bench (skipped where
../shared is absent): each article falls in one reading half, always the same, and every group
is scored by the bench's own scorer, in the table and in the JSON."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, needs_shared

SCRIPT = ROOT / "benchmarks" / "claims_split.py"


def _bench_copy(tmp_path: Path, count: int) -> tuple[Path, list[dict[str, object]]]:
    """A bench folder holding the scorer and the first `count` articles of each dev batch."""
    bench = needs_shared("bench", "claims")
    articles = [json.loads(line) for line in (bench / "dev.jsonl").read_text(encoding="utf-8").splitlines()]
    chosen = [a for a in articles if a.get("dev_batch") == "first"][:count]
    chosen += [a for a in articles if a.get("dev_batch") != "first"][: 3 * count]
    root = tmp_path / "claims"
    root.mkdir()
    shutil.copy(bench / "score.py", root / "score.py")
    (root / "dev.jsonl").write_text("".join(json.dumps(a) + "\n" for a in chosen), encoding="utf-8")
    return root, chosen


def _run(*args: str) -> str:
    done = subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=300,
                          check=False, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_each_reading_half_is_scored_and_the_halves_add_up(tmp_path: Path) -> None:
    root, chosen = _bench_copy(tmp_path, 2)
    out = tmp_path / "split.json"
    table = _run("--root", str(root), "--by", "reading", "--json", str(out))
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["all"]["articles"] == len(chosen)
    halves = {name: group for name, group in figures.items() if name != "all"}
    assert "first, read" in halves and set(halves) <= {"first, read", "added, read", "added, never read"}
    assert sum(group["articles"] for group in halves.values()) == len(chosen)
    assert sum(group["gold_claims"] for group in halves.values()) == figures["all"]["gold_claims"]
    for group in figures.values():
        for role in ("content", "source", "cue", "joint"):
            f1 = group["f1"][role]
            assert 0.0 <= f1["exact"] <= f1["lenient"] <= 1.0
    assert all(name in table for name in figures)


def test_an_article_stays_in_its_half_whatever_else_is_scored(tmp_path: Path) -> None:
    root, chosen = _bench_copy(tmp_path, 2)
    whole = tmp_path / "whole.json"
    _run("--root", str(root), "--by", "reading", "--json", str(whole))
    added = [a for a in chosen if a.get("dev_batch") != "first"]
    (root / "dev.jsonl").write_text("".join(json.dumps(a) + "\n" for a in added), encoding="utf-8")
    part = tmp_path / "part.json"
    _run("--root", str(root), "--by", "reading", "--json", str(part))
    before, after = json.loads(whole.read_text(encoding="utf-8")), json.loads(part.read_text(encoding="utf-8"))
    assert "first, read" not in after
    for half in ("added, read", "added, never read"):
        assert after.get(half, {}).get("articles") == before.get(half, {}).get("articles")
        assert after.get(half, {}).get("f1") == before.get(half, {}).get("f1")


def test_other_predictions_are_scored_on_the_same_groups(tmp_path: Path) -> None:
    root, chosen = _bench_copy(tmp_path, 1)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("".join(json.dumps({"id": a["id"], "claims": []}) + "\n" for a in chosen), encoding="utf-8")
    out = tmp_path / "split.json"
    _run("--root", str(root), "--predictions", str(empty), "--json", str(out))
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["all"]["articles"] == len(chosen)
    assert all(f1["lenient"] == 0.0 for f1 in figures["all"]["f1"].values()), "no claim predicted, none found"
