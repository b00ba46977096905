"""The Ray executor against the local one on one corpus, in one run: throughput, peak memory of
each worker process, byte-identical shards, and a kill -9 of the driver mid-build, then a resume.

    python benchmarks/ray_executor.py                       # 100,000 scaled documents
    python benchmarks/ray_executor.py --docs 20000 --no-kill

The corpus is `make_scaled.py`'s (../shared/bench/corpus). Each build runs in its own process
with the default config and every core: `local` (the process pool), then `ray` (a Ray started by
the build, stopped when it ends: its start-up is in the time). Memory is sampled every 100 ms
for every process of the build's tree: the driver, and each worker (the pool's forked
processes; Ray's `ray::` workers). `RSS - shared` leaves out pages shared with other processes
(Ray's object store is shared memory mapped into every worker; a forked worker shares its
parent's pages). Then a Ray build is killed with SIGKILL once the document pass has finished
`--kill-at` of its batches; the Ray processes it started are counted after it (the orphans a
user would have to kill), and the same build is run again: it resumes from the checkpoints of
the batches that finished, and its shards are compared with the uninterrupted builds'.

Run it with bytecode caching on (no PYTHONDONTWRITEBYTECODE): every Ray worker is a fresh
interpreter that imports curate, where a forked local worker inherits its parent's imports.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import psutil

from throughput import _corpus  # same folder: the scaled corpus

ROOT = Path(__file__).resolve().parents[1]

_BUILD = """
import json, sys, time
from pathlib import Path
from curate.pipeline.build import build
from curate.config import load_config
from curate.store import Store
config = load_config(None, {"executor": {"engine": sys.argv[3]}})
start = time.perf_counter()
result = build([Path(sys.argv[1])], "bench", config, store=Store(Path(sys.argv[2])))
manifest = result.manifest
print(json.dumps({"seconds": time.perf_counter() - start, "accounting": manifest["accounting"],
                  "resumed": manifest["resumed"],
                  "files": {f["path"]: f["sha256"] for f in manifest["shards"] + manifest["rejects"]
                            + manifest["dedup"].get("files", [])}}))
"""

_RAY_PROCESSES = ("raylet", "gcs_server", "ray::", "dashboard", "log_monitor", "monitor.py", "runtime_env")


class _Sampler:
    """Peak RSS and RSS - shared of every process of a tree, by pid, sampled on `sample()`."""

    def __init__(self, root: int) -> None:
        self.root = psutil.Process(root)
        self.peaks: dict[int, dict[str, object]] = {}

    def sample(self) -> None:
        try:
            tree = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        for proc in tree:
            try:
                memory, name = proc.memory_info(), " ".join(proc.cmdline()[:1]) or proc.name()
            except psutil.Error:
                continue
            peak = self.peaks.setdefault(proc.pid, {"name": name, "rss": 0, "private": 0})
            peak["name"] = name if name.startswith("ray::") else peak["name"]
            peak["rss"] = max(int(peak["rss"]), memory.rss)  # type: ignore[call-overload]
            peak["private"] = max(int(peak["private"]), memory.rss - memory.shared)  # type: ignore[call-overload]

    def workers(self, engine: str) -> list[dict[str, object]]:
        """The worker processes' peaks: Ray's task workers, or the pool's forked processes."""
        if engine == "ray":
            return [p for p in self.peaks.values() if str(p["name"]).startswith("ray::")
                    and "Actor" not in str(p["name"]) and "Agent" not in str(p["name"])]
        return [p for pid, p in self.peaks.items() if pid != self.root.pid]


def _run(corpus: Path, store: Path, engine: str, kill_when: int | None = None) -> dict:
    """One build in its own process; killed with SIGKILL once `kill_when` document-pass batches
    have finished, when given."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen([sys.executable, "-c", _BUILD, str(corpus), str(store), engine], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                            env={**env, "HF_HUB_OFFLINE": "1"})
    sampler = _Sampler(proc.pid)
    annotated = store / "bench" / ".checkpoints" / "annotate"
    started = time.perf_counter()
    while proc.poll() is None:
        sampler.sample()
        if kill_when is not None and annotated.is_dir() and len(list(annotated.glob("*.summary"))) >= kill_when:
            children = _ray_pids()
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return {"killed_after": round(time.perf_counter() - started, 1), "ray_before": len(children)}
        time.sleep(0.1)
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"{engine} build failed ({proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    workers = sampler.workers(engine)
    driver = sampler.peaks.get(proc.pid, {"rss": 0, "private": 0})
    return {**result, "workers": len(workers),
            "driver_rss_mb": int(driver["rss"]) / 2**20,  # type: ignore[call-overload]
            "worker_rss_mb": max((int(p["rss"]) for p in workers), default=0) / 2**20,  # type: ignore[call-overload]
            "worker_private_mb": max((int(p["private"]) for p in workers), default=0) / 2**20}  # type: ignore[call-overload]


def _ray_pids() -> set[int]:
    pids = set()
    for proc in psutil.process_iter(["cmdline"]):
        line = " ".join(proc.info["cmdline"] or [])
        if any(marker in line for marker in _RAY_PROCESSES):
            pids.add(proc.pid)
    return pids


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--kill-at", type=float, default=0.5,
                        help="share of the document pass's batches finished when the driver is killed")
    parser.add_argument("--no-kill", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = _corpus(args.docs, work)
        runs = {engine: _run(corpus, work / engine, engine) for engine in ("local", "ray")}
        same = runs["local"]["files"] == runs["ray"]["files"]
        results: dict = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "docs": args.docs,
                         "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
                         "runs": {k: {key: v for key, v in r.items() if key != "files"} for k, r in runs.items()},
                         "ratio": runs["local"]["seconds"] / runs["ray"]["seconds"], "same_files": same}
        if not args.no_kill:
            batches = runs["ray"]["accounting"]["read"] // 64  # the default batch size
            before = _ray_pids()
            killed = _run(corpus, work / "killed", "ray", kill_when=max(1, int(batches * args.kill_at)))
            time.sleep(5)
            killed["orphans"] = len(_ray_pids() - before)
            resumed = _run(corpus, work / "killed", "ray")
            killed.update(resumed_seconds=resumed["seconds"], resumed=resumed["resumed"],
                          same_files=resumed["files"] == runs["ray"]["files"])
            results["kill"] = killed
    print(json.dumps(results, indent=2))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
