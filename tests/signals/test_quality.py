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


def test_sentence_ends_of_other_scripts() -> None:
    """CJK full stops end a sentence with no space after them; so do the danda and the Arabic
    question mark before a space. Without them every Chinese or Hindi article has no sentence."""
    zh = quality_signals("国务院总理主持召开常务会议。会议听取了汇报！这是真的吗？\n\n会议决定推进改革。", "zh")
    assert zh["n_sentences"] == 4 and zh["terminal_punct_ratio"] == 1.0
    assert quality_signals("यह एक वाक्य है। यह दूसरा है।", "hi")["n_sentences"] == 2
    assert quality_signals("هل هذا صحيح؟ نعم.", "ar")["n_sentences"] == 2
    assert quality_signals("He said 3.5 percent, not e.g. more", "en")["n_sentences"] == 1  # "e.g. " only


def test_repeated_lines_inside_a_paragraph() -> None:
    """Text inputs keep single line breaks: repeated lines are not repeated paragraphs."""
    q = quality_signals("Intro line of the page.\n" + "\n".join(["BUY NOW CHEAP PILLS"] * 9), "en")
    assert q["duplicate_paragraph_ratio"] == 0.0
    assert q["duplicate_line_ratio"] == 8 * len("BUY NOW CHEAP PILLS") / q["n_chars"]
    assert quality_signals("One line.\n  One line.  \nAnother.", "en")["duplicate_line_ratio"] > 0, "spaces aside"


def test_curly_brackets_are_counted_per_word() -> None:
    assert quality_signals(PROSE, "en")["curly_bracket_ratio"] == 0.0
    q = quality_signals('{"id": 1, "tags": {"a": 2}}', "en")
    assert q["curly_bracket_ratio"] == 4 / q["n_words"] and q["has_curly_bracket"]


def test_a_data_table_counts_by_its_cells_not_its_bars() -> None:
    prose = "The club said the season had gone better than anyone expected, and the fans agreed with that."
    table = "| Response | Votes | Share |\n| --- | --- | --- |\n| Yes | 149 | 74% |\n| No | 28 | 14% |"
    with_table = quality_signals(f"{prose}\n\n{table}", "en")
    cells_only = quality_signals(f"{prose}\n\nResponse Votes Share\nYes 149 74%\nNo 28 14%", "en")
    assert with_table["alpha_word_ratio"] == cells_only["alpha_word_ratio"] > 0.5
    assert with_table["n_words"] == cells_only["n_words"] and with_table["n_paragraphs"] == 2
    assert with_table["n_chars"] == len(f"{prose}\n\n{table}")
