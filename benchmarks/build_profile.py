"""Where a build's CPU goes: each stage's share per document, and the work around the stages.

    python benchmarks/build_profile.py               # the 2,225 BBC articles, then each page set of the extraction bench
    python benchmarks/build_profile.py --docs 10000  # the BBC corpus scaled to 10,000 documents (make_scaled.py)
    python benchmarks/build_profile.py --pages 300   # at most 300 pages of each page set, spread evenly over it
    python benchmarks/build_profile.py --repeat 3    # each set built three times; the speed ratios' median and range
    python benchmarks/build_profile.py --input FILE --html DIR  # other inputs (`--input` or `--html` alone: none)
    python benchmarks/build_profile.py --cprofile 25 # also the 25 functions of most own time in each heaviest stage
    python benchmarks/build_profile.py --json FILE   # every figure, as JSON

Each set is built by the build's own code (`curate.pipeline.build.build`, default config) in this
process, with one worker (which runs every task here), under a `curate.timing` recording: each
stage of `curate.pipeline.stages.STAGES` is timed where the build calls it, and so is the work
around the stages (`curate.timing.WORK`: reading and decoding, checkpoints, Arrow rows,
near-duplicates, Parquet writing). Times are CPU seconds (`time.process_time`), each part's own
(without the parts timed inside it), so the parts and `other` (what no part holds: a document's
metadata and ids, batching, the manifest) add up to the build's CPU time: read shares, not wall
seconds, on a machine others share. A build of the repository's sample (`data/raw`) runs first,
untimed, so imports, models and compiled regexes are not counted as per-document work.

Page sets: trafilatura alone (`extraction.trafilatura_text`: curate's call before issue 18) runs
over the same pages in the same run, interleaved with the build: after each batch the corpus pass
prepares, it extracts that many more pages, in a process of its own (its CPU is its own; the
build's process waits meanwhile). Before a page set is timed, both the build and trafilatura alone
run 30 pages of each other page set, so that neither charges to a hundred pages what a crawl pays
once (htmldate's date parser loads each language's data when a page first needs it: about 4 s
on the readability set). In the build's process (`--alone-here`, how this benchmark ran before
2026-12-07) trafilatura alone would extract each page right after the build did, and trafilatura
and htmldate keep what they worked out of a page's strings in caches: a page extracted a second
time costs 10-45% less, so that figure flatters trafilatura alone. The gate
(`curate.validate`) runs after each build, timed with its worker processes; the first gate of the
run also imports Great Expectations. `--cprofile` builds each set once more with cProfile on
inside its heaviest stage only. Needs ../shared/bench unless `--input` and `--html` say otherwise.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import curate
from curate import timing
from curate.config import Config, load_config
from curate.pipeline.build import build
from curate.pipeline.stages import STAGES
from curate.store import Store
from extraction import BENCH, SETS, _pages, trafilatura_text  # benchmarks/ is on sys.path when run as a script
from throughput import _corpus

P = ParamSpec("P")
R = TypeVar("R")

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = ROOT / "data" / "raw"
OTHER = "other"
_ALONE = "trafilatura alone"  # the interleaved extraction's own part, taken out of the build's
_WARM_PAGES = 30  # pages of each other page set run before a page set is timed


@dataclass
class Set:
    """One input to profile: a text corpus, or a folder of `pages` pages (and one of `warm` pages,
    from the other sets, that both sides of the comparison run first)."""

    name: str
    path: Path
    pages: int | None = None
    warm: Path = WARM_UP / "html" / "harbor-gazette"


_ALONE_PROCESS = """
import sys, time
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from extraction import _pages, trafilatura_text
pages = [html for _, html in _pages(Path(sys.argv[2]))]
for _, html in _pages(Path(sys.argv[3])):
    trafilatura_text(html)
print("ready", flush=True)
done = 0
for line in sys.stdin:
    start = time.process_time()
    for html in pages[done:done + int(line)]:
        trafilatura_text(html)
    done += int(line)
    print(time.process_time() - start, flush=True)
