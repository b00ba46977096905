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

from curate.signals.words import count_words
from curate.validation import checks

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
    # article_v1 rows have no metadata: nothing to check
    metadata = table.column("metadata").to_pylist() if "metadata" in table.column_names else [None] * table.num_rows
    # ... nor whether claims were looked for (their claims ran for every language): nothing to check
    tried = table.column("claims_attempted").to_pylist() if "claims_attempted" in table.column_names else None
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
        "text_words": pa.array([count_words(t) if t else 0 for t in texts], pa.int32()),
        "content_hash_matches_text": _bools([
            t is not None and hashlib.sha256(t.encode()).hexdigest() == h for t, h in zip(texts, hashes)]),
        "text_mojibake": _bools([checks.has_mojibake(t) for t in texts]),
        "title_mojibake": _bools([checks.has_mojibake(t) for t in titles]),
        "text_lines_clean": _bools([checks.lines_pass_boilerplate_rules(t, lang) for t, lang in zip(texts, languages)]),
        "claims_point_at_text": _bools([checks.claims_point_at_text(t, c) for t, c in zip(texts, claims)]),
        "flags_match_spans": _bools([checks.flags_match_spans(f, s) for f, s in zip(flags, spans)]),
        "spans_rebuild_document": _bools([
            checks.spans_rebuild_document(t, s, r) for t, s, r in zip(texts, spans, ratios)]),
        "metadata_is_object": _bools([checks.metadata_is_object(m) for m in metadata]),
        "claims_match_attempt": _bools([True] * table.num_rows if tried is None else [
            checks.claims_match_attempt(a, lang, c) for a, lang, c in zip(tried, languages, claims)]),
    })


def _row_of(row_json: str | None) -> dict[str, Any] | None:
    try:
        found = json.loads(row_json) if row_json is not None else None
    except ValueError:
        return None
    return found if isinstance(found, dict) else None


def _bytes_kept(raw: pa.Scalar, length: int, raw_size: int | None, input_sha256: str | None, sized: bool) -> bool:
    """A rejected document's bytes, if any were read, are kept: a non-empty `raw` (`length`
    bytes) of at most `raw_size` bytes, whose sha256 is `input_sha256` when it is the whole input.
    A reject_v1 shard (`sized` False) has no raw_size: there, bytes must be kept when a sha256 says
    some were read."""
    if not sized:
        return length > 0 or input_sha256 is None
    if input_sha256 is None and not raw_size:
        return length == 0  # nothing read, and nothing claimed
    if raw_size is None or not 0 < length <= raw_size:
        return False
    return length < raw_size or hashlib.sha256(raw.as_py()).hexdigest() == input_sha256


def _evidence_kept(table: pa.Table) -> list[bool]:
    """Per reject row: a dropped document keeps its article row (same id); a rejected one its bytes
    (`_bytes_kept`), or, when it failed after preparation, its prepared document (same input)."""
    sized = "raw_size" in table.column_names
    raws = table.column("raw")
    lengths = pc.fill_null(pc.binary_length(raws), 0).to_pylist()
    sizes = table.column("raw_size").to_pylist() if sized else [None] * table.num_rows
    kept = []
    for index, (status, doc_id, uri, sha, row_json, size) in enumerate(zip(
            table.column("status").to_pylist(), table.column("id").to_pylist(),
            table.column("input_uri").to_pylist(), table.column("input_sha256").to_pylist(),
            table.column("row_json").to_pylist(), sizes)):
        if status == "dropped":
            row = _row_of(row_json)
            kept.append(row is not None and row.get("id") == doc_id)
        elif row_json is not None and sized:
            row = _row_of(row_json)
            kept.append(row is not None and bool(row.get("document")) and sha is not None
                        and (row.get("input_uri"), row.get("input_sha256")) == (uri, sha))
        else:
            kept.append(_bytes_kept(raws[index], lengths[index], size, sha, sized))
    return kept


def reject_view(table: pa.Table) -> pa.Table:
    """Flat columns of reject rows (table of the reject schema: reject_v2, or reject_v1 before
    `raw_size`)."""
    reasons = table.column("reason").to_pylist()
    stages = table.column("stage").to_pylist()
    return pa.table({
        "input_uri": table.column("input_uri"),
        "id": table.column("id"),
        "status": table.column("status"),
        "reason": table.column("reason"),
        "message": pc.fill_null(table.column("message"), ""),
        "reason_matches_stage": _bools([
            bool(r and s) and r.startswith(f"{s}_") for r, s in zip(reasons, stages)]),
        "evidence_kept": _bools(_evidence_kept(table)),
    })


VIEWS = {"article": article_view, "reject": reject_view}
