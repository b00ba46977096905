"""Aggregation over chunks: `mostly` is decided on the totals; errors and waivers."""

from __future__ import annotations

from curate.validate.outcome import Observation, Outcome


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
