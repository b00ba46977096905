"""Field paths: dots into objects and structs, `\\.` for a dot inside a key, digits into lists."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from curate.readers.paths import Blocked, Found, Missing, lookup, parse_path, path_problem


def test_dots_escapes_and_the_whole_name() -> None:
    assert parse_path("article.body").keys == ("article", "body")
    assert parse_path("meta.a\\.b").keys == ("meta", "a.b")
    assert parse_path("a\\\\.b").keys == ("a\\", "b")
    assert parse_path("article\\.body").keys == ("article.body",)
    assert parse_path("text").whole == "text" and parse_path("a\\.b.c").whole == "a.b.c"


@pytest.mark.parametrize("name", ["", ".a", "a.", "a..b", "a\\", "a\\b", "a\\.\\"])
def test_names_that_are_not_paths_say_why(name: str) -> None:
    assert path_problem(name) is not None
    with pytest.raises(ValueError, match="field"):
        parse_path(name)


def test_lookup_steps_into_objects_and_lists() -> None:
    record = {"article": {"body": "B", "tags": ["x", "y"], "a.b": 1}, "flat.col": "F", "n": 3}
    assert lookup(record, parse_path("article.body")) == Found("B", "article", ("body",))
    assert lookup(record, parse_path("article.tags.1")) == Found("y", "article", ("tags", "1"))
    assert lookup(record, parse_path("article.a\\.b")) == Found(1, "article", ("a.b",))
    assert lookup(record, parse_path("flat.col")) == Found("F", "flat.col", ()), "a flat dotted column, as is"
    assert lookup(record, parse_path("article.lede")) == Missing(("article", "lede"))
    assert lookup(record, parse_path("article.tags.7")).where == "article.tags.7"  # type: ignore[union-attr]
    assert lookup(record, parse_path("nothing.h\\.ere")) == Missing(("nothing",))
    assert lookup(record, parse_path("article.x\\.y")).where == "article.x\\.y", "shown as written"  # type: ignore[union-attr]
    assert lookup(record, parse_path("n.value")) == Blocked("n", 3), "a number cannot be stepped into"
    assert lookup(record, parse_path("article.tags.first")) == Blocked("article.tags", ["x", "y"])


def test_the_whole_name_wins_over_the_nested_path() -> None:
    record = {"a.b": "flat", "a": {"b": "nested"}}
    assert lookup(record, parse_path("a.b")).value == "flat"  # type: ignore[union-attr]


def test_deep_nesting_is_walked_without_recursion() -> None:
    record: dict = {}
    node = record
    for _ in range(5000):
        node["k"] = {}
        node = node["k"]
    node["k"] = "deep"
    assert lookup(record, parse_path(".".join(["k"] * 5001))) == Found("deep", "k", ("k",) * 5000)


_KEYS = st.text(min_size=1, max_size=8)


@given(st.lists(_KEYS, min_size=1, max_size=5), st.text(max_size=5))
def test_any_keys_escaped_round_trip(keys: list[str], value: str) -> None:
    """Keys with dots, backslashes and any unicode, escaped, reach the value."""
    name = ".".join(k.replace("\\", "\\\\").replace(".", "\\.") for k in keys)
    assert parse_path(name).keys == tuple(keys)
    record: dict = {}
    node = record
    for key in keys[:-1]:
        node[key] = {}
        node = node[key]
    node[keys[-1]] = value
    found = lookup(record, parse_path(name))
    assert isinstance(found, Found) and found.value == value
