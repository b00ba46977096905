"""Would more than one extractor pay? Every candidate text of every page of the extraction bench,
the best a per-page choice could do, and the combination rules measured, each judged
leave-one-dataset-out.

    python benchmarks/extraction_candidates.py extract --output candidates.jsonl   # ~5 min, one core
    python benchmarks/extraction_candidates.py score candidates.jsonl [--root ../shared/bench/extraction]

`extract` runs, page by page: trafilatura as curate calls it (`default`), the same call with
`fast=True` (trafilatura's own extractor without its fallbacks), trafilatura's readability fork on
the raw page (the fallback it compares with), readability-lxml when installed, and curate's whole
HTML path, with the CPU seconds of each.

`score` prints each candidate's shingle-4 F1 per set and pooled (the bench's scorer) with its CPU
cost relative to `default`; the per-page oracle of each pair (the better text per page, known
only with the gold: the ceiling of any choice between them); and three rule families. Each
family's parameter is chosen on the other sets (pooled F1) and scored on the held-out set, so a
rule that only helps where it was chosen shows as a loss:
- `fallback-if-short`: `fast`, and the full `default` call only when `fast` found fewer than T
  words (trafilatura's fallbacks cost a third of its time and change few pages);
- `fuse`: `fast`'s lines, dropping those under k words the readability fork does not hold, and
  adding the fork's lines of m+ words that `fast` lacks;
- `longer-readability`: readability-lxml's text instead of `default`'s when `default` has fewer
  than W words and readability's is longer and holds most of it.
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

import trafilatura

from curate.boilerplate import reconstruct
from curate.boilerplate.page import RULE_PREFIX
from curate.config import Config
from curate.pipeline.document import PipelineContext
from extraction import BENCH, SETS, _pages, _readability, _scorer, block_text, html_row, trafilatura_text

_WORD = re.compile(r"\w+")
CANDIDATES = ("default", "fast", "fork", "readability", "curate", "curate, line rules off", "curate title+text")


def _fast(html: str) -> str:
    try:
        page = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True, include_tables=True,
                                           fast=True)
    except Exception:  # noqa: BLE001 - a failed page is an empty output
        return ""
    return (page.text or "") if page is not None else ""


def _fork(html: str) -> str:
    """trafilatura's readability fork on the raw page, as its fallback step calls it."""
    from trafilatura.external import try_readability
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
        body = try_readability(tree) if tree is not None else None
    except Exception:  # noqa: BLE001
        return ""
    return "" if body is None else block_text(body)


def _curate(page_id: str, html: str, ctx: PipelineContext) -> dict[str, str]:
    """curate's text; the same with what its line rules removed from the extracted text put back
    (the blocks the extractor left out stay out): what the rules cost or gain on a set; and the
    row's title above its text (some sets' gold holds the headline, which curate keeps in `title`)."""
    row = html_row(page_id, html, ctx)
    if row is None:
        return {"curate": "", "curate, line rules off": "", "curate title+text": ""}
    document, pieces, position = reconstruct(row["text"], row["boilerplate"]), [], 0
    for span in row["boilerplate"]:
        if span["rule"].startswith(RULE_PREFIX):
            pieces.append(document[position:span["start"]])
            position = span["end"]
    pieces.append(document[position:])
    return {"curate": row["text"], "curate, line rules off": "".join(pieces),
            "curate title+text": f"{row['title'] or ''}\n\n{row['text']}" if row["text"] else ""}


def extract(root: Path, output: Path) -> None:
    readability = _readability()
    ctx = PipelineContext.create(Config())
    tools: dict[str, Callable[[str, str], dict[str, str]]] = {
        "default": lambda _id, html: {"default": trafilatura_text(html)}, "fast": lambda _id, html: {"fast": _fast(html)},
        "fork": lambda _id, html: {"fork": _fork(html)}, "curate": lambda page_id, html: _curate(page_id, html, ctx)}
    if readability is not None:
        tools["readability"] = lambda _id, html: {"readability": readability(html)}
    with output.open("w", encoding="utf-8") as out:
        for name in SETS:
            for page_id, html in _pages(root / name / "html"):
                row: dict[str, object] = {"id": f"{name}/{page_id}"}
                for tool, run in tools.items():
                    start = time.process_time()
                    row |= run(page_id, html)
                    row[f"seconds {tool}"] = time.process_time() - start
                out.write(json.dumps(row, ensure_ascii=False) + "\n")


