"""kill -9 of `curate publish` at random moments, then the same command again: each retry must
end with exactly one new commit on main and one tag on it.

    python benchmarks/publish_kills.py                      # 8 kills of a first publish, 8 of a second
    python benchmarks/publish_kills.py --kills 20 --seed 7

Setup (once, about a minute): two real versions of the sample corpus, `data/raw` and then
`data/raw` without one publisher's folder, built and validated into a scratch store. Each kill
gets a fresh copy of that store (for a `second` kill, with the first version already published),
starts `curate publish` in its own process group and SIGKILLs the whole group (git children too)
at a random moment. A process spends seconds importing and staging before it touches the
repository, and that time varies with the machine's load, so the clock starts when the
in-progress marker appears (polled every 2 ms) and the delay is drawn uniformly from zero to 1.5
times as long as the marker lived in uninterrupted runs (the median of three, measured first), so
some kills land after the repository work, while the manifest is written. What the kill left is classified, then
`curate publish` runs again and must exit 0 with: main one commit longer, the tag on that commit,
HEAD on main, a clean checkout, no `.git/index.lock`, no marker, no unreachable commit (the retry
rebuilt the very commit the killed run had made), and a repository `datasets.load_dataset` reads.
Exits 1 if any retry fails a check. `--keep` leaves the scratch folder for inspection.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARKER = "curate-publish-in-progress"
ENV = {**os.environ, "HF_HUB_OFFLINE": "1"}


def curate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "curate", *args], capture_output=True, text=True, env=ENV,
                          cwd=ROOT)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def build_versions(scratch: Path) -> tuple[Path, list[str]]:
    """Two validated versions of the sample corpus in `scratch/store`."""
    store, inputs = scratch / "store", scratch / "raw"
    shutil.copytree(ROOT / "data" / "raw", inputs)
    versions = []
    for step in range(2):
        if step == 1:
            shutil.rmtree(inputs / "txt" / next(p.name for p in sorted((inputs / "txt").iterdir()) if p.is_dir()))
        done = curate("build", str(inputs), "--name", "sample", "--config", str(ROOT / "curate.toml"),
                      "--store", str(store), "--no-report")
        if done.returncode:
            sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
        versions.append(sorted(p.name for p in (store / "sample" / "versions").iterdir())[-1])
    return store, versions


def copy_store(base: Path, where: Path, publish: str | None = None) -> Path:
    """A copy of a store, with `publish` published in it."""
    shutil.copytree(base, where)
    if publish is not None and curate("publish", "sample", publish, "--store", str(where)).returncode:
        sys.exit(f"publishing {publish} failed")
    return where


def window(base: Path, where: Path, version: str) -> tuple[float, float, float]:
    """When the marker appeared, when it went, when the process ended: seconds from its start."""
    store = copy_store(base, where)
    marker = store / "sample" / "hub" / ".git" / MARKER
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "curate", "publish", "sample", version, "--store", str(store)],
                               env=ENV, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: list[float] = []  # the times the marker's presence changed
    while process.poll() is None:
        if marker.exists() != (len(seen) % 2 == 1):
            seen.append(time.perf_counter() - start)
        time.sleep(0.002)
    end = time.perf_counter() - start
    shutil.rmtree(store)
    if len(seen) != 2:
        sys.exit(f"the marker was seen {len(seen)} times, not twice: poll faster")
    return seen[0], seen[1], end


def left(repo: Path, before: list[str], tag: str) -> str:
    """What the kill left in the repository, in the order a publish goes."""
    git_dir = repo / ".git"
    if not (git_dir / "HEAD").exists():
        return "marker only, no repository yet" if (git_dir / MARKER).exists() else "nothing"
    lock = " + index.lock" if (git_dir / "index.lock").exists() else ""
    try:
        main = git(repo, "rev-list", "main").split() if git(repo, "branch", "--list", "main").strip() else []
        tagged = tag in git(repo, "tag").split()
    except subprocess.CalledProcessError:
        return "a half-made repository (killed in git init)" + lock
    if not (git_dir / MARKER).exists():
        return ("repository done" if tagged else "nothing") + lock
    if not tagged:
        return "marker, objects maybe, no tag" + lock
    if main == before:
        return "tag, main not moved" + lock
    dirty = git(repo, "--no-optional-locks", "status", "--porcelain").strip()
    return ("main moved, checkout stale" if dirty else "main moved, checkout reset, marker left") + lock


def check(repo: Path, before: list[str], tag: str, cache: Path) -> list[str]:
    """What is wrong after the retry (nothing: an empty list)."""
    import datasets

    datasets.disable_progress_bars()
    problems = []
    main = git(repo, "rev-list", "main").split()
    if main[1:] != before:
        problems.append(f"main is not one commit longer: {len(main)} commits, {len(before)} before")
    if git(repo, "rev-parse", f"{tag}^{{commit}}").strip() != main[0]:
        problems.append(f"{tag} is not on main's head")
    if git(repo, "symbolic-ref", "HEAD").strip() != "refs/heads/main":
        problems.append("HEAD is not main")
    if git(repo, "status", "--porcelain", "--ignored"):
        problems.append("the checkout is not clean")
    for leftover in ("index.lock", MARKER):
        if (repo / ".git" / leftover).exists():
            problems.append(f".git/{leftover} left")
    if git(repo, "fsck", "--unreachable", "--no-reflogs"):
        problems.append("unreachable objects: the retry made other objects than the killed run")
    try:
        datasets.load_dataset(str(repo), cache_dir=str(cache))
    except Exception as exc:  # noqa: BLE001 - any failure to load is the finding
        problems.append(f"load_dataset failed: {exc}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=8, help="Kills of each kind (first publish, second publish).")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--keep", action="store_true", help="Keep the scratch folder.")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    scratch = Path(tempfile.mkdtemp(prefix="curate-publish-kills-"))
    ENV["TMPDIR"] = str(scratch)  # what a killed publish cannot clean up (its staging folder) goes with it
    base, (first, second) = build_versions(scratch)
    kinds = {"first": (first, base), "second": (second, copy_store(base, scratch / "first-published", first))}
    windows = {}
    for kind, (version, store) in kinds.items():
        runs = [window(store, scratch / "timing", version) for _ in range(3)]
        windows[kind] = 1.5 * statistics.median(went - appeared for appeared, went, _ in runs)
        print(f"{kind} publish ({version}): marker lived " + ", ".join(f"{went - appeared:.3f}" for appeared, went, _
                                                                     in runs)
              + f" s (process {', '.join(f'{end:.1f}' for _, _, end in runs)} s); kills drawn from "
              f"[0, {windows[kind]:.3f}] s after the marker appears", flush=True)
    outcomes: Counter[str] = Counter()
    failures = 0
    print(f"\n{'#':>3}  {'kind':<6} {'delay s':>7}  {'what the kill left (delay: after the marker)':<52} retry")
    for number in range(2 * args.kills):
        kind = "first" if number < args.kills else "second"
        version, base_store = kinds[kind]
        where = scratch / f"kill-{number}"
        store = copy_store(base_store, where / "store")
        repo = store / "sample" / "hub"
        before = git(repo, "rev-list", "main").split() if kind == "second" else []
        delay = rng.uniform(0, windows[kind])
        process = subprocess.Popen([sys.executable, "-m", "curate", "publish", "sample", version, "--store", str(store)],
                                   env=ENV, cwd=ROOT, start_new_session=True,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None and not (repo / ".git" / MARKER).exists():
            time.sleep(0.002)
        time.sleep(delay)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        state = left(repo, before, f"v{version}") if process.returncode == -signal.SIGKILL else "finished before the kill"
        if state == "repository done":
            recorded = json.loads((store / "sample" / "versions" / version / "manifest.json").read_text())
            state += ", manifest recorded" if "published" in recorded else ", manifest not yet recorded"
        outcomes[state] += 1
        retry = curate("publish", "sample", version, "--store", str(store))
        problems = [f"retry exited {retry.returncode}: {retry.stderr.strip()[-300:]}"] if retry.returncode else \
            check(repo, before, f"v{version}", where / "cache")
        failures += bool(problems)
        print(f"{number:>3}  {kind:<6} {delay:>7.3f}  {state:<52} {'ok' if not problems else '; '.join(problems)}",
              flush=True)
        shutil.rmtree(where)
    print(f"\n{2 * args.kills} kills, {failures} failed retries. What the kills left:")
    for state, count in outcomes.most_common():
        print(f"  {count:>3}  {state}")
    if not args.keep:
        shutil.rmtree(scratch)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
