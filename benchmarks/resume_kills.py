"""Kill a build at random moments, resume it each time, and compare its shards with an
uninterrupted build of the same corpus.

    python benchmarks/resume_kills.py                       # 100,000 scaled documents, 5 kills
    python benchmarks/resume_kills.py --docs 20000 --kills 3 --seed 7

The corpus is `make_scaled.py`'s (../shared/bench/corpus). One process builds it without
interruption (the reference). Then the same build is started in another store and killed with
SIGKILL, `--kills` times, each time started again (it resumes from the checkpoints of the
batches that had finished); the last run goes to the end. The kill points are random places in
the work, drawn up front: a run is killed when the checkpoint folder holds a drawn number of
finished batches (of both passes, about 2 x documents / batch size in all; near the end that is
after the last batch, while the shards are written), so every kill falls inside a run whatever
the machine's speed. Printed: where each kill fell, what each run took from the checkpoints, the
peak size of the checkpoint folder, the total build time against the reference's, and whether
every shard is byte-identical.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import platform
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "bench" / "corpus"

_BUILD = """
import json, sys
from pathlib import Path
from curate.pipeline.build import build
from curate.config import load_config
from curate.store import Store
config = load_config(None, {"executor": {"workers": int(sys.argv[3])}})
result = build([Path(sys.argv[1])], "bench", config, store=Store(Path(sys.argv[2])))
print(json.dumps({"shards": {s["path"]: s["sha256"] for s in result.manifest["shards"] + result.manifest["rejects"]},
                  "accounting": result.manifest["accounting"], "resumed": result.manifest["resumed"]}))
"""


def _size(folder: Path) -> int:
    total = 0
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):  # renamed or removed meanwhile
            total += path.stat().st_size
    return total


def _finished(checkpoints: Path) -> int:
    """Batches finished so far, both passes (a checkpoint's summary is written last)."""
    return sum(1 for stage in ("prepare", "annotate") for _ in (checkpoints / stage).glob("*.summary"))


def _run(corpus: Path, store: Path, workers: int, kill_at: int | None) -> tuple[float, dict | None, int]:
    """(seconds, the build's result or None when killed, peak bytes of its checkpoint folder);
    killed once `kill_at` batches are finished, if it gets there."""
    checkpoints = store / "bench" / ".checkpoints"
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", _BUILD, str(corpus), str(store), str(workers)],
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    peak, last_probe = 0, 0.0
    while proc.poll() is None:
        now = time.perf_counter() - started
        if kill_at is not None and _finished(checkpoints) >= kill_at:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return now, None, max(peak, _size(checkpoints))
        if now - last_probe >= 1.0:
            peak, last_probe = max(peak, _size(checkpoints)), now
        time.sleep(0.02)
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"build failed with exit code {proc.returncode}")
    return time.perf_counter() - started, json.loads(out.strip().splitlines()[-1]), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    source = CORPUS / "news.jsonl.gz"
    if not source.exists():
        raise SystemExit(f"{source} not found: this benchmark needs ../shared/bench/corpus")
    chance = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="curate-kills-") as scratch:
        work = Path(scratch)
        corpus = work / "corpus.jsonl"
        subprocess.run([sys.executable, str(CORPUS / "make_scaled.py"), "--src", str(source), "--n", str(args.docs),
                        "--out", str(corpus)], check=True)
        reference_seconds, reference, _ = _run(corpus, work / "reference", args.workers, None)
        assert reference is not None
        print(f"reference: {reference_seconds:.1f} s, {reference['accounting']['read']:,} documents read")
        batches = 2 * math.ceil(args.docs / 64)  # both passes, at the default batch size
        points = sorted(chance.sample(range(1, batches + 1), args.kills))
        runs, total, peak = [], 0.0, 0
        for kill_at in [*points, None]:
            seconds, result, run_peak = _run(corpus, work / "resumed", args.workers, kill_at)
            total, peak = total + seconds, max(peak, run_peak)
            runs.append({"kill_at_batches": kill_at, "of_about": batches, "seconds": round(seconds, 1),
                         "finished": result is not None, "resumed": result["resumed"] if result else None})
            print(json.dumps(runs[-1]))
            if result is not None:
                break
        assert result is not None
        identical = result["shards"] == reference["shards"]
        summary = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"), "machine": platform.node(),
            "cores": os.cpu_count(), "docs": args.docs, "workers": args.workers, "kills": sum(not r["finished"] for r in runs),
            "reference_seconds": round(reference_seconds, 1), "total_seconds_with_kills": round(total, 1),
            "checkpoint_peak_mb": round(peak / 2**20, 1), "shards": len(reference["shards"]),
            "byte_identical": identical, "same_accounting": result["accounting"] == reference["accounting"],
        }
        print(json.dumps(summary, indent=2))
        if not identical:
            raise SystemExit("shards differ from the uninterrupted build")


if __name__ == "__main__":
    main()
