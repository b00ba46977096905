"""`benchmarks/worker_idle.py`: each worker's busy and idle time in a local build, by the tasks
around each gap."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT, SAMPLE

SCRIPT = ROOT / "benchmarks" / "worker_idle.py"


def test_each_worker_s_time_is_busy_or_idle_and_the_gaps_name_their_tasks() -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--input", str(SAMPLE), "--workers", "2"], capture_output=True,
                          text=True, check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"}, timeout=300)
    lines = done.stdout.splitlines()
    wall = float(re.match(r"run 1: raw, 2 workers, ([0-9.]+) s", lines[0]).group(1))  # type: ignore[union-attr]
    workers = [re.search(r"busy ([0-9.]+) s .* idle ([0-9.]+) s", line) for line in lines if line.startswith("  worker ")]
    assert workers and all(workers)
    for found in workers:
        busy, idle = float(found.group(1)), float(found.group(2))  # type: ignore[union-attr]
        assert abs(busy + idle - wall) < 0.02
    tasks = {name for line in lines if "between" in line for name in line.split("between ")[1].split(" -> ")}
    assert tasks and tasks <= {"prepare_batch", "process_prepared", "finish_batch", "cluster_table", "merge_rejects"}
