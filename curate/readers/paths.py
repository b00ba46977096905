"""Field names as paths into a record: `article.body` steps into the object (a JSON object, a
Parquet or Hugging Face struct) `article` and takes its `body`.

Syntax: dots separate keys; `\\.` is a dot inside a key and `\\\\` a backslash (`meta.a\\.b` is the
key `a.b` of `meta`); a key of digits indexes a list (`paragraphs.0`). A record whose own key is the
whole name, dots and all (pandas' `json_normalize` writes columns like `article.body`), is read by
that key first, so flat dotted columns keep working.

A lookup says why it found nothing: a key absent on the way is `Missing` (the role tries its next
candidate), a value that is not an object or list where the path goes on is `Blocked` (the record
does not have the shape the user named: a `read_wrong_type` reject).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

_ESCAPE = "\\"


@dataclass(frozen=True, slots=True)
class FieldPath:
    """A parsed field name: `keys` are the steps, `whole` the name unescaped as one key."""

    name: str
    keys: tuple[str, ...]
    whole: str


@dataclass(frozen=True, slots=True)
class Found:
    value: Any
    top: str  # the record's own key the value came from (a role uses up this key)
    inner: tuple[str, ...]  # the keys under `top` that lead to the value


@dataclass(frozen=True, slots=True)
class Missing:
    keys: tuple[str, ...]  # the path up to the first key that is absent

    @property
    def where(self) -> str:
        return _shown(self.keys)


@dataclass(frozen=True, slots=True)
class Blocked:
    where: str  # the path up to the value that cannot be stepped into
    value: Any


def path_problem(name: str) -> str | None:
    """Why `name` is not a field path (an empty key, a dangling or unknown escape), or None."""
    try:
        parse_path(name)
    except ValueError as exc:
        return str(exc)
    return None


@cache
def parse_path(name: str) -> FieldPath:
    """The steps of `name`; ValueError for an empty key or a backslash that escapes nothing."""
    keys: list[str] = []
    key: list[str] = []
    chars = iter(name)
    for char in chars:
        if char == _ESCAPE:
            escaped = next(chars, None)
            if escaped not in (".", _ESCAPE):
                raise ValueError(f"field {name!r}: '\\' must be followed by '.' or '\\'")
            key.append(escaped)
        elif char == ".":
            keys.append("".join(key))
            key = []
        else:
            key.append(char)
    keys.append("".join(key))
    if not all(keys):
        raise ValueError(f"field {name!r}: an empty key (a leading, trailing or doubled '.')")
    return FieldPath(name, tuple(keys), ".".join(keys))


def _shown(keys: tuple[str, ...]) -> str:
    return ".".join(key.replace(_ESCAPE, _ESCAPE * 2).replace(".", _ESCAPE + ".") for key in keys)


def lookup(record: Mapping[str, Any], path: FieldPath) -> Found | Missing | Blocked:
    """The value at `path` in `record`: by the whole name first, then step by step."""
    if path.whole in record:
        return Found(record[path.whole], path.whole, ())
    if len(path.keys) == 1:  # most names: a plain column, absent
        return Missing(path.keys)
    value: Any = record
    for depth, key in enumerate(path.keys):
        if isinstance(value, Mapping):
            if key not in value:
                return Missing(path.keys[:depth + 1])
            value = value[key]
        elif isinstance(value, list) and key.isdecimal():
            if int(key) >= len(value):
                return Missing(path.keys[:depth + 1])
            value = value[int(key)]
        else:
            return Blocked(_shown(path.keys[:depth]), value)
    return Found(value, path.keys[0], path.keys[1:])
