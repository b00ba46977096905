"""A config as a TOML file a user can start from (`curate config`): every section and key, with
its description as a comment; a key without a value (None) is written commented out."""

from __future__ import annotations

import json
import re
import textwrap
from typing import Any

from pydantic import BaseModel

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def config_toml(config: BaseModel) -> str:
    """`config` as TOML that `load_config` reads back to an equal config."""
    lines = ["# curate config: every key, with its default unless set. `curate config --schema` gives the JSON "
             "schema."]
    _table(config, [], lines)
    return "\n".join(lines) + "\n"


def _table(model: BaseModel, path: list[str], lines: list[str]) -> None:
    fields = type(model).model_fields
    tables = [name for name in fields if isinstance(getattr(model, name), BaseModel)]
    if path:
        lines += ["", f"[{'.'.join(map(_key, path))}]"]
        about = _comment((type(model).__doc__ or "").strip().split("\n\n")[0])
        lines += [*about, ""] if about else []
    for name, info in fields.items():
        if name in tables:
            continue
        lines += _comment(info.description or "")
        value = getattr(model, name)
        lines.append(f"# {_key(name)} =" if value is None else f"{_key(name)} = {_value(value)}")
    for name in tables:
        _table(getattr(model, name), [*path, name], lines)


def _comment(text: str) -> list[str]:
    return [f"# {line}" for line in textwrap.wrap(" ".join(text.split()), 98)]


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else _string(name)


def _string(text: str) -> str:
    # JSON's escapes are TOML's; TOML also wants DEL escaped
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _value(value: Any) -> str:
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="json")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items() if v is not None) + "}"
    raise TypeError(f"no TOML form for {type(value).__name__}")
