"""How a config is assembled: layers of settings merged deep, then checked against the model,
with every mistake a ConfigError that names the layer it came from.

A layer is a nested mapping from one place: a version's recorded config, a TOML file, the Python
API's overrides, one CLI option. Tables merge key by key, so a later layer changes only the keys
it names; any other value (a list too) replaces the earlier one. Each layer's shape is checked
before the merge (every key a field, every section a table), so that a later layer cannot hide an
earlier layer's mistake; the merged whole is then validated strictly (no `true` for an integer,
no "3" for a number), and each problem is blamed on the layers that set the value.

Generic over the model, so that `curate.config` can use it without an import cycle.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from curate.errors import ConfigError

MAX_FILE_BYTES = 1 << 20  # a config file is a few kB: the bound keeps `--config /dev/zero` from hanging
INT64 = 1 << 63  # TOML's integers are signed 64-bit: so are the config's

Model = TypeVar("Model", bound=BaseModel)


@dataclass(frozen=True)
class Layer:
    """Settings from one place; `origin` names that place in errors ("config file c.toml")."""

    origin: str
    data: Any  # a mapping when well formed; checked by `resolve`


def file_layer(path: Path) -> Layer:
    """The TOML file at `path` as a layer; unreadable, not UTF-8 or not TOML is a ConfigError."""
    origin = f"config file {path}"
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as exc:
        raise ConfigError(f"{origin} does not exist") from exc
    except IsADirectoryError as exc:
        raise ConfigError(f"{origin} is a directory, not a TOML file") from exc
    except (OSError, ValueError) as exc:  # no permission, a name the system refuses, ...
        raise ConfigError(f"{origin} cannot be read: {exc}") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise ConfigError(f"{origin} is larger than {MAX_FILE_BYTES >> 20} MiB: not a config file")
    try:
        text = raw.decode("utf-8-sig")  # an editor's byte-order mark is no mistake
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{origin} is not UTF-8 text (TOML must be): byte {exc.start} is {raw[exc.start]:#04x}") from exc
    try:
        return Layer(origin, tomllib.loads(text))
    except RecursionError as exc:
        raise ConfigError(f"{origin} is not valid TOML: arrays or tables nested too deeply") from exc
    except Exception as exc:  # tomllib's TOMLDecodeError, or whatever else it raises on hostile text
        raise ConfigError(f"{origin} is not valid TOML: {exc}") from exc


def resolve(model: type[Model], layers: Sequence[Layer]) -> Model:
    """`model` from `layers`, each on top of the ones before it."""
    for layer in layers:
        _check_table(model, layer.data, layer.origin, ())
    merged: dict[str, Any] = reduce(_merge, (layer.data for layer in layers), {})
    try:
        return model.model_validate(merged, strict=True)
    except ValidationError as exc:
        problems = "; ".join(_problem(error, layers) for error in exc.errors())
        raise ConfigError(f"invalid config: {problems}") from exc


def submodel(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, when it holds one (a section, or a table inside one)."""
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def dotted(path: Sequence[Any]) -> str:
    return ".".join(str(key) for key in path)


def suggestion(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {close[0]}?)" if close else ""


def unknown_key(model: type[BaseModel], path: Sequence[str], key: Any) -> str:
    """Why `key` under `path` is refused: the valid keys there, and the closest one."""
    valid = list(model.model_fields)
    what, where = (f"key {dotted([*path, key])}", f"keys of {dotted(path)}") if path else (f"section {key}", "sections")
    return f"unknown {what}{suggestion(str(key), valid)}; valid {where}: {', '.join(valid)}"


def shown(value: Any) -> str:
    """A value in an error message, cut short: it may be anything a user typed."""
    try:
        return cut(repr(value))
    except ValueError:  # an integer with more digits than Python converts to text
        return f"<an integer of {value.bit_length()} bits>"


def cut(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else f"{text[:limit - 3]}..."


def _check_table(model: type[BaseModel], data: Any, origin: str, path: tuple[str, ...]) -> None:
    if not isinstance(data, Mapping):
        what = f"[{dotted(path)}] must be a table" if path else "must be a table of sections"
        raise ConfigError(f"{origin}: {what}, not {type(data).__name__} {shown(data)}")
    for key, value in data.items():
        if key not in model.model_fields:
            raise ConfigError(f"{origin}: {unknown_key(model, path, key)}")
        table = submodel(model.model_fields[key].annotation)
        if table is not None:
            _check_table(table, value, origin, (*path, key))
        else:
            _check_integers(value, origin, (*path, key))


def _check_integers(value: Any, origin: str, path: tuple[Any, ...]) -> None:
    """Integers beyond 64 bits would overflow where the build hands them to C (slicing, Arrow).
    A loop, not recursion: a value may be a list nested as deep as the parser allowed."""
    todo = [(path, value)]
    while todo:
        where, item = todo.pop()
        if isinstance(item, int) and not isinstance(item, bool) and not -INT64 <= item < INT64:
            raise ConfigError(f"{origin}: {dotted(where)} = {shown(item)} does not fit in a signed 64-bit integer")
        children = item.items() if isinstance(item, Mapping) else enumerate(item) if isinstance(item, list) else ()
        todo.extend(((*where, key), child) for key, child in children)


def _merge(base: Mapping[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, Mapping):
            below = merged.get(key)
            value = _merge(below if isinstance(below, Mapping) else {}, value)
        merged[key] = value
    return merged


def _problem(error: Any, layers: Sequence[Layer]) -> str:
    """One validation error: where, what, the value when it is one, and which layers set it."""
    message = str(error["msg"]).removeprefix("Value error, ")
    value = error.get("input")
    got = "" if isinstance(value, Mapping) else f", got {shown(value)}"
    return f"{dotted(error['loc'])}: {message}{got} (from {_blame(error['loc'], layers)})"


def _blame(loc: Sequence[Any], layers: Sequence[Layer]) -> str:
    """The layers whose settings make the value at `loc`: the last one that set it whole, and
    every later one that set part of it; the defaults when none did."""
    found = []
    for layer in reversed(layers):
        reach = _reach(layer.data, loc)
        if reach != "none":
            found.append(layer.origin)
        if reach == "whole":
            break
    return ", ".join(reversed(found)) or "the defaults"


def _reach(data: Any, loc: Sequence[Any]) -> Literal["none", "part", "whole"]:
    node = data
    for key in loc:
        if not isinstance(node, Mapping):
            return "whole"  # a list (of waivers, of names) set here holds the item at `loc`
        if key not in node:
            return "none"
        node = node[key]
    return "part" if isinstance(node, Mapping) else "whole"
