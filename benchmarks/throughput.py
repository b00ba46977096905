"""End-to-end build throughput on the shared news corpus, next to a no-processing floor.

    python benchmarks/throughput.py                      # 2,225 BBC articles, 1 and 2 workers
    python benchmarks/throughput.py --repeat 5           # five paired runs, and the ratio's spread
    python benchmarks/throughput.py --docs 10000 100000  # scaled corpora (make_scaled.py)
    python benchmarks/throughput.py --docs 10000 --datatrove-python /work/dt-venv/bin/python

Each measurement runs in its own process; peak memory is the peak of the summed RSS of that
process and its workers, sampled every 50 ms. The floor is the same rows read from JSONL and
written to zstd Parquet by pyarrow alone, measured in the same run: compare ratios, not seconds
from another day. CPU seconds: `CPU s` is the whole process tree (interpreter start-up and
imports included); `parent` and `workers` are the build alone (`resource.getrusage` of the build
process and of its worker processes). `other` is the CPU other processes on the machine used
meanwhile, in cores (from /proc/stat): wall-clock figures with `other` near the core count mean
little, CPU seconds still do.

`--datatrove-python` also runs HF datatrove's Gopher + C4 filter pipeline (`JsonlReader`,
`GopherRepetitionFilter`, `GopherQualityFilter`, `C4QualityFilter`, `ParquetWriter`, one task on
one worker, its defaults; each record's text and id only) over the same file with that interpreter (a venv with datatrove, never
curate's), timed the same way, start-up included as for curate.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "bench" / "corpus"

_BUILD = """
import json, sys, time
from pathlib import Path
from curate.pipeline.build import build
from curate.config import load_config
from curate.store import Store
import resource
config = load_config(None, {"executor": {"workers": int(sys.argv[3])}})
def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
parent, workers = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
start = time.perf_counter()
result = build([Path(sys.argv[1])], "bench", config, store=Store(Path(sys.argv[2])))
print(json.dumps({"seconds": time.perf_counter() - start, "accounting": result.manifest["accounting"],
                  "parent_cpu": cpu(resource.RUSAGE_SELF) - parent,
                  "workers_cpu": cpu(resource.RUSAGE_CHILDREN) - workers}))
"""

_FLOOR = """
import json, sys, time
import pyarrow.json as pj, pyarrow.parquet as pq
start = time.perf_counter()
table = pj.read_json(sys.argv[1])
pq.write_table(table, sys.argv[2] + "/floor.parquet", compression="zstd")
print(json.dumps({"seconds": time.perf_counter() - start, "accounting": {"read": table.num_rows}}))
"""


_DATATROVE = """
import json, sys, time
start = time.perf_counter()
from pathlib import Path
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.filters import C4QualityFilter, GopherQualityFilter, GopherRepetitionFilter
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import ParquetWriter
corpus, work = Path(sys.argv[1]), Path(sys.argv[2])
def text_and_id(reader, data, path, id_in_file):  # the scaled rows' ground-truth fields are no metadata to write
    return {"text": data["text"], "id": data["id"], "metadata": {}}
pipeline = [JsonlReader(str(corpus.parent), glob_pattern=corpus.name, doc_progress=False, adapter=text_and_id),
            GopherRepetitionFilter(), GopherQualityFilter(), C4QualityFilter(),
            ParquetWriter(str(work / "datatrove-out"))]
stats = LocalPipelineExecutor(pipeline=pipeline, tasks=1, workers=1, logging_dir=str(work / "datatrove-logs")).run()
read = sum(1 for _ in corpus.open(encoding="utf-8"))
print(json.dumps({"seconds": time.perf_counter() - start, "accounting": {"read": read}}))
"""


def _busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (Linux), or None."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    except (OSError, ValueError):
        return None
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")  # all but idle and iowait


def _measure(code: str, args: list[str], python: str = sys.executable) -> dict:
    """Run `code` in a fresh interpreter; its JSON result, the peak RSS of its process tree, the
    CPU seconds of the whole tree (a noisy shared machine moves wall time more than CPU time) and
    the cores other processes kept busy meanwhile."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy, started = _busy_seconds(), time.perf_counter()
    proc = subprocess.Popen([python, "-c", code, *args], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "HF_HUB_OFFLINE": "1"})
    root = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.05)
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"measurement failed ({proc.returncode}): {' '.join(args)}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    busy_after = _busy_seconds()
    other = None if busy is None or busy_after is None else \
        max(0.0, busy_after - busy - cpu) / (time.perf_counter() - started)
    return {**json.loads(out.strip().splitlines()[-1]), "peak_rss_mb": peak / 2**20, "cpu_seconds": cpu,
            "other_cores": other}


def _corpus(docs: int | None, work: Path) -> Path:
    """The BBC corpus as plain JSONL (both runs then read the same bytes), scaled when asked."""
    source = CORPUS / "news.jsonl.gz"
    if not source.exists():
        raise SystemExit(f"{source} not found: this benchmark needs ../shared/bench/corpus")
    out = work / f"news-{docs or 'base'}.jsonl"
    if docs is None:
        import gzip

        out.write_bytes(gzip.decompress(source.read_bytes()))
    else:
        subprocess.run([sys.executable, str(CORPUS / "make_scaled.py"), "--src", str(source),
                        "--n", str(docs), "--out", str(out)], check=True)
    return out


