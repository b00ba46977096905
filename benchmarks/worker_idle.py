"""Where the workers of a local build wait: each worker's idle time, by the tasks around each gap.

    python benchmarks/worker_idle.py                 # the BBC corpus scaled to 10,000 documents, 2 workers
    python benchmarks/worker_idle.py --docs 2000 --workers 2 --repeat 3

Two workers reach at most 2x one only if neither ever waits. This builds the scaled corpus
(`make_scaled.py`) with the local executor and records, in each worker, when every task started
and ended (wall clock) and its CPU seconds; then prints, per worker, the time it was busy and
idle: before its first task, after its last, and in the gaps between two tasks, summed by the
pair of tasks around each gap (`finish_batch -> finish_batch`: waiting between two batches of
the finishing pass). The parent's serial work shows as the gap between two passes
(`process_prepared -> finish_batch` holds the near-duplicate clusters). The recording wraps the
executor's worker entry point (`curate.executor.local._run_in_worker`), so a task's time includes
handing its result back. Needs ../shared/bench (or `--input FILE`).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import curate.executor.local as local
from curate.config import load_config
from curate.pipeline.build import build
from curate.store import Store
from throughput import _corpus  # benchmarks/ is on sys.path when run as a script

_LOG = "tasks.jsonl"


_ENTRY = local._run_in_worker
_FOLDER: list[Path] = []  # the run's folder, set before its build forks the workers


def _recorded(task: Callable[[Any, Any], Any], job: Any) -> Any:
    """The worker entry point, writing (pid, task, start, end, cpu) of each task to the run's log
    (module-level: the pool sends it to the workers by name)."""
    start, cpu = time.perf_counter(), time.process_time()
    try:
        return _ENTRY(task, job)
    finally:
        line = [os.getpid(), task.__name__, start, time.perf_counter(), time.process_time() - cpu]
        with (_FOLDER[-1] / _LOG).open("a", encoding="utf-8") as log:
            log.write(json.dumps(line) + "\n")


def _report(tasks: list[list[Any]], begun: float, ended: float) -> dict[str, Any]:
    workers = {}
    for pid in sorted({task[0] for task in tasks}):
        mine = sorted((task for task in tasks if task[0] == pid), key=lambda task: task[2])
        gaps: dict[str, float] = {}
        for before, after in itertools.pairwise(mine):
            key = f"{before[1]} -> {after[1]}"
            gaps[key] = gaps.get(key, 0.0) + after[2] - before[3]
        busy = sum(task[3] - task[2] for task in mine)
        workers[str(pid)] = {"tasks": len(mine), "busy": busy, "cpu": sum(task[4] for task in mine),
                             "idle": ended - begun - busy, "before_first": mine[0][2] - begun,
                             "after_last": ended - mine[-1][3], "gaps": gaps}
    return {"wall": ended - begun, "workers": workers}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000, help="scaled corpus size (default 10,000)")
    parser.add_argument("--input", type=Path, help="inputs to build (a file or folder) instead of the scaled corpus")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        source = args.input or _corpus(args.docs, Path(work))
        config = load_config(None, {"executor": {"workers": args.workers}})
        for run in range(args.repeat):
            folder = Path(work) / f"run-{run}"
            folder.mkdir()
            _FOLDER.append(folder)
            local._run_in_worker = _recorded  # type: ignore[assignment]  # the workers fork after this
            begun = time.perf_counter()
            build([source], "idle", config, store=Store(folder / "store"))
            ended = time.perf_counter()
            tasks = [json.loads(line) for line in (folder / _LOG).read_text(encoding="utf-8").splitlines()]
            found = _report(tasks, begun, ended)
            print(f"run {run + 1}: {source.name}, {args.workers} workers, {found['wall']:.2f} s")
            for pid, worker in found["workers"].items():
                print(f"  worker {pid}: {worker['tasks']} tasks, busy {worker['busy']:.2f} s (CPU {worker['cpu']:.2f}), "
                      f"idle {worker['idle']:.2f} s: before the first {worker['before_first']:.2f}, "
                      f"after the last {worker['after_last']:.2f}")
                for pair, seconds in sorted(worker["gaps"].items(), key=lambda item: -item[1]):
                    print(f"    {seconds:6.3f} s between {pair}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
