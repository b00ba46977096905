"""Boilerplate and extraction quality on the extraction bench, through the build's own code path.

    python benchmarks/extraction.py html  --pages DIR --output PRED.jsonl
    python benchmarks/extraction.py lines --input LINES.jsonl --output PRED.jsonl
    python benchmarks/extraction.py speed [--corpus news.jsonl.gz] [--pages DIR]
    python benchmarks/extraction.py all [--root DIR] [--output PRED.jsonl]
    python benchmarks/extraction.py tables --pages DIR

`html` reads every `<id>.html.gz` / `<id>.html` in DIR and writes `{"id", "text"}`: the row's
`text` exactly as `curate build` makes it (title excluded). A page the pipeline rejects gets "".
`lines` treats each record's `lines` as one plain-text document (one line per input line) and
writes `{"id", "labels"}`, 1 for each line the build keeps. `speed` times the text-mode stage
(normalize + language + boilerplate) on the news corpus, and HTML mode against trafilatura alone
on the same pages in the same run. Score with ../shared/bench/extraction/score.py.
`all` runs every set of the bench (dev and each `more/` set) through curate, trafilatura alone
(`trafilatura_text`: curate's call before issue 18) and readability-lxml (when installed) in one run, page by page,
and prints each set's and the pooled scores by the bench's scorer, the pages where curate is
empty but trafilatura is not, and the HTML speed ratio (CPU seconds of trafilatura alone / of
curate's whole path, over the same pages). `curate title+text` is the row's title above its text:
curate moves a headline printed in the body to `title`, and some sets' gold text holds it.
`tables` counts the pages of DIR with a `<table>`, those whose trafilatura text keeps table rows,
and the kept tables read as layout (prose) or data.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import trafilatura

from curate.boilerplate import remove_boilerplate
from curate.config import Config
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.normalize import normalize_text
from curate.pipeline.document import PipelineContext, annotate_raw
from curate.signals.language import identify

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
SETS = ("dev", "more/dragnet", "more/readability", "more/cleanportaleval")
# Elements after which readability's summary starts a new line, so that words of two blocks
# are never glued into one token.
_BLOCKS = frozenset("p div br li h1 h2 h3 h4 h5 h6 tr td th blockquote pre section article ul ol table dd dt".split())


def _pages(folder: Path) -> list[tuple[str, str]]:
    pages = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            pages.append((path.name[: -len(".html.gz")], gzip.decompress(path.read_bytes()).decode("utf-8", "replace")))
        elif path.name.endswith(".html"):
            pages.append((path.name[: -len(".html")], path.read_text(encoding="utf-8", errors="replace")))
    return pages


def _text_of_page(page_id: str, html: str, ctx: PipelineContext) -> str:
    return _title_and_text(page_id, html, ctx)[1]


def html_row(page_id: str, html: str, ctx: PipelineContext) -> dict[str, Any] | None:
    """The row `curate build` makes of the page, or None for a page the pipeline rejects."""
    try:
        return annotate_raw(RawDoc(input_uri=page_id, input_format="html", raw=html.encode(), html=html), ctx)
    except DocumentError:
        return None


def _title_and_text(page_id: str, html: str, ctx: PipelineContext) -> tuple[str, str]:
    """The row's title and text ("" for a page the pipeline rejects)."""
    row = html_row(page_id, html, ctx)
    return ("", "") if row is None else (row["title"] or "", row["text"])


def block_text(tree: Any) -> str:
    """An extractor's HTML output as text, a new line after each block element, so that words of
    two blocks are never glued into one token."""
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return str(tree.text_content())


def run_html(pages_dir: Path, output: Path) -> None:
    ctx = PipelineContext.create(Config())
    with output.open("w", encoding="utf-8") as out:
        for page_id, html in _pages(pages_dir):
            out.write(json.dumps({"id": page_id, "text": _text_of_page(page_id, html, ctx)}, ensure_ascii=False) + "\n")


def line_labels(lines: list[str], ctx: PipelineContext) -> list[int]:
    """1 for every input line the build keeps when `lines` are one plain-text document.

    Lines that normalize to nothing (only invisible characters) are left out of the document, as
    normalization would fold them, and labelled 0: there is no text in them to keep.
    """
    normalized = [" ".join(normalize_text(line).split()) for line in lines]
    present = [i for i, line in enumerate(normalized) if line]
    document = "\n".join(normalized[i] for i in present)
    labels = [0] * len(lines)
    if not document:
        return labels
    row = annotate_raw(RawDoc(input_uri="lines", input_format="txt", raw=document.encode(), text=document), ctx)
    removed = [(s["start"], s["end"]) for s in row["boilerplate"]]
    start = 0
    for i in present:
        end = start + len(normalized[i])
        labels[i] = 0 if any(s <= start and end <= e for s, e in removed) else 1
        start = end + 1
    return labels


