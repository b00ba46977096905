from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from curate.claims.headlines import _WORD, lower_headlines


def test_verbs_and_function_words_of_a_title_case_line_are_lower_cased() -> None:
    text = "Rubio Thinks Biden Was A Really Effective Senator\nRubio Thinks so."
    assert lower_headlines(text) == "Rubio thinks Biden was a Really Effective Senator\nRubio Thinks so."


def test_prose_and_capitals_inside_words_are_left_alone() -> None:
    text = "The USA Says Little.\nA quiet day in Paris, where Officials Say nothing."
    assert lower_headlines(text) == "The USA says Little.\nA quiet day in Paris, where Officials Say nothing."


def test_a_line_opening_function_word_keeps_its_capital() -> None:
    assert lower_headlines("The Senator Says No") == "The Senator says No"


_PIECES = st.sampled_from(["Says ", "The ", "To ", "A", "a", "İ", "ı", "ß", "’", "'", "\n", ".", " ", "Shé "])


@given(st.lists(_PIECES).map("".join))
def test_only_the_case_of_ascii_letters_changes(text: str) -> None:
    out = lower_headlines(text)
    assert len(out) == len(text)
    assert all(a == b or (a.isascii() and a.lower() == b) for a, b in zip(text, out))


@given(st.one_of(st.text(), st.lists(_PIECES | st.sampled_from(["x_y", "3rd", "U.S.", "McD", "don’t", "é"])).map("".join)))
def test_the_word_pattern_finds_the_words_of_the_plain_one(text: str) -> None:
    """`_WORD` puts the letter before the word-start check for speed; it must match what
    `\\b[A-Za-z][a-z’']*\\b` matches, and its group is the first letter."""
    plain = re.compile(r"\b[A-Za-z][a-z’']*\b")
    assert [m.span() for m in _WORD.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert all(m.group(1) == m.group()[0] for m in _WORD.finditer(text))
