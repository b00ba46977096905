"""Words and shingles: what copies differ by folds away, what tells articles apart stays."""

from __future__ import annotations

import unicodedata

import numpy as np
import xxhash
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.dedup import shingles
from curate.dedup.hashing import combine
from curate.dedup.shingles import _NO_SPACE_SCRIPTS, shingle_hashes, words


def test_case_punctuation_and_spaces_fold_away():
    assert words("“Don’t” —  STOP,\tnow!\u00a0Ok.") == words('"don\'t" - stop, now! ok') == [
        b"don", b"t", b"stop", b"now", b"ok"]


def test_every_digit_becomes_zero_but_length_stays():
    assert words("Profits rose 12.5% in 2005") == words("profits rose 17.9% in 2095")
    assert words("in 2005") != words("in 205")
    assert words("٣ apples") == words("3 apples")  # digits of any script


def test_compatibility_forms_fold_and_accents_stay():
    assert words("ＡＢＣ ﬁnance") == [b"abc", b"finance"]
    assert words("Café") == ["café".encode()] != words("cafe")
    assert words("Straße") == words("STRASSE")


def test_marks_stay_inside_their_word():
    assert words("हिन्दी भाषा") == ["हिन्दी".encode(), "भाषा".encode()]


def test_scripts_without_spaces_give_one_word_per_character():
    assert words("東京都で") == [c.encode() for c in "東京都で"]
    assert words("ภาษา") == [c.encode() for c in "ภาษา"]


def _words_char_by_char(text: str) -> list[bytes]:
    """The folding rule written out one character at a time, as the module docstring states it."""
    out = []
    for char in unicodedata.normalize("NFKC", text.casefold()):
        if char.isascii():
            out.append(char.lower() if char.isalpha() else "0" if char.isdigit() else " ")
        elif char.isdigit():
            out.append("0")
        elif any(low <= ord(char) <= high for low, high in _NO_SPACE_SCRIPTS):
            out.append(f" {char} ")
        elif char.isalnum() or unicodedata.category(char)[0] == "M":
            out.append(char)
        else:
            out.append(" ")
    return "".join(out).encode("utf-8").split()


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",)), max_size=120))
def test_words_are_the_rule_applied_to_each_character(text: str) -> None:
    """Short runs (remembered), long runs and the translation table all fold as the rule says."""
    assert words(text) == _words_char_by_char(text)
    assert words(text * 3) == _words_char_by_char(text * 3)


def test_a_text_of_many_distinct_characters_folds_as_the_rule_says_in_a_bounded_table(monkeypatch) -> None:
    """Past its size the fold table remembers nothing more, and what it no longer remembers still
    folds by the rule."""
    monkeypatch.setattr(shingles, "_FOLD", shingles._FoldTable())
    monkeypatch.setattr(shingles, "_FOLD_TABLE_SIZE", 50)
    text = "".join(chr(code) for code in range(0x400, 0x400 + 3_000))  # Cyrillic and on: 3,000 code points
    assert words(text + " " + text) == _words_char_by_char(text + " " + text)
    assert len(shingles._FOLD) == 50


def test_text_without_words():
    assert words("") == words(" \n\t.,;!? — …") == []
    assert shingle_hashes([], 5, 1).size == 0


def test_short_text_is_one_shingle_of_all_its_words():
    assert shingle_hashes(words("Advertisement"), 5, 1).size == 1
    assert shingle_hashes(words("four words in all"), 5, 1).size == 1
    assert np.array_equal(shingle_hashes(words("Read more"), 5, 1), shingle_hashes(words("READ MORE!"), 5, 1))
    assert shingle_hashes(words("six words make two shingles here"), 5, 1).size == 2


def test_order_and_seed_matter():
    forward, backward = words("one two three four five"), words("five four three two one")
    assert shingle_hashes(forward, 5, 1)[0] != shingle_hashes(backward, 5, 1)[0]
    assert shingle_hashes(forward, 5, 1)[0] != shingle_hashes(forward, 5, 2)[0]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_words_without_separators(text):
    for word in words(text):
        assert word and not any(c.isspace() for c in word.decode("utf-8"))
    assert words(text) == words(" \t ".join(text.split()))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.binary(max_size=12), max_size=30), st.integers(1, 6), st.integers(0, 2**64 - 1))
def test_a_shingle_hashes_its_words_xxh3_with_the_seed(tokens: list[bytes], ngram: int, seed: int) -> None:
    """The hashes stored signatures are made of: xxh3-64 of each word with the seed, combined."""
    if not tokens:
        assert shingle_hashes(tokens, ngram, seed).size == 0
        return
    hashes = np.array([xxhash.xxh3_64_intdigest(token, seed) for token in tokens], dtype=np.uint64)
    width = min(ngram, len(tokens))
    count = len(tokens) - width + 1
    expected = combine([hashes[offset:offset + count] for offset in range(width)])
    assert np.array_equal(shingle_hashes(tokens, ngram, seed), expected)
