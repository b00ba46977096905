"""The failed gate's next step: one line, the remedy of each failure it knows, always a waiver."""

from __future__ import annotations

from curate.validation.advice import next_step


def test_a_missing_publisher_names_source_and_sources() -> None:
    line = next_step(["article_rows.source_name_present"], "news", "1.2.0")
    assert "--source NAME" in line and "[sources]" in line
    assert '[[validation.waivers]] expectation = "article_rows.source_name_present"' in line
    assert line.endswith("curate validate news 1.2.0 --config FILE")


def test_one_line_each_remedy_once_and_a_fallback() -> None:
    shares = next_step(["dataset.train_share", "dataset.test_share"])
    assert shares.count("split_tolerance") == 1 and "\n" not in shares and shares.endswith("validate again with it")
    unknown = next_step(["article_rows.text_no_markup"])
    assert "fix what the validation page shows" in unknown and "text_no_markup" in unknown