def run_lines(input_path: Path, output: Path) -> None:
    ctx = PipelineContext.create(Config())
    with input_path.open(encoding="utf-8") as source, output.open("w", encoding="utf-8") as out:
        for line in source:
            record = json.loads(line)
            out.write(json.dumps({"id": record["id"], "labels": line_labels(record["lines"], ctx)}) + "\n")


def run_speed(corpus: Path, pages_dir: Path | None) -> None:
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    start = time.perf_counter()
    for text in texts:
        document = normalize_text(text)
        remove_boilerplate(document, identify(document, 0.5)[0])
    seconds = time.perf_counter() - start
    print(f"text-mode stage (normalize + language + boilerplate): {len(texts) / seconds:,.0f} docs/s "
          f"on {len(texts)} documents of {corpus.name}, one core")
    if pages_dir is None:
        return
    pages = _pages(pages_dir)
    start = time.perf_counter()
    for _page_id, html in pages:
        trafilatura_text(html)
    alone = time.perf_counter() - start
    ctx = PipelineContext.create(Config())
    start = time.perf_counter()
    for page_id, html in pages:
        _text_of_page(page_id, html, ctx)
    ours = time.perf_counter() - start
    print(f"HTML mode: trafilatura alone {len(pages) / alone:.1f} pages/s, curate (extract + every stage) "
          f"{len(pages) / ours:.1f} pages/s, ratio {alone / ours:.2f}")


def trafilatura_text(html: str) -> str:
    """trafilatura alone, called as curate's extractor called it up to issue 18 (with trafilatura's
    metadata, tables and fallback extractors; curate now reads the page's metadata itself): the
    baseline of every speed ratio stays this call, so a cheaper curate call cannot make the
    target easier. "" when it finds nothing."""
    try:
        page = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True, include_tables=True)
    except Exception:  # noqa: BLE001 - a failed page is an empty output, as for curate
        return ""
    return (page.text or "") if page is not None else ""


def _readability() -> Callable[[str], str] | None:
    """readability-lxml's `summary()` as text, or None when it is not installed (the benchmark
    measures it, curate does not depend on it)."""
    try:
        import lxml.html  # readability-lxml's own dependency
        from readability import Document
    except ImportError:
        return None

    def summary_text(html: str) -> str:
        try:
            tree = lxml.html.fromstring(Document(html).summary())
        except Exception:  # noqa: BLE001 - a failed page is an empty output
            return ""
        return block_text(tree)

    return summary_text


