"""What the quality gate costs next to the build it checks, on the shared news corpus.

    python benchmarks/validation.py                           # the 2,225 BBC articles
    python benchmarks/validation.py --docs 10000 20000 --shard-rows 1000 --chunk-rows 1000
                                        # 12 vs 23 shards of one size: validation's peak stays put
    python benchmarks/validation.py --job --docs 2000 100000  # the gate's share of a build job

Per corpus: one build without the gate, then `validate_version` on it, each in a fresh process
and timed from its first import of curate to its end, as a user pays them (the gate's time
includes importing Great Expectations). `--repeat N` makes N such pairs and prints each.
Peak memory is the summed RSS of the process and its workers. The gate validates `chunk_rows` rows at a time, so
with the shard size fixed its peak must not grow with the number of shards.

`--job`: the gate's share of a build job (`curate build`: build, then gate; no report), two ways
in turn, each job in a fresh process: `after`, the gate started once the build has ended
(`curate.build(validate=False)`, then `curate.validate`: what a build job did before the gate's
standby, and what `curate validate` still does); `standby`, `curate.build(validate=True)`, which
prepares the gate (Great Expectations' import and suites) in a process of its own while the
build runs. Build seconds run from the process's first import of curate to the build's end; gate
seconds from there to the verdict, so `gate / build` is the share of its build time a job waits
for its gate. `job / build alone` is the standby job's whole time over the `after` job's build:
it counts the CPU the standby takes from the build too. Both jobs must record the same verdict
(results.json, but for its timestamps). CPU s is the whole process tree's.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import tempfile
from pathlib import Path

from curate.config import ValidationConfig
from throughput import _corpus, _measure  # same folder: the corpus preparation and RSS sampling

_BUILD = """
import json, sys, time
start = time.perf_counter()
from pathlib import Path
from curate.pipeline.build import build
from curate.config import load_config
from curate.store import Store
config = load_config(None, {"executor": {"workers": int(sys.argv[3]), "shard_max_rows": int(sys.argv[4])}})
result = build([Path(sys.argv[1])], "bench", config, store=Store(Path(sys.argv[2])))
print(json.dumps({"seconds": time.perf_counter() - start, "version": result.manifest["version"],
                  "shards": len(result.manifest["shards"]) + len(result.manifest["rejects"]),
                  "accounting": result.manifest["accounting"]}))
"""

_IMPORT_GX = """
import json, time
import curate.validation
start = time.perf_counter()
import curate.validation.gx_run  # Great Expectations, as the gate imports it
print(json.dumps({"seconds": time.perf_counter() - start}))
"""

_VALIDATE = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
from curate.config import load_config
from curate.store import Store
from curate.validation import validate_version
config = load_config(None, {"executor": {"workers": int(sys.argv[3])},
                             "validation": {"chunk_rows": int(sys.argv[4])}})
result, _ = validate_version(Store(Path(sys.argv[1])), "bench", sys.argv[2], config)
print(json.dumps({"seconds": time.perf_counter() - start, "passed": result.passed,
                  "failed": [o.key for o in result.failed]}))
"""


_JOB = """
import json, sys, time
start = time.perf_counter()
from pathlib import Path
import curate
import curate.pipeline.build  # what `curate.build` imports before it builds: build time, not the gate's
from curate.store import Store
store, standby = Store(Path(sys.argv[2])), sys.argv[5] == "standby"
overrides = {"executor": {"workers": int(sys.argv[3]), "shard_max_rows": int(sys.argv[4])}}
called = time.perf_counter()
made = curate.build([Path(sys.argv[1])], "bench", overrides=overrides, store=store, validate=standby,
                    report=False, progress=False)
built = called + made.seconds
gate = made.validation if standby else curate.validate("bench", made.version, store=store, report=False,
                                                        progress=False)
results = json.loads((gate.folder / "results.json").read_text(encoding="utf-8"))
print(json.dumps({"build_s": built - start, "gate_s": time.perf_counter() - built, "version": made.version,
                  "accounting": made.manifest.accounting.model_dump(), "passed": gate.passed,
                  "results": {k: v for k, v in results.items() if k not in ("validated_at", "seconds")}}))
"""

_WAYS = ("after", "standby")