"""


class _Alone:
    """trafilatura alone over the pages of `folder`, a batch's worth at a time as the build prepares
    its batches: in a process of its own, first run over the pages of `warm` (the build's process
    builds the same ones first), or with `here` in the build's process, where it finds the build's
    calls to trafilatura in its caches (a page extracted a second time costs 10-45% less)."""

    def __init__(self, folder: Path, pages: int, here: bool, warm: Path) -> None:
        self.pages, self.done, self.seconds = pages, 0, 0.0
        self._here = [html for _, html in _pages(folder)] if here else None
        self._process: subprocess.Popen[str] | None = None
        if not here:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _ALONE_PROCESS, str(Path(__file__).parent), str(folder), str(warm)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            assert self._process.stdout is not None and self._process.stdout.readline().strip() == "ready"

    def extract(self, count: int) -> None:
        count = min(count, self.pages - self.done)
        if count <= 0:
            return
        if self._here is not None:
            for html in self._here[self.done:self.done + count]:
                start = time.process_time()
                trafilatura_text(html)
                self.seconds += time.process_time() - start
        else:
            assert self._process is not None and self._process.stdin and self._process.stdout
            self._process.stdin.write(f"{count}\n")
            self._process.stdin.flush()
            self.seconds += float(self._process.stdout.readline())
        self.done += count

    def on_progress(self, what: str, documents: int) -> None:
        if what == "prepare":
            timing.timed(_ALONE, self.extract, documents)

    def close(self) -> None:
        if self._process is not None:
            assert self._process.stdin is not None
            self._process.stdin.close()
            self._process.wait()


class _Profiled(timing.Recording):
    """A recording that also runs cProfile inside one part."""

    def __init__(self, target: str) -> None:
        super().__init__()
        self.target = target
        self.profiler = cProfile.Profile()

    def run(self, part: str, call: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        if part != self.target:
            return super().run(part, call, *args, **kwargs)
        self.profiler.enable()
        try:
            return super().run(part, call, *args, **kwargs)
        finally:
            self.profiler.disable()


@dataclass
class Profile:
    """One set's figures."""

    name: str
    input: str
    accounting: dict[str, Any]
    cpu_seconds: float
    parts: list[dict[str, Any]]
    trafilatura: dict[str, Any] | None = None
    gate: dict[str, Any] | None = None
    cprofile: dict[str, Any] | None = None

    @property
    def documents(self) -> int:
        return int(self.accounting["read"])


def _config() -> Config:
    return load_config(None, {"executor": {"workers": 1}})


def _parts(recorded: timing.Recording, total: float, documents: int) -> list[dict[str, Any]]:
    """Every stage, then the work around them, then `other`: seconds, calls, ms per document and
    share of `total`; parts that never ran show 0 (a stage with nothing to do is a finding too)."""
    stages = [stage.name for stage in STAGES]
    known = [*stages, *timing.WORK]
    names = known + sorted(set(recorded.seconds) - set(known))
    rows = [{"part": name, "stage": name in stages, "seconds": recorded.seconds.get(name, 0.0),
             "calls": recorded.calls.get(name, 0)} for name in names]
    rows.append({"part": OTHER, "stage": False, "seconds": total - sum(r["seconds"] for r in rows), "calls": 0})
    for row in rows:
        row["ms_per_doc"] = 1000 * row["seconds"] / max(documents, 1)
        row["share"] = 100 * row["seconds"] / total if total else 0.0
    return rows


def _build(source: Set, store: Store, config: Config, recorder: timing.Recording,
           on_progress: Callable[[str, int], None] | None = None) -> tuple[dict[str, Any], float]:
    """The set built under `recorder`: its manifest and the CPU seconds it took."""
    start = time.process_time()
    with timing.recording(recorder):
        result = build([source.path], source.name, config, store=store, on_progress=on_progress)
    return result.manifest, time.process_time() - start


def _gate(store: Store, name: str, version: str) -> dict[str, Any]:
    """The quality gate on the built version: CPU seconds of this process and its workers, wall seconds."""

    def cpu() -> float:
        own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime

    before, started = cpu(), time.perf_counter()
    verdict = curate.validate(name, version, store=store, report=False, progress=False)
    return {"cpu_seconds": cpu() - before, "seconds": time.perf_counter() - started, "passed": verdict.passed}


def _top_functions(profiler: cProfile.Profile, count: int) -> list[dict[str, Any]]:
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]  # pstats keeps them in `stats`
    rows = sorted(stats.items(), key=lambda item: -item[1][2])[:count]
    return [{"function": f"{Path(file).name}:{line}({name})", "calls": calls, "own_seconds": own, "cumulative_seconds": cum}
            for (file, line, name), (_, calls, own, cum, _) in rows]


