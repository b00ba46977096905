"""Pick a document's fields out of a record (JSONL, JSON, CSV, Parquet, Hugging Face rows).

Records are typed by whoever wrote them, so every value is converted by a rule, never by `str()`
(which turned a list of paragraphs into `"['para one', ...]"`):

- text: a string, or a list of strings (paragraphs, joined by a blank line); bytes are decoded
  like a file's;
- html: a string, or bytes decoded like a file's;
- title, subtitle, url, source, published: a string; a number or a date is written out
  (`1984`, `2024-05-01`);
- authors: a string of names separated by `;`, `|`, `&` or `and`, a list of names, or of objects
  with a `name` (`[{"name": "A. Writer"}]`), or one such object;
- id (only when the role is set): a string that is not only white space, or an integer (written
  out); absent or empty, the record is a `read_missing_id` reject.

Any other type is a `read_wrong_type` reject naming the field and the type. Strings are repaired
of lone surrogates (JSON can escape them; no Parquet or Arrow writer takes them). Field names are
paths (`article.body`, `curate.readers.paths`); a path that runs into a value it cannot step into
is a `read_wrong_type` reject too. What no role used is kept in `metadata`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from typing import Any

from curate.config import ReadersConfig
from curate.document import RawDoc, failed
from curate.errors import DocumentError
from curate.normalize.decode import decode_bytes, repair_surrogates
from curate.readers.metadata import record_metadata
from curate.readers.paths import Blocked, Found, lookup, parse_path

_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||\band\b|&)\s*")
_KEYS_SHOWN = 20


class _WrongType(Exception):
    def __init__(self, name: str, value: Any, expected: str = "not text") -> None:
        super().__init__(f"field {name!r} holds {_type_name(value)}, {expected}")


def _type_name(value: Any) -> str:
    names = {dict: "an object", list: "a list", bool: "a boolean", int: "a number", float: "a number",
             str: "a string"}
    return next((label for kind, label in names.items() if type(value) is kind), type(value).__name__)


def _absent(value: Any) -> bool:
    if isinstance(value, float):
        return math.isnan(value)  # pandas writes a missing string as NaN
    return value is None or (isinstance(value, (str, list, dict)) and not value)


class _Picks:
    """Looks up a record's roles by their candidate paths, noting which parts of the record the
    roles used, so the rest goes to `metadata`."""

    def __init__(self, record: Mapping[str, Any]) -> None:
        self.record = record
        self.used: dict[str, list[tuple[str, ...]]] = {}

    def first(self, names: list[str]) -> tuple[str, Any] | None:
        """(field name, value) of the first of `names` present and not empty; `_WrongType` when a
        path runs into a value it cannot step into."""
        for name in names:
            path = parse_path(name)
            if len(path.keys) == 1:  # a plain column: most names
                value = self.record.get(path.whole)
                if not _absent(value):
                    self.used.setdefault(path.whole, []).append(())
                    return name, value
                continue
            found = lookup(self.record, path)
            if isinstance(found, Blocked):
                raise _WrongType(found.where, found.value, f"not an object (looking for {name!r})")
            if isinstance(found, Found) and not _absent(found.value):
                self.used.setdefault(found.top, []).append(found.inner)
                return name, found.value
        return None


def _string(name: str, value: Any, where: str, *, paragraphs: bool = False, scalars: bool = False) -> str:
    if isinstance(value, str):
        return repair_surrogates(value)
    if isinstance(value, bytes):
        return decode_bytes(value, f"{where} (field {name!r})")
    if paragraphs and isinstance(value, list) and all(isinstance(v, str) or v is None for v in value):
        return repair_surrogates("\n\n".join(v for v in value if v))
    if scalars and isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if scalars and isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    raise _WrongType(name, value)


def _author(name: str, value: Any) -> str:
    if isinstance(value, str):
        return repair_surrogates(value)
    if isinstance(value, Mapping) and isinstance(value.get("name"), str):
        return repair_surrogates(value["name"])
    raise _WrongType(name, value)


def _authors(found: tuple[str, Any] | None) -> list[str]:
    if found is None:
        return []
    name, value = found
    if isinstance(value, str):
        parts = _AUTHOR_SPLIT.split(repair_surrogates(value))
    elif isinstance(value, list):
        parts = [_author(name, v) for v in value if v is not None]
    else:
        parts = [_author(name, value)]
    return [p.strip() for p in parts if p and p.strip()]


def _keys(record: Mapping[str, Any]) -> str:
    keys = sorted(repair_surrogates(str(k)) for k in record)
    shown = ", ".join(keys[:_KEYS_SHOWN]) + (f" and {len(keys) - _KEYS_SHOWN} more" if len(keys) > _KEYS_SHOWN else "")
    return shown or "none"


def _record_id(picks: _Picks, names: list[str], where: str) -> str | None:
    """The record's own id by the `id` role (None when the role is not set); a string with
    something besides white space, or an integer, else a `DocumentError`."""
    if not names:
        return None
    found = picks.first(names)
    if found is None:
        raise DocumentError("read_missing_id", f"{where}: no id (looked for {names}, absent or empty; "
                                               f"record has {_keys(picks.record)})")
    name, value = found
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise _WrongType(name, value, "not an id (a string or an integer)")
    if not value.strip():
        raise DocumentError("read_missing_id", f"{where}: the id in field {name!r} is only white space")
    return repair_surrogates(value)


def doc_from_record(record: Mapping[str, Any], config: ReadersConfig, *, input_uri: str,
                    input_format: str, raw: bytes) -> RawDoc:
    """Map one record to a RawDoc; a record with neither text nor HTML, or a field of a type that
    cannot be read as its role, or no id when the `id` role is set, is an error document keeping
    `raw`. The fields no role used go to `metadata` (`curate.readers.metadata`)."""
    fields = config.fields
    picks = _Picks(record)
    try:
        found = picks.first(fields.text)
        text = None if found is None else _string(*found, input_uri, paragraphs=True)
        found = None if text else picks.first(fields.html)
        html = None if found is None else _string(*found, input_uri)

        def meta(names: list[str]) -> str | None:
            picked = picks.first(names)
            return None if picked is None else _string(*picked, input_uri, scalars=True)

        doc = RawDoc(
            input_uri=input_uri, input_format=input_format, raw=raw, text=text or None, html=html,
            title=meta(fields.title), subtitle=meta(fields.subtitle), url=meta(fields.url),
            source_name=meta(fields.source), published=meta(fields.published),
            authors=_authors(picks.first(fields.authors)), record_id=_record_id(picks, fields.id, input_uri),
        )
    except _WrongType as wrong:
        return failed(input_uri, input_format, raw, "read_wrong_type", f"{input_uri}: {wrong}")
    except DocumentError as error:  # bytes that do not decode, no id
        return RawDoc(input_uri=input_uri, input_format=input_format, raw=raw, error=error)
    if doc.text is None and doc.html is None:
        doc.error = DocumentError(
            "read_no_text_field",
            f"{input_uri}: no text or html field (looked for {fields.text + fields.html}; record has {_keys(record)})",
        )
        return doc
    doc.metadata, doc.metadata_omitted = record_metadata(record, picks.used, config.metadata_bytes)
    return doc
