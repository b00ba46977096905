from __future__ import annotations

from curate.signals.quality import quality_signals

PROSE = ("The council approved the budget on Tuesday after a long debate.\n\n"
         "Members said the plan would fund two new schools and repair the old bridge.")


def test_prose_signals() -> None:
    q = quality_signals(PROSE, "en")
    assert q["n_words"] == 25 and q["n_paragraphs"] == 2 and q["n_sentences"] == 2
    assert q["terminal_punct_ratio"] == 1.0
    assert q["alpha_word_ratio"] == 1.0
    assert 0.2 < q["stopword_ratio"] < 0.6
    assert q["duplicate_5gram_ratio"] == 0.0 and not q["has_curly_bracket"]


def test_repetition_is_measured() -> None:
    q = quality_signals("\n\n".join(["buy now buy now buy now cheap pills today"] * 4), "en")
    assert q["duplicate_paragraph_ratio"] > 0.5
    assert q["duplicate_5gram_ratio"] > 0.9
    assert q["top_2gram_ratio"] > 0.3


def test_code_and_lorem() -> None:
    q = quality_signals("function x() { return 1; }\n\nLorem ipsum dolor sit amet.", "en")
    assert q["has_curly_bracket"] and q["has_lorem_ipsum"]


def test_lists_and_symbols() -> None:
    q = quality_signals("- one\n- two\n- three...\n#tag #tag", "xx")
    assert q["bullet_line_ratio"] == 0.75
    assert q["ellipsis_line_ratio"] == 0.25
    assert q["stopword_ratio"] == 0.0
    assert q["symbol_ratio"] > 0.3


def test_empty_text() -> None:
    q = quality_signals("", "en")
    assert q["n_words"] == 0 and q["mean_word_length"] == 0
