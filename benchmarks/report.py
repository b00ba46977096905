"""Quality-report cost next to the build it reports on, measured in the same process and run.

    python benchmarks/report.py                 # the 2,225 BBC articles, 2 workers
    python benchmarks/report.py --docs 10000    # also a scaled corpus (make_scaled.py)

For each corpus one process builds it (`curate.pipeline.build.build`, no gate) and then writes its report
(`curate.reporting.write_report`) `--repeat` times; the target is report <= 10% of build time. A second
process writes the report once more on its own, so its peak RSS is the report's alone, next to the
peak of live Arrow memory (the allocator's own high-water mark, not what it keeps cached).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
from pathlib import Path

from throughput import _corpus, _measure  # benchmarks/ is on sys.path when run as a script

_BUILD_AND_REPORT = """
import json, sys, time
from pathlib import Path
from curate.pipeline.build import build
from curate.config import load_config
from curate.reporting import write_report
from curate.store import Store
store = Store(Path(sys.argv[2]))
config = load_config(None, {"executor": {"workers": int(sys.argv[3])}})
start = time.perf_counter()
result = build([Path(sys.argv[1])], "bench", config, store=store)
built = time.perf_counter() - start
reports, cpu = [], []
for _ in range(int(sys.argv[4])):
    start, start_cpu = time.perf_counter(), time.process_time()
    write_report(store, "bench", result.manifest["version"])
    reports.append(time.perf_counter() - start)
    cpu.append(time.process_time() - start_cpu)
print(json.dumps({"build_seconds": built, "report_seconds": reports, "report_cpu_seconds": cpu,
                  "accounting": result.manifest["accounting"]}))
"""

_REPORT_ONLY = """
import json, sys, time
from pathlib import Path
import pyarrow as pa
from curate.reporting import write_report
from curate.store import Store
start = time.perf_counter()
result = write_report(Store(Path(sys.argv[1])), "bench", "1.0.0")
print(json.dumps({"seconds": time.perf_counter() - start, "pages": len(result.summary["documents"]),
                  "arrow_peak_mb": pa.default_memory_pool().max_memory() / 2**20}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="*", default=[], help="also scaled corpora of these sizes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3, help="report runs after the build (median shown)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for docs in [None, *args.docs]:
            corpus = _corpus(docs, work)
            store = work / f"store-{docs or 'base'}"
            both = _measure(_BUILD_AND_REPORT, [str(corpus), str(store), str(args.workers), str(args.repeat)])
            alone = _measure(_REPORT_ONLY, [str(store)])
            report = statistics.median(both["report_seconds"])
            rows.append({"docs": both["accounting"]["read"], "build_s": round(both["build_seconds"], 2),
                         "report_s": round(report, 3), "report_runs_s": [round(s, 3) for s in both["report_seconds"]],
                         "report_cpu_s": round(statistics.median(both["report_cpu_seconds"]), 3),
                         "share": round(report / both["build_seconds"], 4),
                         "report_alone_s": round(alone["seconds"], 3),
                         "report_peak_rss_mb": round(alone["peak_rss_mb"], 1),
                         "report_arrow_peak_mb": round(alone["arrow_peak_mb"], 1), "pages": alone["pages"]})
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"build with {args.workers} workers, no gate")
    print(f"{'docs':>7} {'build s':>8} {'report s':>9} {'report CPU s':>12} {'report/build':>12} "
          f"{'alone s':>8} {'alone peak RSS MB':>17} {'Arrow peak MB':>13} {'pages':>6}")
    for r in rows:
        print(f"{r['docs']:>7} {r['build_s']:>8} {r['report_s']:>9} {r['report_cpu_s']:>12} {r['share']:>12.1%} "
              f"{r['report_alone_s']:>8} {r['report_peak_rss_mb']:>17} {r['report_arrow_peak_mb']:>13} {r['pages']:>6}")
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