def profile(source: Set, work: Path, gate: bool, cprofile: int, alone_here: bool, first: bool = True) -> Profile:
    """Build `source` once into a store in `work`, timed by part (and its pages by trafilatura
    alone); its gate; its heaviest stage under cProfile when `cprofile` asks for that many functions.
    The build's process runs the set's warm-up pages on its `first` run only (it stays warm);
    trafilatura alone runs them in every run, each in a new process."""
    store, config = Store(work), _config()
    if source.pages is not None and first:
        build([source.warm], "warm-pages", config, store=Store(work.with_name(f"{work.name}-warm")))
    alone = _Alone(source.path, source.pages, alone_here, source.warm) if source.pages is not None else None
    recorded = timing.Recording()
    manifest, total = _build(source, store, config, recorded, alone.on_progress if alone else None)
    if alone is not None:
        alone.extract(alone.pages)  # pages the corpus pass did not count (none, normally), untimed by the build
        alone.close()
        total -= recorded.seconds.pop(_ALONE, 0.0)
        recorded.calls.pop(_ALONE, None)
    found = Profile(source.name, str(source.path), manifest["accounting"], total, [])
    found.parts = _parts(recorded, total, found.documents)
    if alone is not None:
        extract = next(r for r in found.parts if r["part"] == "extract")
        found.trafilatura = {"pages": alone.pages, "cpu_seconds": alone.seconds, "own_process": not alone_here,
                             "ms_per_page": 1000 * alone.seconds / max(alone.pages, 1),
                             "speed_ratio": alone.seconds / total if total else 0.0,
                             "extract_over_alone": extract["seconds"] / alone.seconds if alone.seconds else 0.0}
    if gate:
        found.gate = _gate(store, source.name, manifest["version"])
    if cprofile:
        heaviest = max((r for r in found.parts if r["stage"]), key=lambda r: r["seconds"])["part"]
        profiled = _Profiled(heaviest)
        _build(Set(f"{source.name}-cprofile", source.path), store, config, profiled)
        found.cprofile = {"stage": heaviest, "top": _top_functions(profiled.profiler, cprofile)}
    return found


