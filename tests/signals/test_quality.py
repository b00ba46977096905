from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.signals.quality import (
    _LETTERLESS_WORD,
    _SENTENCE_END,
    _letter_counts,
    _letterless_words,
    _ngram_signals,
    _non_ascii,
    quality_signals,
)
from curate.signals.words import count_words, has_spaceless

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


# -- the fast counts equal their plain definitions ------------------------------------------------

# Every kind of character the counts tell apart: ASCII letters, digits and punctuation, the spaces
# `str.split` knows (\x1c-\x1f and U+3000 among them), letters that change length or kind when
# lower-cased (İ, ǅ), numbers that are not digits (², ½), closers, other scripts' sentence marks,
# and scripts with and without spaces.
_ALPHABET = st.sampled_from(list("aZq09_.!?,;'\"”’)]-#… \n\t\x1c\x1f\u3000\u00a0İǅ²½ßé£—"
                                 "。！？｡」】।؟Жжабв国务院のカไทย"))
_TEXTS = st.lists(_ALPHABET, max_size=120).map("".join)


def _plain_letterless_words(text: str) -> int:
    return sum(1 for token in text.split() if not any(c.isalnum() and not c.isdecimal() for c in token))


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_letterless_words_are_whole_tokens_without_a_letter(text: str) -> None:
    assert len(_LETTERLESS_WORD.findall(" " + text)) == _plain_letterless_words(text)


# Texts the byte count takes (ASCII, with non-ASCII marks, digits and symbols a letterless word may
# hold) and texts it must leave to the regex (a non-ASCII letter, a number that is no digit, a space).
_BYTES_COUNTED = st.one_of(st.characters(max_codepoint=0x7F), st.sampled_from(list("—£…”’€٣\ud800")))
_REGEX_COUNTED = st.sampled_from(list("é²\u00a0\u3000\x85国"))
_MOSTLY_ASCII = st.one_of(st.text(_BYTES_COUNTED, max_size=120),
                          st.tuples(st.text(_BYTES_COUNTED, max_size=60), _REGEX_COUNTED,
                                    st.text(_BYTES_COUNTED, max_size=60)).map("".join))


@settings(max_examples=600, deadline=None)
@given(st.one_of(_TEXTS, _MOSTLY_ASCII))
def test_letterless_words_counted_either_way_are_the_regex_count(text: str) -> None:
    assert _letterless_words(text, len(text.split()), _non_ascii(text)) == _plain_letterless_words(text)


@pytest.mark.parametrize("space", [" ", "\u00a0"])  # counted on bytes; left to the regex (an odd space)
def test_letterless_words_of_news_text(space: str) -> None:
    text = f"On 12 May — 3,000 £5 notes… ‘Sold’ 24/7{space}-- 1.5%"
    assert _letterless_words(text, len(text.split()), _non_ascii(text)) == 7  # 12, —, 3,000, £5, 24/7, --, 1.5%


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_sentence_ends_match_the_two_rules(text: str) -> None:
    """Latin-style marks before a space or the end (closers between), CJK stops anywhere."""
    closers = "\"'”’)\\]」』）】"
    latin = re.compile(f"[.!?…؟۔।॥։။።។][{closers}]*(?=\\s|$)|[。！？｡][{closers}]*")
    assert len(_SENTENCE_END.findall(text)) == len(latin.findall(text))


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_letter_counts_are_str_methods_counts(text: str) -> None:
    assert _letter_counts(text, _non_ascii(text)) == (sum(map(str.isalpha, text)), sum(map(str.isupper, text)))


def test_letter_counts_of_a_lone_surrogate() -> None:
    assert _letter_counts("ab\ud800C", _non_ascii("ab\ud800C")) == (3, 1)


def _plain_ngram_signals(units: list[str], units_per_word: float) -> tuple[float, float]:
    """The repetition measures as Gopher defines them, written plainly."""
    total = sum(map(len, units))
    two, five = max(2, round(2 * units_per_word)), max(5, round(5 * units_per_word))
    if total == 0 or len(units) < five:
        return 0.0, 0.0
    (top, count), = Counter(zip(*(units[i:] for i in range(two)))).most_common(1)
    grams = list(zip(*(units[i:] for i in range(five))))
    counts = Counter(grams)
    covered = {i + k for i, gram in enumerate(grams) if counts[gram] > 1 for k in range(five)}
    return (min(1.0, count * sum(map(len, top)) / total) if count > 1 else 0.0,
            sum(len(units[i]) for i in covered) / total)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "bb", "the", "of", "ccc", "國", "x"]), max_size=40),
       st.sampled_from([1.0, 1.4, 2.0]))
def test_ngram_signals_match_their_definition(units: list[str], units_per_word: float) -> None:
    assert _ngram_signals(units, units_per_word) == _plain_ngram_signals(units, units_per_word)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(list("abcdefg")), min_size=20, max_size=120), st.sampled_from([1.0, 1.4, 2.0]))
def test_ngram_signals_of_long_texts_with_few_words(units: list[str], units_per_word: float) -> None:
    """Long runs of repeated 2-grams, with and without a repeated 5-gram in them."""
    assert _ngram_signals(units, units_per_word) == _plain_ngram_signals(units, units_per_word)


@pytest.mark.parametrize(("text", "duplicated"), [
    ("a b c d e x a b c y c d e", 0.0),  # every 2-gram of "a b c d e" repeats, the 5-gram does not
    ("a b c d e x a b c d e", 10 / 11),
    ("one two three four five six", 0.0),  # no 2-gram repeats
])
def test_a_5gram_repeats_only_as_a_whole(text: str, duplicated: float) -> None:
    units = text.split()
    assert _ngram_signals(units, 1.0)[1] == duplicated == _plain_ngram_signals(units, 1.0)[1]


def test_lower_casing_never_adds_or_removes_a_spaceless_script() -> None:
    """`quality_signals` decides from the text whether its lower-cased words need `word_units`."""
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert [c for c in chars if has_spaceless(c) != has_spaceless(c.lower())] == []


@pytest.mark.parametrize("text", ["", "word", "WORD.", "a" * 12_000, "国" * 5_000, "1,2;3" * 3_000,
                                  "ไทย" * 2_000 + " and more", ("Long line of words. " * 600).strip()])
def test_edge_texts_count_as_their_words(text: str) -> None:
    q = quality_signals(text, "en")
    assert q["n_words"] == count_words(text)
    assert 0.0 <= q["alpha_word_ratio"] <= 1.0 and 0.0 <= q["duplicate_5gram_ratio"] <= 1.0