def _scorer(root: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_score", root / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def compare_set(folder: Path, ctx: PipelineContext, readability: Callable[[str], str] | None) -> dict[str, dict]:
    """Per page of one set: each tool's text, and the CPU seconds of trafilatura alone and of
    curate, timed back to back (taking turns at going first) so that the ratio holds under a
    varying load."""
    out: dict[str, dict] = {}
    for k, (page_id, html) in enumerate(_pages(folder / "html")):
        runs: dict[str, tuple[tuple[str, str], float]] = {}
        for tool in ("trafilatura", "curate")[:: 1 if k % 2 else -1]:
            start = time.process_time()
            texts = ("", trafilatura_text(html)) if tool == "trafilatura" else _title_and_text(page_id, html, ctx)
            runs[tool] = texts, time.process_time() - start
        (title, text), _ = runs["curate"]
        out[page_id] = {"curate": text, "curate title+text": f"{title}\n\n{text}" if text else "",
                        "trafilatura": runs["trafilatura"][0][1],
                        "readability": readability(html) if readability else None,
                        "seconds": (runs["trafilatura"][1], runs["curate"][1])}
    return out


def _report(name: str, rows: dict[str, dict], gold: dict[str, str], score: ModuleType) -> dict[str, dict]:
    """Print one set's (or the pool's) table; return the shingle4 summary per tool."""
    tokens = score.tokens
    empty = sum(1 for r in rows.values() if tokens(r["trafilatura"]) and not tokens(r["curate"]))
    alone, ours = (sum(r["seconds"][k] for r in rows.values()) for k in (0, 1))
    print(f"\n{name}: {len(gold)} pages; curate empty where trafilatura is not: {empty}; "
          f"speed curate / trafilatura alone {alone / ours:.2f} ({alone:.1f} s vs {ours:.1f} s CPU)")
    print(f"{'tool':<18} {'P':>6} {'R':>6} {'F1':>6} {'pageF1':>7} {'empty':>6}")
    summaries = {}
    for tool in ("curate", "curate title+text", "trafilatura", "readability"):
        if any(r[tool] is None for r in rows.values()):
            continue
        summary, _ = score.score_texts({pid: r[tool] for pid, r in rows.items()}, gold)
        m = summaries[tool] = summary["shingle4"] | {"empty": summary["empty_predictions"]}
        print(f"{tool:<18} {m['precision']:>6.3f} {m['recall']:>6.3f} {m['f1']:>6.3f} {m['page_f1']:>7.3f} {m['empty']:>6}")
    return summaries


def _warm(folder: Path, ctx: PipelineContext) -> None:
    """Both paths once over a few pages before any timing: loading models and compiling the
    regexes of trafilatura, htmldate and curate's stages are start-up costs, not per page."""
    for page_id, html in _pages(folder)[:3]:
        trafilatura_text(html)
        _text_of_page(page_id, html, ctx)


def run_all(root: Path, output: Path | None) -> None:
    """Every set, then all of them pooled (one page one vote, as the scorer counts)."""
    score, readability = _scorer(root), _readability()
    if readability is None:
        print("readability-lxml is not installed: its column is left out (pip install readability-lxml)")
    ctx = PipelineContext.create(Config())
    _warm(root / SETS[0] / "html", ctx)
    pooled_rows: dict[str, dict] = {}
    pooled_gold: dict[str, str] = {}
    for name in SETS:
        folder = root / name
        gold = {k: v.get("articleBody", "") for k, v in json.loads((folder / "ground_truth.json").read_text("utf-8")).items()}
        rows = compare_set(folder, ctx, readability)
        _report(name, rows, gold, score)
        pooled_rows.update({f"{name}/{pid}": r for pid, r in rows.items()})
        pooled_gold.update({f"{name}/{pid}": text for pid, text in gold.items()})
    _report("pooled", pooled_rows, pooled_gold, score)
    if output is not None:
        with output.open("w", encoding="utf-8") as out:
            for pid, r in pooled_rows.items():
                out.write(json.dumps({"id": pid} | r, ensure_ascii=False) + "\n")
def run_tables(pages_dir: Path) -> None:
    from curate.extract.tables import is_layout, table_blocks

    pages = _pages(pages_dir)
    with_markup = with_rows = layout = data = 0
    for _page_id, html in pages:
        with_markup += "<table" in html.lower()
        page = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True, include_tables=True)
        blocks = [block for block in table_blocks((page.text or "").split("\n") if page else []) if block[0]]
        with_rows += bool(blocks)
        kinds = [is_layout(rows, has_header) for rows, has_header in blocks]
        layout, data = layout + sum(kinds), data + len(kinds) - sum(kinds)
    print(f"{len(pages)} pages: {with_markup} with a <table>, {with_rows} whose trafilatura text keeps table rows; "
          f"kept tables: {layout} layout (-> paragraphs), {data} data (-> Markdown)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    html = sub.add_parser("html")
    html.add_argument("--pages", type=Path, required=True)
    html.add_argument("--output", type=Path, required=True)
    lines = sub.add_parser("lines")
    lines.add_argument("--input", type=Path, required=True)
    lines.add_argument("--output", type=Path, required=True)
    speed = sub.add_parser("speed")
    speed.add_argument("--corpus", type=Path, default=BENCH / "corpus" / "news.jsonl.gz")
    speed.add_argument("--pages", type=Path, default=None)
    every = sub.add_parser("all")
    every.add_argument("--root", type=Path, default=BENCH / "extraction")
    every.add_argument("--output", type=Path, default=None, help="every page's texts and timings, as JSONL")
    tables = sub.add_parser("tables")
    tables.add_argument("--pages", type=Path, required=True)
    args = parser.parse_args()
    if args.mode == "all":
        run_all(args.root, args.output)
    elif args.mode == "html":
        run_html(args.pages, args.output)
    elif args.mode == "tables":
        run_tables(args.pages)
    elif args.mode == "lines":
        run_lines(args.input, args.output)
    else:
        run_speed(args.corpus, args.pages)


if __name__ == "__main__":
    main()
