"""Boilerplate and extraction quality on the extraction bench, through the build's own code path.

    python benchmarks/extraction.py html  --pages DIR --output PRED.jsonl
    python benchmarks/extraction.py lines --input LINES.jsonl --output PRED.jsonl
    python benchmarks/extraction.py speed [--corpus news.jsonl.gz] [--pages DIR]
    python benchmarks/extraction.py tables --pages DIR

`html` reads every `<id>.html.gz` / `<id>.html` in DIR and writes `{"id", "text"}`: the row's
`text` exactly as `curate build` makes it (title excluded). A page the pipeline rejects gets "".
`lines` treats each record's `lines` as one plain-text document (one line per input line) and
writes `{"id", "labels"}`, 1 for each line the build keeps. `speed` times the text-mode stage
(normalize + language + boilerplate) on the news corpus, and HTML mode against trafilatura alone
on the same pages in the same run. `tables` counts the pages of DIR with a `<table>`, those whose
trafilatura text keeps table rows, and the kept tables read as layout (prose) or data. Score with
../shared/bench/extraction/score.py.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from curate.boilerplate import remove_boilerplate
from curate.config import Config
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.normalize import normalize_text
from curate.pipeline.document import PipelineContext, annotate_raw
from curate.signals.language import identify

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


def _pages(folder: Path) -> list[tuple[str, str]]:
    pages = []
    for path in sorted(folder.iterdir()):
        if path.name.endswith(".html.gz"):
            pages.append((path.name[: -len(".html.gz")], gzip.decompress(path.read_bytes()).decode("utf-8", "replace")))
        elif path.name.endswith(".html"):
            pages.append((path.name[: -len(".html")], path.read_text(encoding="utf-8", errors="replace")))
    return pages


def _text_of_page(page_id: str, html: str, ctx: PipelineContext) -> str:
    doc = RawDoc(input_uri=page_id, input_format="html", raw=html.encode(), html=html)
    try:
        return annotate_raw(doc, ctx)["text"]
    except DocumentError:
        return ""


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
    texts = [json.loads(line)["text"] for line in gzip.open(corpus, "rt", encoding="utf-8")]
    start = time.perf_counter()
    for text in texts:
        document = normalize_text(text)
        remove_boilerplate(document, identify(document, 0.5)[0])
    seconds = time.perf_counter() - start
    print(f"text-mode stage (normalize + language + boilerplate): {len(texts) / seconds:,.0f} docs/s "
          f"on {len(texts)} documents of {corpus.name}, one core")
    if pages_dir is None:
        return
    import trafilatura

    pages = _pages(pages_dir)
    start = time.perf_counter()
    for _page_id, html in pages:
        trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
    alone = time.perf_counter() - start
    ctx = PipelineContext.create(Config())
    start = time.perf_counter()
    for page_id, html in pages:
        _text_of_page(page_id, html, ctx)
    ours = time.perf_counter() - start
    print(f"HTML mode: trafilatura alone {len(pages) / alone:.1f} pages/s, curate (extract + every stage) "
          f"{len(pages) / ours:.1f} pages/s, ratio {alone / ours:.2f}")


def run_tables(pages_dir: Path) -> None:
    import trafilatura

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
    tables = sub.add_parser("tables")
    tables.add_argument("--pages", type=Path, required=True)
    args = parser.parse_args()
    if args.mode == "html":
        run_html(args.pages, args.output)
    elif args.mode == "tables":
        run_tables(args.pages)
    elif args.mode == "lines":
        run_lines(args.input, args.output)
    else:
        run_speed(args.corpus, args.pages)


if __name__ == "__main__":
    main()
