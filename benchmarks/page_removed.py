"""What HTML pages' rows say about the page text their extractor left out, and what finding it costs.

    python benchmarks/page_removed.py --pages DIR [--output ROWS.jsonl]

For every `<id>.html.gz` / `<id>.html` in DIR, through the build's own code path (one document at
a time, no corpus pass): the share of pages with each flag, the boilerplate ratio's distribution
(the whole page's, and the line stage's alone: the extracted text's share it removed), how many
pages the policy's `max_boilerplate_ratio` would drop, and the time `curate.extract.removed` takes
per page beside the extractor's (`extract_html`) in the same run. `--output` writes each page's
`{"id", "ratio", "kinds", "removed_chars"}`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from curate.boilerplate.page import is_page_rule
from curate.config import Config
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.extract import extract_html, page_tree
from curate.extract.removed import page_removed
from curate.normalize import normalize_text
from curate.pipeline.document import PipelineContext, annotate_raw

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction import _pages  # the bench's page reader, shared with extraction.py


def _quantiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=20, method="inclusive")
    return f"min {min(values):.3f}  p10 {cuts[1]:.3f}  median {statistics.median(values):.3f}  " \
           f"p90 {cuts[17]:.3f}  max {max(values):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, required=True)
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    config = Config()
    ctx = PipelineContext.create(config)
    rows, extract_seconds, removed_seconds = [], 0.0, 0.0
    pages = _pages(args.pages)
    for page_id, html in pages:
        doc = RawDoc(input_uri=page_id, input_format="html", raw=html.encode(), html=html)
        try:
            start = time.perf_counter()
            bare = RawDoc(input_uri=page_id, input_format="html", raw=b"", html=html)
            tree = page_tree(bare)
            extracted = extract_html(bare, tree)
            middle = time.perf_counter()
            page_removed(tree, normalize_text(extracted.text or ""), extracted.title, extracted.subtitle,
                         config.boilerplate.max_page_removed_chars)
            extract_seconds += middle - start
            removed_seconds += time.perf_counter() - middle
            row = annotate_raw(doc, ctx)
        except DocumentError:
            continue
        spans = row["boilerplate"]
        left_out = sum(len(s["text"]) for s in spans if is_page_rule(s["rule"]))
        line_stage = sum(len(s["text"]) for s in spans if not is_page_rule(s["rule"]))
        document = len(row["text"]) + left_out + line_stage
        rows.append({"id": page_id, "ratio": row["boilerplate_ratio"],
                     "line_ratio": line_stage / (document - left_out) if document > left_out else 0.0,
                     "kinds": sorted(k for k, v in row["flags"].items() if v), "removed_chars": left_out})
    n = len(rows)
    print(f"{n} of {len(pages)} pages extracted")
    kinds = sorted({k for row in rows for k in row["kinds"]}, key=lambda k: -sum(k in r["kinds"] for r in rows))
    for kind in kinds:
        print(f"  {kind:16s} {sum(kind in r['kinds'] for r in rows) / n:6.1%}")
    print("boilerplate_ratio (page):       ", _quantiles([r["ratio"] for r in rows]))
    print("line stage's share of the text: ", _quantiles([r["line_ratio"] for r in rows]))
    print("left-out characters a page:     ", _quantiles([float(r["removed_chars"]) for r in rows]))
    limit = config.policy.max_boilerplate_ratio
    print(f"pages over max_boilerplate_ratio {limit}: {sum(r['ratio'] > limit for r in rows)}")
    print(f"per page: extract_html {1000 * extract_seconds / n:.1f} ms, "
          f"page_removed {1000 * removed_seconds / n:.1f} ms ({removed_seconds / extract_seconds:.1%} of extraction)")
    if args.output:
        with args.output.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