def _jobs(args: argparse.Namespace, work: Path) -> None:
    """The gate's share of a build job, the gate after the build and on standby, in turn."""
    rows = []
    for docs in args.docs:
        corpus = _corpus(docs or None, work)
        for run in range(args.repeat):
            found = {}
            for way in _WAYS:
                store = work / f"job-{docs}-{run}-{way}"
                found[way] = _measure(_JOB, [str(corpus), str(store), str(args.workers), str(args.shard_rows), way])
            after, standby = found["after"], found["standby"]
            rows.append({"docs": after["accounting"]["read"], "passed": after["passed"],
                         "same_verdict": after["results"] == standby["results"],
                         **{f"{way}_{key}": round(found[way][key], 3) for way in _WAYS
                            for key in ("build_s", "gate_s", "cpu_seconds", "peak_rss_mb")},
                         **{f"{way}_share": round(found[way]["gate_s"] / found[way]["build_s"], 3) for way in _WAYS},
                         "job_over_build_alone": round((standby["build_s"] + standby["gate_s"]) / after["build_s"], 3)})
            shutil.rmtree(work / f"job-{docs}-{run}-after")
            shutil.rmtree(work / f"job-{docs}-{run}-standby")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{args.workers} workers, shard_max_rows {args.shard_rows}; gate / build per job, in turn")
    print(f"{'docs':>7} | {'after: build s':>14} {'gate s':>7} {'gate/build':>10} {'CPU s':>7} | "
          f"{'standby: build s':>16} {'gate s':>7} {'gate/build':>10} {'CPU s':>7} | {'job/build alone':>15}  verdict")
    for r in rows:
        verdict = ("passed" if r["passed"] else "failed") + (", the same" if r["same_verdict"] else ", DIFFERENT")
        print(f"{r['docs']:>7} | {r['after_build_s']:>14.2f} {r['after_gate_s']:>7.2f} {r['after_share']:>10.3f} "
              f"{r['after_cpu_seconds']:>7.1f} | {r['standby_build_s']:>16.2f} {r['standby_gate_s']:>7.2f} "
              f"{r['standby_share']:>10.3f} {r['standby_cpu_seconds']:>7.1f} | {r['job_over_build_alone']:>15.3f}  "
              f"{verdict}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="*", default=[0],
                        help="corpus sizes; 0 is the 2,225 original articles, others are scaled")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--shard-rows", type=int, default=100_000, help="shard_max_rows of the builds")
    parser.add_argument("--chunk-rows", type=int, default=ValidationConfig().chunk_rows,
                        help="validation.chunk_rows: rows validated together (bounds the gate's memory)")
    parser.add_argument("--repeat", type=int, default=1, help="build/validate pairs per corpus")
    parser.add_argument("--job", action="store_true",
                        help="the gate's share of a build job: after the build, and on standby beside it")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if args.job:
        with tempfile.TemporaryDirectory() as tmp:
            _jobs(args, Path(tmp))
        return
    results = []
    gx_import = _measure(_IMPORT_GX, [])["seconds"]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for docs in args.docs:
            corpus = _corpus(docs or None, work)
            for run in range(args.repeat):
                store = work / f"store-{docs}-{run}"
                built = _measure(_BUILD, [str(corpus), str(store), str(args.workers), str(args.shard_rows)])
                checked = _measure(_VALIDATE, [str(store), built["version"], str(args.workers),
                                               str(args.chunk_rows)])
                results.append({"docs": built["accounting"]["read"], "shards": built["shards"],
                                "build_s": round(built["seconds"], 2), "validate_s": round(checked["seconds"], 2),
                                "ratio": round(checked["seconds"] / built["seconds"], 3),
                                "build_peak_rss_mb": round(built["peak_rss_mb"], 1),
                                "validate_peak_rss_mb": round(checked["peak_rss_mb"], 1),
                                "passed": checked["passed"], "failed": checked["failed"]})
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{args.workers} workers, shard_max_rows {args.shard_rows}, chunk_rows {args.chunk_rows}; "
          f"importing Great Expectations as the gate does: "
          f"{gx_import:.2f} s (part of every validate s)")
    print(f"{'docs':>7} {'shards':>6} {'build s':>8} {'validate s':>10} {'ratio':>6} {'build MB':>9} "
          f"{'validate MB':>11}  gate")
    for r in results:
        verdict = "passed" if r["passed"] else "failed: " + ", ".join(r["failed"])
        print(f"{r['docs']:>7} {r['shards']:>6} {r['build_s']:>8} {r['validate_s']:>10} {r['ratio']:>6} "
              f"{r['build_peak_rss_mb']:>9} {r['validate_peak_rss_mb']:>11}  {verdict}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
