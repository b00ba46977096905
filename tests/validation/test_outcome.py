"""Aggregation over chunks: `mostly` is decided on the totals; errors and waivers."""

from __future__ import annotations

from curate.validation.outcome import SAMPLES, VALUE_CHARS, Observation, Outcome, shown


def _seen(success: bool, rows: int, unexpected: int, errors: list[str] | None = None) -> Observation:
    return Observation("source_name_present", {"column": "source_name", "mostly": 0.9}, success, rows=rows,
                       unexpected=unexpected, samples=[f"id{unexpected}"], errors=errors or [])


def test_mostly_is_decided_on_the_totals() -> None:
    outcome = Outcome("article_rows", "source_name_present", "expect_column_values_to_not_be_null", {})
    outcome.add(_seen(False, rows=10, unexpected=2))  # 80 % in this chunk
    outcome.add(_seen(True, rows=90, unexpected=3))
    outcome.finish()
    assert outcome.success and outcome.status == "passed" and outcome.unexpected == 5 and outcome.chunks == 2
    outcome.add(_seen(False, rows=10, unexpected=10))
    outcome.finish()
    assert outcome.status == "failed" and outcome.samples[0] == "id2"
    outcome.waiver = "known gap"
    assert outcome.status == "waived"


def test_an_error_is_never_waived() -> None:
    outcome = Outcome("article_rows", "source_name_present", "expect_column_values_to_not_be_null", {})
    outcome.add(_seen(False, rows=0, unexpected=0, errors=["KeyError: source_name"]))
    outcome.finish()
    outcome.waiver = "known gap"
    assert outcome.status == "error"


def test_values_are_kept_beside_samples_up_to_the_limit() -> None:
    outcome = Outcome("article_rows", "title_no_markup", "expect_column_values_to_not_match_regex", {})
    for chunk in range(3):
        outcome.add(Observation("title_no_markup", {}, False, rows=5, unexpected=2,
                                samples=[f"id{chunk}a", f"id{chunk}b"], values=[f"<b>{chunk}a", f"<b>{chunk}b"]))
    assert outcome.samples == ["id0a", "id0b", "id1a", "id1b", "id2a"] and len(outcome.values) == SAMPLES
    assert outcome.values[-1] == "<b>2a"


def test_a_value_is_shown_around_what_was_found() -> None:
    assert shown(None) == "null" and shown(float("nan")) == "null" and shown(3) == "3"
    assert shown("short <b>") == "short <b>"
    text = "a" * 1000 + "<script>x</script>" + "b" * 1000
    around = shown(text, "</?script>")
    assert "<script>x</script>" in around and around.startswith("…") and around.endswith("…")
    assert len(around) == VALUE_CHARS + 2
    assert shown(text) == "a" * VALUE_CHARS + "…", "no pattern: the start"
    assert shown(text, "(") == "a" * VALUE_CHARS + "…", "a broken pattern is not this function's error"
    assert shown("x" * 300 + "<i>", "<i>").endswith("<i>"), "a match near the end keeps the end"
