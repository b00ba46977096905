"""A record's other fields, kept beside the document as one JSON object (`metadata`).

Why a JSON string and not a struct: the fields are whatever the inputs hold, and one build mixes
files of different shapes (a JSONL dump with `section`, a Parquet file with `tags: list<string>`
and `crawl_ts: timestamp`). A struct needs one Arrow type per field for the whole dataset, known
before the first shard is written and fixed for every later version; the first record to disagree
would be a reject, and each new input column a schema change. A `map<string, string>` has no
`datasets` feature (the Hub's viewer and `load_dataset` cannot type it). A JSON object keeps the
record's nesting and JSON's own types (strings, numbers, booleans, null, lists, objects), which is
what JSON and JSONL inputs are typed with anyway, and every reader of the dataset can parse it.

What JSON has no type for is written as text: dates and times as ISO 8601, decimals and
durations as their text, bytes as text when they are UTF-8, else as `base64:<data>`; a NaN or an
infinity (how pandas writes a missing value) as null.

Size is bounded: fields are kept whole, in the record's order, while the encoded object stays
within `readers.metadata_bytes`; a field that would go over (or nests deeper than
`MAX_DEPTH`) is left out and named in `metadata_omitted` (at most `OMITTED_SHOWN` names, the
last saying how many more there were), so nothing is dropped without a word.
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import math
from collections.abc import Iterable, Mapping
from typing import Any

from curate.normalize.decode import repair_surrogates

MAX_DEPTH = 64
OMITTED_SHOWN = 100
Used = Mapping[str, Iterable[tuple[str, ...]]]  # record key -> the paths under it a role took ((): all of it)


class _TooDeep(Exception):
    pass


def _bytes(value: bytes) -> str:
    try:
        return repair_surrogates(value.decode("utf-8"))
    except UnicodeDecodeError:
        return "base64:" + base64.b64encode(value).decode("ascii")


def _plain(value: Any, depth: int = 0) -> Any:
    """`value` as JSON's types (see the module docstring)."""
    if depth > MAX_DEPTH:
        raise _TooDeep
    if isinstance(value, str):
        return repair_surrogates(value)
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {repair_surrogates(str(key)): _plain(item, depth + 1) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _bytes(bytes(value))
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value) if value.is_finite() else None
    if hasattr(value, "tolist"):  # a numpy value or array from a Hugging Face row
        return _plain(value.tolist(), depth + 1)
    return repair_surrogates(str(value))  # a duration, or a type no input format here gives


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _without(value: Any, paths: list[tuple[str, ...]]) -> Any:
    """`value` less the parts a role took: keys removed along objects; a list a path indexes is
    kept whole. None when nothing is left."""
    if () in paths:
        return None
    if not isinstance(value, Mapping):
        return value
    kept = {}
    for key, item in value.items():
        below = [path[1:] for path in paths if path[0] == key]
        item = _without(item, below) if below else item
        if not below or item is not None:
            kept[key] = item
    return kept or None


def _name(key: Any) -> str:
    return repair_surrogates(str(key))


def record_metadata(record: Mapping[str, Any], used: Used, budget: int) -> tuple[str | None, list[str]]:
    """(the JSON object of the fields of `record` no role used, or None when none is kept; the names
    of the fields left out for `budget` or depth, in the record's order)."""
    fields: dict[str, Any] = {}
    left_out: set[str] = set()
    for key, value in record.items():
        paths = list(used.get(key, ()))
        if paths:
            value = _without(value, paths)
            if value is None:
                continue
        try:
            fields[_name(key)] = _plain(value)
        except _TooDeep:
            left_out.add(_name(key))
    whole = _json(fields)
    if len(whole.encode()) > budget:  # the rare record over budget: field by field, in order
        size = 2  # the braces
        for name, value in list(fields.items()):
            cost = len(f"{_json(name)}:{_json(value)}".encode()) + (1 if size > 2 else 0)
            if size + cost > budget:
                left_out.add(name)
                del fields[name]
            else:
                size += cost
        whole = _json(fields)
    omitted = [name for name in map(_name, record) if name in left_out] if left_out else []
    if len(omitted) > OMITTED_SHOWN:
        omitted = [*omitted[:OMITTED_SHOWN - 1], f"... and {len(omitted) - OMITTED_SHOWN + 1} more"]
    return (whole if fields else None), omitted
