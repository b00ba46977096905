"""Command-line settings as config layers: `--set SECTION.KEY=VALUE`, `--field ROLE=COLUMN`,
`--source` and `--workers`.

A `--set` value is read by the type of the field it names, never guessed: `sources.default=123`
is the text "123", `policy.languages=en` the list ["en"], `templates.enabled=no` false. Text
fields take the text as it is; true/false (yes/no, on/off, 1/0) for flags; integers and numbers
as written; lists as JSON or comma-separated items; tables as JSON objects; an empty value clears
an optional field. A key below a table field (`sources.domains.example.com=Example`) is one entry
of that table, dots and all.
"""

from __future__ import annotations

import json
import re
import types
from collections.abc import Sequence
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from curate.config import Config, FieldMap
from curate.config_layers import Layer, cut, dotted, shown, submodel, suggestion, unknown_key
from curate.errors import ConfigError

_BOOLEANS = {"true": True, "yes": True, "on": True, "1": True, "false": False, "no": False, "off": False, "0": False}
_INTEGER = re.compile(r"[+-]?[0-9][0-9_]*", re.ASCII)


def option_layers(*, source: str | None = None, fields: Sequence[str] = (), workers: int | None = None,
                  executor: str | None = None, ray_address: str | None = None,
                  dedup_against: Sequence[str] = (), sets: Sequence[str] = ()) -> list[Layer]:
    """The options of `curate build`/`rebuild`/`validate` as layers, in the order they apply:
    --source, --field, --workers, --executor, --ray-address, --dedup-against, then each --set
    (so a --set wins over the option it repeats)."""
    layers = [option_layer("--source", "sources.default", source)] if source is not None else []
    if fields:
        layers.append(field_layer(fields))
    if workers is not None:
        layers.append(option_layer("--workers", "executor.workers", workers))
    if executor is not None:
        layers.append(option_layer("--executor", "executor.engine", executor))
    if ray_address is not None:
        layers.append(option_layer("--ray-address", "executor.ray_address", ray_address))
    if dedup_against:
        layers.append(option_layer("--dedup-against", "dedup.against", list(dedup_against)))
    return [*layers, *(set_layer(item) for item in sets)]


def set_layer(item: str) -> Layer:
    """One `--set SECTION.KEY=VALUE`, its value read by the type of the field it names."""
    origin = f"--set {cut(item)}"
    path, sep, raw = item.partition("=")
    keys = path.split(".")
    if not sep or len(keys) < 2 or not all(keys):
        raise ConfigError(f"{origin}: expected SECTION.KEY=VALUE, e.g. policy.min_words=80")
    annotation, keys = _target(keys, origin)
    return Layer(origin, _nested(keys, _parse(annotation, raw, origin, dotted(keys))))


def option_layer(option: str, path: str, value: Any) -> Layer:
    """A dedicated option (`--source NAME`) setting the field at `path`; text is read as --set reads it."""
    annotation, keys = _target(path.split("."), option)
    return Layer(option, _nested(keys, _parse(annotation, value, option, path) if isinstance(value, str) else value))


def field_layer(items: Sequence[str]) -> Layer:
    """`--field ROLE=COLUMN` items as one layer; a role given twice tries its columns in that order."""
    roles: dict[str, list[str]] = {}
    for item in items:
        role, sep, column = item.partition("=")
        if not sep or not column or role not in FieldMap.model_fields:
            problem = f"unknown role {role}{suggestion(role, list(FieldMap.model_fields))}; " if sep and column else ""
            raise ConfigError(f"--field {cut(item)}: {problem}expected ROLE=COLUMN with ROLE one of "
                              f"{', '.join(FieldMap.model_fields)}")
        roles.setdefault(role, []).append(column)
    return Layer(cut(" ".join(f"--field {item}" for item in items)), {"readers": {"fields": roles}})


def _target(keys: list[str], origin: str) -> tuple[Any, list[str]]:
    """The type of the field `keys` name, and the keys; below a table field, the rest of the keys
    are one entry of the table (a domain has dots)."""
    model: type[BaseModel] = Config
    depth = 0
    while True:
        key = keys[depth]
        if key not in model.model_fields:
            raise ConfigError(f"{origin}: {unknown_key(model, keys[:depth], key)}")
        annotation = model.model_fields[key].annotation
        depth += 1
        if depth == len(keys):
            return annotation, keys
        if (table := submodel(annotation)) is not None:
            model = table
        elif get_origin(annotation) is dict:
            return get_args(annotation)[1], [*keys[:depth], ".".join(keys[depth:])]
        else:
            raise ConfigError(f"{origin}: {dotted(keys[:depth])} is {_describe(annotation)}: it has no key {keys[depth]}")


def _parse(annotation: Any, raw: str, origin: str, key: str) -> Any:
    """`raw` as a value of `annotation`; anything the final validation checks better (a literal's
    choices, a range) is left to it."""
    def refuse() -> ConfigError:
        return ConfigError(f"{origin}: {key} takes {_describe(annotation)}, not {shown(raw)}")

    options = [arg for arg in get_args(annotation) if arg is not type(None)]
    if get_origin(annotation) in (Union, types.UnionType) and len(options) == 1:
        return None if raw == "" else _parse(options[0], raw, origin, key)
    if annotation is bool:
        if raw.strip().lower() not in _BOOLEANS:
            raise refuse()
        return _BOOLEANS[raw.strip().lower()]
    if annotation is int and not _INTEGER.fullmatch(raw.strip()):
        raise refuse()  # int() would also take other scripts' digits ("١٢"): a config number is ASCII
    if annotation in (int, float):
        try:
            return annotation(raw)
        except ValueError as exc:  # also an integer with more digits than Python reads
            raise refuse() from exc
    if get_origin(annotation) is list and not raw.lstrip().startswith("["):
        (item,) = get_args(annotation)
        return [_parse(item, part.strip(), origin, key) for part in raw.split(",") if part.strip()]
    if get_origin(annotation) in (list, dict) or submodel(annotation) is not None:
        try:
            return json.loads(raw)
        except (ValueError, RecursionError) as exc:
            raise refuse() from exc
    return raw  # text, and what is spelled as text (a literal's choices)


def _describe(annotation: Any) -> str:
    """What a field takes, in the words an error message needs."""
    if annotation is bool:
        return "true or false (or yes/no, on/off, 1/0)"
    if annotation is int:
        return "an integer"
    if annotation is float:
        return "a number"
    if get_origin(annotation) is list:
        return "a list (JSON, or items separated by commas)"
    if get_origin(annotation) is dict or submodel(annotation) is not None:
        return "a table (a JSON object)"
    return "text"


def _nested(keys: Sequence[str], value: Any) -> dict[str, Any]:
    *outer, last = keys
    node: dict[str, Any] = {last: value}
    for key in reversed(outer):
        node = {key: node}
    return node
