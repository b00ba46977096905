"""A record's other fields as one JSON object, typed as far as JSON goes, within a byte budget."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.readers.metadata import MAX_DEPTH, OMITTED_SHOWN, record_metadata

BUDGET = 64 * 1024


def _kept(record: dict, used: dict | None = None, budget: int = BUDGET) -> tuple[dict | None, list[str]]:
    text, omitted = record_metadata(record, used or {}, budget)
    return (None if text is None else json.loads(text)), omitted


def test_types_json_has_are_kept_the_others_written_out() -> None:
    record = {"section": "World", "words": 812, "score": 0.5, "paywalled": False, "tags": ["a", "b"],
              "nested": {"x": None}, "missing": float("nan"), "day": dt.date(2024, 5, 1),
              "at": dt.datetime(2024, 5, 1, 8, 30), "price": decimal.Decimal("1.10"), "utf8": "é".encode(),
              "blob": b"\xff\x00", "lone": "a\ud800b", 7: "int key"}
    kept, omitted = _kept(record)
    assert kept == {"section": "World", "words": 812, "score": 0.5, "paywalled": False, "tags": ["a", "b"],
                    "nested": {"x": None}, "missing": None, "day": "2024-05-01", "at": "2024-05-01T08:30:00",
                    "price": "1.10", "utf8": "é", "blob": "base64:/wA=", "lone": "a\ufffdb", "7": "int key"}
    assert omitted == []
    assert list(kept) == [str(k) for k in record], "the record's order"


def test_what_roles_used_is_left_out_down_to_the_leaf() -> None:
    record = {"text": "body", "article": {"body": "B", "section": "S"}, "only": {"x": "X"}, "list": [{"a": 1}]}
    used = {"text": [()], "article": [("body",)], "only": [("x",)], "list": [("0", "a")]}
    kept, _ = _kept(record, used)
    assert kept == {"article": {"section": "S"}, "list": [{"a": 1}]}, "an emptied object goes; a list stays whole"
    assert record_metadata({"text": "t"}, {"text": [()]}, BUDGET) == (None, [])


def test_the_byte_budget_keeps_whole_fields_and_names_the_rest() -> None:
    record = {"small": "s", "huge": "x" * 10_000, "after": "a"}
    text, omitted = record_metadata(record, {}, 100)
    assert text is not None and len(text.encode()) <= 100
    assert json.loads(text) == {"small": "s", "after": "a"} and omitted == ["huge"]
    assert record_metadata(record, {}, 0) == (None, ["small", "huge", "after"]), "0 keeps none, names all"


def test_too_many_omitted_names_are_counted_not_listed() -> None:
    record = {f"k{n}": n for n in range(1000)}
    text, omitted = record_metadata(record, {}, 0)
    assert text is None and len(omitted) == OMITTED_SHOWN
    assert omitted[-1] == f"... and {1000 - OMITTED_SHOWN + 1} more" and omitted[0] == "k0"


def test_too_deep_a_value_is_omitted_not_a_crash() -> None:
    deep: object = "leaf"
    for _ in range(MAX_DEPTH + 5):
        deep = {"d": deep}
    very_deep: object = []
    for _ in range(5000):
        very_deep = [very_deep]
    kept, omitted = _kept({"ok": 1, "deep": deep, "very": very_deep})
    assert kept == {"ok": 1} and omitted == ["deep", "very"]


_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
                     max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=10), _JSON, max_size=8), st.integers(min_value=0, max_value=400))
def test_any_record_gives_valid_json_within_budget_and_accounts_for_every_field(record: dict, budget: int) -> None:
    text, omitted = record_metadata(record, {}, budget)
    kept = {} if text is None else json.loads(text)
    assert text is None or len(text.encode()) <= budget
    assert (set(kept) | set(omitted) == set(record) and not set(kept) & set(omitted)) or len(omitted) == OMITTED_SHOWN
    for key, value in kept.items():
        if isinstance(record[key], float) and not math.isfinite(record[key]):
            assert value is None