class _Bench:
    """The candidate rows with their gold texts, scored by the bench's scorer."""

    def __init__(self, rows: list[dict], root: Path) -> None:
        self.score: ModuleType = _scorer(root)
        self.rows = rows
        self.gold: dict[str, str] = {}
        for name in SETS:
            truth = json.loads((root / name / "ground_truth.json").read_text(encoding="utf-8"))
            self.gold.update({f"{name}/{k}": v.get("articleBody", "") for k, v in truth.items()})
        self.gold_tokens = {page_id: self.score.tokens(text) for page_id, text in self.gold.items()}
        for row in rows:
            row["set"] = row["id"].rsplit("/", 1)[0]
            row["page f1"] = {tool: self.page_f1(row[tool], row["id"]) for tool in CANDIDATES if tool in row}

    def page_f1(self, text: str, page_id: str) -> float:
        tp, predicted, gold = self.score.overlap(self.score.tokens(text), self.gold_tokens[page_id], 4)
        if not (tp and predicted and gold):
            return 0.0
        precision, recall = tp / predicted, tp / gold
        return 2 * precision * recall / (precision + recall)

    def f1(self, text: Callable[[dict], str], sets: Iterable[str]) -> float:
        chosen = set(sets)
        counts = [self.score.overlap(self.score.tokens(text(r)), self.gold_tokens[r["id"]], 4)
                  for r in self.rows if r["set"] in chosen]
        return float(self.score.aggregate(counts)["f1"])

    def line(self, label: str, text: Callable[[dict], str], sets: Iterable[str] = SETS) -> str:
        cells = " ".join(f"{self.f1(text, [name]):>8.3f}" for name in sets)
        return f"{label:<34} {cells} {self.f1(text, SETS):>8.3f}"


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _fold(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def fallback_if_short(row: dict, words: int) -> str:
    return row["default"] if _words(row["fast"]) < words else row["fast"]


def fuse(row: dict, keep_words: int, add_words: int) -> str:
    """`fast`'s lines less its short ones the fork lacks, plus the fork's long lines `fast` lacks;
    `fast` alone when the fork found next to nothing."""
    fork_lines = [line for line in row["fork"].split("\n") if line.strip()]
    if _words(row["fork"]) < 50:
        return row["fast"]
    fork = f" {' '.join(_fold(line) for line in fork_lines)} "
    ours = [line for line in row["fast"].split("\n") if _fold(line)]
    kept = [line for line in ours if _words(line) >= keep_words or f" {_fold(line)} " in fork]
    mine = f" {' '.join(_fold(line) for line in ours)} "
    added = [line for line in fork_lines if add_words and _words(line) >= add_words and f" {_fold(line)} " not in mine]
    return "\n".join(kept + added)


def longer_readability(row: dict, words: int, score: ModuleType) -> str:
    base, other = row["default"], row["readability"]
    if _words(base) >= words or _words(other) <= 1.5 * _words(base):
        return base
    shared, size, _ = score.overlap(score.tokens(base), score.tokens(other), 4)
    return other if size and shared / size >= 0.5 else base


def _held_out(bench: _Bench, label: str, rule: Callable[[dict, object], str], grid: Iterable[object]) -> None:
    """Each set scored with the parameter that did best on the other sets."""
    grid = list(grid)
    cells, chosen = [], []
    for held in SETS:
        others = [name for name in SETS if name != held]
        best = max(grid, key=lambda p: bench.f1(lambda r, p=p: rule(r, p), others))
        chosen.append(str(best))
        cells.append(f"{bench.f1(lambda r, p=best: rule(r, p), [held]):>8.3f}")
    print(f"{label:<34} {' '.join(cells)}    (chosen: {', '.join(chosen)})")


def score(path: Path, root: Path) -> None:
    with path.open(encoding="utf-8") as lines:  # not splitlines(): texts hold U+2028 and kin
        rows = [json.loads(line) for line in lines]
    tools = [tool for tool in CANDIDATES if all(tool in r for r in rows)]
    bench = _Bench(rows, root)
    header = " ".join(f"{name.split('/')[-1][:8]:>8}" for name in SETS)
    print(f"shingle-4 F1 per set, then pooled; CPU relative to `default`\n{'candidate':<34} {header}   pooled")
    cost = {tool: sum(r[f"seconds {tool}"] for r in rows) for tool in tools if f"seconds {tool}" in rows[0]}
    for tool in tools:
        spent = f"   cpu {cost[tool] / cost['default']:.2f}" if tool in cost else ""
        print(bench.line(tool, lambda r, t=tool: r[t]) + spent)
    print("\nper-page oracle (the better text of the pair on each page, chosen with the gold)")
    pairs = [("default", "fast"), ("fast", "fork")] + ([("default", "readability"), ("fast", "readability")]
                                                        if "readability" in tools else [])
    for a, b in pairs:
        print(bench.line(f"{a} | {b}", lambda r, a=a, b=b: r[a] if r["page f1"][a] >= r["page f1"][b] else r[b]))
    print("\nrules, parameter chosen on the other sets, scored on the held-out one")
    print(bench.line("default (trafilatura as called)", lambda r: r["default"]))
    _held_out(bench, "fallback-if-short (T words)", lambda r, t: fallback_if_short(r, t), (0, 25, 50, 100, 200, 400))
    _held_out(bench, "fuse (k keep, m add)", lambda r, p: fuse(r, *p), [(k, m) for k in (3, 5, 8, 12) for m in (0, 15, 30)])
    if "readability" in tools:
        _held_out(bench, "longer-readability (W words)", lambda r, w: longer_readability(r, w, bench.score),
                  (0, 50, 100, 200, 400, 10**9))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    run = sub.add_parser("extract")
    run.add_argument("--root", type=Path, default=BENCH / "extraction")
    run.add_argument("--output", type=Path, required=True)
    judged = sub.add_parser("score")
    judged.add_argument("candidates", type=Path)
    judged.add_argument("--root", type=Path, default=BENCH / "extraction")
    args = parser.parse_args()
    if args.mode == "extract":
        extract(args.root, args.output)
    else:
        score(args.candidates, args.root)


if __name__ == "__main__":
    main()