def _row(measured: dict, label: str, mb: float) -> dict:
    read = measured["accounting"]["read"]
    row = {"corpus_docs": read, "corpus_mb": round(mb, 1), "run": label,
           "seconds": round(measured["seconds"], 2),
           "docs_per_s": round(read / measured["seconds"], 1),
           "mb_per_s": round(mb / measured["seconds"], 2),
           "peak_rss_mb": round(measured["peak_rss_mb"], 1),
           "cpu_seconds": round(measured["cpu_seconds"], 2),
           "accounting": measured["accounting"]}
    for key in ("parent_cpu", "workers_cpu", "other_cores"):
        if measured.get(key) is not None:
            row[key] = round(measured[key], 2)
    return row


_CACHED = """
import importlib.util, os, sys
spec = importlib.util.find_spec(sys.argv[1])
print(spec is not None and os.path.exists(importlib.util.cache_from_source(spec.origin)))
"""


def _bytecode(python: str, package: str) -> str:
    """Whether `package` imports from cached bytecode under `python`: without it (no `__pycache__`
    and PYTHONDONTWRITEBYTECODE set, as in some containers) every start compiles its sources, a
    second or more of the start-up counted here."""
    found = subprocess.run([python, "-c", _CACHED, package], capture_output=True, text=True)
    return "cached" if found.stdout.strip() == "True" else "compiled at each start"


def _print(results: list[dict], workers: list[int], datatrove_python: str | None) -> None:
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    bytecode = [f"curate {_bytecode(sys.executable, 'curate.pipeline.build')}"]
    if datatrove_python:
        bytecode.append(f"datatrove {_bytecode(datatrove_python, 'datatrove.pipeline.filters')}")
    print(f"bytecode: {', '.join(bytecode)} (PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r})")
    print(f"{'docs':>7} {'MB':>7}  {'run':<26} {'s':>8} {'docs/s':>9} {'MB/s':>7} {'peak RSS MB':>11} "
          f"{'CPU s':>7} {'parent':>7} {'workers':>7} {'other':>6}")
    for r in results:
        print(f"{r['corpus_docs']:>7} {r['corpus_mb']:>7}  {r['run']:<26} {r['seconds']:>8} "
              f"{r['docs_per_s']:>9} {r['mb_per_s']:>7} {r['peak_rss_mb']:>11} {r['cpu_seconds']:>7} "
              f"{r.get('parent_cpu', ''):>7} {r.get('workers_cpu', ''):>7} {r.get('other_cores', ''):>6}")
    for docs in sorted({r["corpus_docs"] for r in results}):
        one = [r for r in results if r["corpus_docs"] == docs and r["run"] == _label(1)]
        other = [r for r in results if r["corpus_docs"] == docs and r["run"] == DATATROVE]
        if one and other:
            ratios = sorted(b["seconds"] / a["seconds"] for a, b in zip(one, other))
            cpu = sorted(b["cpu_seconds"] / a["cpu_seconds"] for a, b in zip(one, other))
            print(f"{docs} docs, curate 1 worker / datatrove: speed ratio median {statistics.median(ratios):.2f} "
                  f"(min {ratios[0]:.2f}, max {ratios[-1]:.2f}); CPU ratio median {statistics.median(cpu):.2f}")
    if 1 not in workers:
        return
    for docs in sorted({r["corpus_docs"] for r in results}):
        for w in (w for w in workers if w > 1):
            one = [r for r in results if r["corpus_docs"] == docs and r["run"] == _label(1)]
            many = [r for r in results if r["corpus_docs"] == docs and r["run"] == _label(w)]
            ratios = sorted(a["seconds"] / b["seconds"] for a, b in zip(one, many))
            cpu = sorted(b["parent_cpu"] + b["workers_cpu"] - a["parent_cpu"] - a["workers_cpu"]
                         for a, b in zip(one, many) if "parent_cpu" in a and "parent_cpu" in b)
            if ratios:
                print(f"{docs} docs, {w} workers / 1 worker: wall ratio median {statistics.median(ratios):.2f} "
                      f"(min {ratios[0]:.2f}, max {ratios[-1]:.2f}, {len(ratios)} paired runs); "
                      f"extra build CPU s median {statistics.median(cpu):+.2f}")


DATATROVE = "datatrove Gopher + C4"


def _label(workers: int) -> str:
    return f"curate build, {workers} worker{'s' if workers > 1 else ''}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="*", default=[],
                        help="scaled corpus sizes (default: the 2,225 original articles)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=1, help="paired runs of every measurement (default 1)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--datatrove-python", help="an interpreter with datatrove: also time its filter pipeline")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for docs in args.docs or [None]:
            corpus = _corpus(docs, work)
            mb = corpus.stat().st_size / 2**20
            for repeat in range(args.repeat):
                runs = [("pyarrow floor", _FLOOR, [str(corpus), tmp], sys.executable)]
                runs += [(_label(w), _BUILD, [str(corpus), str(work / f"store-{docs}-{w}-{repeat}"), str(w)],
                          sys.executable) for w in args.workers]
                if args.datatrove_python:
                    scratch = work / f"datatrove-{docs}-{repeat}"
                    runs.append((DATATROVE, _DATATROVE, [str(corpus), str(scratch)], args.datatrove_python))
                for label, code, run_args, python in runs:
                    results.append(_row(_measure(code, run_args, python), label, mb))
    _print(results, args.workers, args.datatrove_python)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
