"""The flattened validation view: one flat row per article or reject, holding what the suites check.

Great Expectations gives silently wrong answers on list and struct columns, so every nested
invariant is reduced here to a flat boolean, once per row (`checks.py`), and scalar columns the
suites read directly (`text`, `title`, `language`, ...) pass through untouched. Column names here
are the `column` kwargs of `expectations/*.json`.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from curate.validate import checks

# The columns GX reports offending rows by, first non-null wins: an article's id, else its input;
# a reject's input (rejected documents often have no id), else its id.
INDEX = {"article": ["id", "input_uri"], "reject": ["input_uri", "id"]}


def _bools(values: list[bool]) -> pa.Array:
    return pa.array(values, pa.bool_())


def article_view(table: pa.Table) -> pa.Table:
    """Flat columns of article rows (table of the article schema, nullability not trusted)."""
    texts: list[Any] = table.column("text").to_pylist()
    languages = table.column("language").to_pylist()
    claims = table.column("claims").to_pylist()
    spans = table.column("boilerplate").to_pylist()
    flags = table.column("flags").to_pylist()
    ratios = table.column("boilerplate_ratio").to_pylist()
    hashes = table.column("content_hash").to_pylist()
    titles = table.column("title").to_pylist()
    return pa.table({
        "id": table.column("id"),
        "input_uri": pc.struct_field(table.column("source"), "input_uri"),
        "content_hash": table.column("content_hash"),
        "title": table.column("title"),
        "text": table.column("text"),
        "language": table.column("language"),
        "split": table.column("split"),
        "boilerplate_ratio": table.column("boilerplate_ratio"),
        "source_name": pc.struct_field(table.column("source"), "name"),
        "text_words": pa.array([len(t.split()) if t else 0 for t in texts], pa.int32()),
        "content_hash_matches_text": _bools([
            t is not None and hashlib.sha256(t.encode()).hexdigest() == h for t, h in zip(texts, hashes)]),
        "text_mojibake": _bools([checks.has_mojibake(t) for t in texts]),
        "title_mojibake": _bools([checks.has_mojibake(t) for t in titles]),
        "text_lines_clean": _bools([checks.lines_pass_boilerplate_rules(t, lang) for t, lang in zip(texts, languages)]),
        "claims_point_at_text": _bools([checks.claims_point_at_text(t, c) for t, c in zip(texts, claims)]),
        "flags_match_spans": _bools([checks.flags_match_spans(f, s) for f, s in zip(flags, spans)]),
        "spans_rebuild_document": _bools([
            checks.spans_rebuild_document(t, s, r) for t, s, r in zip(texts, spans, ratios)]),
    })


def _evidence_kept(status: str | None, doc_id: str | None, row_json: str | None, has_raw: bool,
                   input_sha256: str | None) -> bool:
    """A dropped document keeps its row (same id); a rejected one its bytes, if any were read."""
    if status == "dropped":
        try:
            return row_json is not None and json.loads(row_json).get("id") == doc_id
        except (ValueError, AttributeError):
            return False
    return has_raw or input_sha256 is None


def reject_view(table: pa.Table) -> pa.Table:
    """Flat columns of reject rows (table of the reject schema)."""
    reasons = table.column("reason").to_pylist()
    stages = table.column("stage").to_pylist()
    evidence = zip(table.column("status").to_pylist(), table.column("id").to_pylist(),
                   table.column("row_json").to_pylist(), pc.is_valid(table.column("raw")).to_pylist(),
                   table.column("input_sha256").to_pylist())
    return pa.table({
        "input_uri": table.column("input_uri"),
        "id": table.column("id"),
        "status": table.column("status"),
        "reason": table.column("reason"),
        "message": pc.fill_null(table.column("message"), ""),
        "reason_matches_stage": _bools([
            bool(r and s) and r.startswith(f"{s}_") for r, s in zip(reasons, stages)]),
        "evidence_kept": _bools([_evidence_kept(*row) for row in evidence]),
    })


VIEWS = {"article": article_view, "reject": reject_view}
