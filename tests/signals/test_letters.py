from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.signals.letters import ascii_letters, words_with_ascii_letters


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_counts_the_ascii_letters_of_any_text(text: str) -> None:
    assert ascii_letters(text) == (sum(c.isascii() and c.isalpha() for c in text),
                                   sum(c.isascii() and c.isupper() for c in text))


def test_edge_texts() -> None:
    assert ascii_letters("") == (0, 0)
    assert ascii_letters("Señor SMITH, 42") == (9, 6)
    assert ascii_letters("国务院\ud800Ωω") == (0, 0)
    assert ascii_letters("Ab" * 50_000) == (100_000, 50_000)


# Texts whose non-ASCII characters are no spaces: ASCII of every kind (the spaces `str.split` knows,
# \x1c-\x1f among them, and control characters) with letters, digits, marks and symbols of other scripts.
_NO_ODD_SPACES = st.text(st.one_of(st.characters(max_codepoint=0x7F),
                                   st.sampled_from(list("éßİ²½٣—£…”’€国Жไ\ud800"))), max_size=80)


@settings(max_examples=500, deadline=None)
@given(_NO_ODD_SPACES)
def test_counts_the_words_holding_an_ascii_letter(text: str) -> None:
    assert words_with_ascii_letters(text) == sum(any(c.isascii() and c.isalpha() for c in word) for word in text.split())


def test_words_with_ascii_letters_of_edge_texts() -> None:
    assert words_with_ascii_letters("") == 0
    assert words_with_ascii_letters("a") == words_with_ascii_letters(" a ") == 1
    assert words_with_ascii_letters("12 -- \x1ca\x1fb\x1d 3c") == 3
    assert words_with_ascii_letters("é 国 2,000 £5") == 0
    assert words_with_ascii_letters("word " * 20_000) == 20_000