def _page_set(folder: Path, limit: int | None, work: Path) -> Set:
    """The pages of `folder` (`<id>.html[.gz]`), or `limit` of them spread evenly, copied into `work`."""
    name = folder.name if folder.name != "html" else folder.parent.name
    files = sorted(p for p in folder.iterdir() if p.name.endswith((".html", ".html.gz")))
    if limit is not None and limit < len(files):
        files = [files[k * len(files) // limit] for k in range(limit)]
        folder = work / name
        folder.mkdir(parents=True)
        for path in files:
            shutil.copy(path, folder / path.name)
    return Set(name, folder, len(_pages(folder)))


def _warm_up(work: Path) -> None:
    """Imports, models and compiled regexes loaded before anything is timed."""
    build([WARM_UP], "warm-up", _config(), store=Store(work / "warm-up"))
    for _, html in _pages(WARM_UP / "html" / "harbor-gazette")[:3]:
        trafilatura_text(html)


def _with_warm_pages(sets: list[Set], work: Path) -> None:
    """Give each page set `_WARM_PAGES` pages of every other page set to run first: trafilatura
    loads what a page's language and dates need once per process (htmldate's date parser: about
    4 s of CPU on the readability set's 116 pages), which a long crawl pays once and a set of a
    hundred pages would charge to its own pages. Both the build and trafilatura alone run them."""
    page_sets = [s for s in sets if s.pages is not None]
    for k, target in enumerate(page_sets):
        others = [s for s in page_sets if s is not target]
        if not others:
            continue
        folder = work / f"warm-{k}"
        folder.mkdir(parents=True)
        for other in others:
            for path in sorted(p for p in other.path.iterdir() if p.name.endswith((".html", ".html.gz")))[:_WARM_PAGES]:
                shutil.copy(path, folder / f"{other.name}-{path.name}")
        target.warm = folder


def _print(found: Profile) -> None:
    a = found.accounting
    per_doc = 1000 * found.cpu_seconds / max(found.documents, 1)
    print(f"\n{found.name} ({found.input}): read {a['read']} = kept {a['kept']} + dropped {a['dropped']} + "
          f"rejected {a['rejected']}; {found.cpu_seconds:.2f} CPU s, {per_doc:.2f} ms/doc "
          f"({1000 / per_doc if per_doc else 0:.0f} docs/s per core)")
    print(f"  {'part':<14} {'ms/doc':>8} {'share':>7} {'calls':>8}")
    for heading, rows in (("stages", [r for r in found.parts if r["stage"]]),
                          ("around them", [r for r in found.parts if not r["stage"]])):
        print(f"  {heading}")
        for r in rows:
            print(f"  {r['part']:<14} {r['ms_per_doc']:>8.3f} {r['share']:>6.1f}% {r['calls']:>8}")
    print(f"  {'total':<14} {per_doc:>8.3f} {sum(r['share'] for r in found.parts):>6.1f}%")
    if found.trafilatura:
        t = found.trafilatura
        where = "own process" if t["own_process"] else "this process"
        print(f"  trafilatura alone {t['ms_per_page']:.2f} ms/page over the same {t['pages']} pages (interleaved, {where}): "
              f"curate build / trafilatura alone speed {t['speed_ratio']:.2f}; "
              f"extract stage = {t['extract_over_alone']:.2f} x trafilatura alone")
    if found.gate:
        g = found.gate
        print(f"  gate: {g['cpu_seconds']:.2f} CPU s with its workers ({g['seconds']:.1f} s wall), "
              f"{g['cpu_seconds'] / found.cpu_seconds:.2f} x the build's CPU; passed: {g['passed']}")
    if found.cprofile:
        print(f"  cProfile inside {found.cprofile['stage']} (own seconds, under cProfile's overhead):")
        for f in found.cprofile["top"]:
            print(f"    {f['own_seconds']:>8.3f} {f['cumulative_seconds']:>8.3f} {f['calls']:>9}  {f['function']}")


def _print_ratios(results: list[Profile]) -> None:
    """Each page set's build / trafilatura alone speed over its runs: median and range."""
    print("\nbuild / trafilatura alone speed, median (range) over the runs:")
    for name in dict.fromkeys(r.name for r in results if r.trafilatura):
        ratios = sorted(r.trafilatura["speed_ratio"] for r in results if r.name == name and r.trafilatura)
        print(f"  {name:<16} {statistics.median(ratios):.2f} ({ratios[0]:.2f}-{ratios[-1]:.2f}), {len(ratios)} runs")


def _needed(path: Path) -> Path:
    if not path.exists():
        raise SystemExit(f"{path} not found: this benchmark needs ../shared/bench beside the repository; "
                         f"give --input FILE and --html DIR (or --html alone: no pages) to profile other inputs")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, help="the BBC corpus scaled to this many documents (default: 2,225 articles)")
    parser.add_argument("--input", type=Path, nargs="*", help="build inputs to profile as text sets (default: BBC)")
    parser.add_argument("--html", type=Path, nargs="*", help="folders of pages (default: the extraction bench's sets)")
    parser.add_argument("--pages", type=int, help="at most this many pages of each folder, spread evenly")
    parser.add_argument("--no-gate", action="store_true", help="skip the quality gate after each build")
    parser.add_argument("--cprofile", type=int, default=0, metavar="N",
                        help="also the N functions of most own time inside each set's heaviest stage")
    parser.add_argument("--alone-here", action="store_true",
                        help="trafilatura alone in this process, as before 2026-12-07 (it then finds the build's "
                             "calls in its caches)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="build each set N times (a fresh store each): on a shared machine one run's ratio "
                             "moves by 0.1 or more, so read the median")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    args = parser.parse_args()
    html = args.html if args.html is not None else [_needed(BENCH / "extraction" / name / "html") for name in SETS]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        texts = [Set(p.name, p) for p in args.input] if args.input is not None else \
            [Set("bbc" if args.docs is None else f"bbc-{args.docs}", _corpus(args.docs, work))]
        sets = texts + [_page_set(folder, args.pages, work / f"pages-{k}") for k, folder in enumerate(html)]
        _with_warm_pages(sets, work)
        _warm_up(work)
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
              f"curate {curate.__version__}; one worker, CPU shares")
        for k, source in enumerate(sets):
            for run in range(args.repeat):
                results.append(profile(source, work / f"store-{k}-{run}", not args.no_gate, args.cprofile,
                                       args.alone_here, first=run == 0))
                _print(results[-1])
    if args.repeat > 1:
        _print_ratios(results)
    if args.json:
        machine = {"machine": platform.machine(), "cores": os.cpu_count(), "python": platform.python_version(),
                   "date": datetime.now(UTC).isoformat(timespec="seconds")}
        args.json.write_text(json.dumps({**machine, "sets": [vars(r) for r in results]}, indent=2) + "\n")


if __name__ == "__main__":
    main()
