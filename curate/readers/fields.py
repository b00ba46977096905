"""Pick a document's fields out of a record (JSONL, CSV, Parquet, Hugging Face rows)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from curate.config import FieldMap
from curate.document import RawDoc
from curate.errors import DocumentError

_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||\band\b|&)\s*")


def _first(record: Mapping[str, Any], names: list[str]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    return None if value is None else str(value)


def _authors(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parts = _AUTHOR_SPLIT.split(value)
    else:
        parts = [str(v) for v in value]
    return [p.strip() for p in parts if p and p.strip()]


def doc_from_record(record: Mapping[str, Any], fields: FieldMap, *, input_uri: str,
                    input_format: str, raw: bytes) -> RawDoc:
    """Map one record to a RawDoc; a record with neither text nor HTML is an error document."""
    text = _as_text(_first(record, fields.text))
    html = None if text else _as_text(_first(record, fields.html))
    doc = RawDoc(
        input_uri=input_uri, input_format=input_format, raw=raw, text=text, html=html,
        title=_as_text(_first(record, fields.title)),
        subtitle=_as_text(_first(record, fields.subtitle)),
        url=_as_text(_first(record, fields.url)),
        source_name=_as_text(_first(record, fields.source)),
        published=_as_text(_first(record, fields.published)),
        authors=_authors(_first(record, fields.authors)),
    )
    if text is None and html is None:
        keys = ", ".join(sorted(record)) or "none"
        doc.error = DocumentError(
            "read_no_text_field",
            f"{input_uri}: no text or html field (looked for {fields.text + fields.html}; record has {keys})",
        )
    return doc
