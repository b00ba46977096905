"""Gopher- and C4-style quality signals of a clean text, computed in one cheap pass.

Signals only measure; `curate.policy` decides. Thresholds quoted in the schema's descriptions
are the Gopher paper's (Rae et al. 2021) and C4's (Raffel et al. 2020). Words are counted by
`curate.signals.words`, which also estimates the words of scripts written without spaces; the
word n-grams of those scripts are taken over characters, with n scaled to span as many
characters as n words would.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import compress
from typing import Any

from curate.boilerplate.tables import without_table_markup
from curate.signals.letters import ascii_letters, words_with_ascii_letters
from curate.signals.words import count_words, has_spaceless, word_units

NAME = "quality"
# 2: words of scripts without spaces (Chinese, Japanese, Thai, ...) counted
# 3: sentence ends of other scripts (。！？ । ؟ ...); duplicate_line_ratio; curly_bracket_ratio
# 4: a Markdown table's bars and separator row are not words (the cells are)
VERSION = 4

# A word with no letter in any script (every character a digit, `_` or punctuation), with the
# space before it: searched in " " + text. Starting at a space, not behind a look-behind, lets the
# regex engine skip ahead to the next space instead of trying every position.
_LETTERLESS_WORD = re.compile(r"\s(?:[^\s\w]|[\d_])+(?!\S)")
_LETTERLESS_CHAR = re.compile(r"[^\s\w]|[\d_]")  # what a letterless word is made of
# Sentence ends: Latin-style marks (and the Arabic, Urdu, Devanagari, Armenian, Myanmar, Ethiopic and
# Khmer ones) end a sentence before a space; the CJK full stops end one wherever they stand. One
# leading character class (the two kinds told apart after it) lets the engine skip to candidates.
_CLOSERS = "\"'”’)\\]」』）】"
_CJK_STOPS = "。！？｡"
_SENTENCE_END = re.compile(f"[.!?…؟۔।॥։။።។{_CJK_STOPS}]"
                           f"(?:(?<=[{_CJK_STOPS}])[{_CLOSERS}]*|[{_CLOSERS}]*(?=\\s|$))")
_TERMINAL = re.compile(f"[.!?…؟۔।॥։။።។。！？｡{_CLOSERS}]$")
_BULLET = re.compile(r"^\s*(?:[-*•‣▪●◦–]|\d+[.)])\s")
# The Gopher "stop words" plus the most frequent English function words.
STOPWORDS = {
    "en": frozenset("the be to of and that have with a in is it for on as was are by this at from "
                    "or an but not they he she we you his her their its has had were said will "
                    "would there which who been also".split()),
}


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _non_ascii(text: str) -> Counter[str]:
    """How often each non-ASCII character occurs in `text`: the counts below judge each once."""
    return Counter() if text.isascii() else Counter(_NON_ASCII.findall(text))


def _letter_counts(text: str, non_ascii: Counter[str]) -> tuple[int, int]:
    """(letters, upper-case letters): ASCII letters by counting bytes (most letters of most text),
    the others (`non_ascii`, `_non_ascii(text)`) once each per distinct character."""
    letters, upper = ascii_letters(text)
    for char, times in non_ascii.items():
        letters += times if char.isalpha() else 0
        upper += times if char.isupper() else 0
    return letters, upper


def _letterless_words(text: str, n_tokens: int, non_ascii: Iterable[str]) -> int:
    """How many of the `n_tokens` whitespace-separated words of `text` hold no letter
    (`_LETTERLESS_WORD`). When every non-ASCII character of `text` (`non_ascii`) is one such a word
    may hold (most text: English with its quotes, dashes and currency signs), a word has a letter
    exactly when it has an ASCII one, and those are counted on bytes: a sixth of the regex's cost."""
    if all(map(_LETTERLESS_CHAR.fullmatch, non_ascii)):
        return n_tokens - words_with_ascii_letters(text)
    return len(_LETTERLESS_WORD.findall(" " + text))


def _repeated_chars(parts: list[str]) -> int:
    """Characters of the `parts` that repeat an earlier part (Gopher's duplicate line / paragraph
    character fraction, before dividing)."""
    seen: set[str] = set()
    repeated = 0
    for part in parts:
        if part in seen:
            repeated += len(part)
        seen.add(part)
    return repeated


def _grams(units: list[str], n: int) -> zip[tuple[str, ...]]:
    return zip(*(units[i:] for i in range(n)))


def _ngram_signals(units: list[str], units_per_word: float) -> tuple[float, float]:
    """(top 2-gram char share, duplicated 5-gram char share), Gopher's repetition measures, over
    lower-cased word `units`; n-grams span 2 and 5 words' worth of units (a unit is a word, or a
    character of a script without spaces)."""
    total = sum(map(len, units))
    two, five = max(2, round(2 * units_per_word)), max(5, round(5 * units_per_word))
    if total == 0 or len(units) < five:
        return 0.0, 0.0
    pairs = list(_grams(units, two))
    counts = Counter(pairs)
    most = max(counts.values())
    if most == 1:  # no 2-gram repeats, so no 5-gram does
        return 0.0, 0.0
    # The first 2-gram of the most frequent ones, as `most_common(1)` picks it.
    top_share = min(1.0, most * sum(map(len, next(g for g, c in counts.items() if c == most))) / total)
    # A 5-gram that occurs twice is made of 2-grams that all do: only a 5-gram starting a run of
    # `span` repeated 2-grams can (most text has few such runs, and no 5-gram is counted outside them).
    span = five - two + 1
    repeated = bytes(map((1).__lt__, map(counts.__getitem__, pairs)))
    starts = [i for run in _runs(span).finditer(repeated) for i in range(run.start(), run.end() - span + 1)]
    return top_share, _duplicated_share(units, five, starts, total)


@cache
def _runs(length: int) -> re.Pattern[bytes]:
    """Runs of at least `length` ones (repeated 2-grams) in bytes of ones and zeros."""
    return re.compile(b"\x01{%d,}" % length)


def _duplicated_share(units: list[str], five: int, starts: list[int], total: int) -> float:
    """The share of the `total` characters of `units` that lie in a 5-gram (of `five` units) that
    occurs twice, among the 5-grams at `starts` (every other one occurs once)."""
    grams = [tuple(units[i:i + five]) for i in starts]
    counts = Counter(grams)
    if len(counts) == len(grams):  # the common case: none repeats
        return 0.0
    covered = bytearray(len(units))
    for i, gram in zip(starts, grams):
        if counts[gram] > 1:
            covered[i:i + five] = b"\x01" * five
    return sum(map(len, compress(units, covered))) / total


def quality_signals(text: str, language: str) -> dict[str, Any]:
    """The schema's `quality` struct for `text`; a data table counts by its cells, not its markup
    (`n_chars` is still the length of `text`)."""
    n_chars = len(text)
    text = without_table_markup(text)
    # Lower-cased once; lower() keeps lengths for all but a handful of characters.
    lowered = text.lower()
    words = lowered.split()
    n_word_chars = sum(map(len, words))
    if has_spaceless(text):
        n_words, units = count_words(text), word_units(lowered)
    else:  # what the two give then (lower-casing moves no space): split once
        n_words, units = len(words), words
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    non_ascii = _non_ascii(text)
    n_letters, n_upper = _letter_counts(text, non_ascii)
    stops = STOPWORDS.get(language)
    top_2gram, dup_5gram = _ngram_signals(units, len(units) / max(n_words, 1))
    per_word = max(n_words, 1)
    per_line = max(len(lines), 1)
    return {
        "n_chars": n_chars,
        "n_words": n_words,
        "n_paragraphs": len(paragraphs),
        "n_sentences": len(_SENTENCE_END.findall(text)),
        "mean_word_length": n_word_chars / per_word,
        "alpha_word_ratio": (n_words - _letterless_words(text, len(words), non_ascii)) / per_word,
        "stopword_ratio": (sum(map(stops.__contains__, words)) / per_word) if stops else 0.0,
        "symbol_ratio": (text.count("#") + text.count("...") + text.count("…")) / per_word,
        "bullet_line_ratio": sum(1 for line in lines if _BULLET.match(line)) / per_line,
        "ellipsis_line_ratio": sum(1 for line in lines if line.rstrip().endswith(("...", "…"))) / per_line,
        "terminal_punct_ratio": sum(1 for p in paragraphs if _TERMINAL.search(p.rstrip())) / max(len(paragraphs), 1),
        "uppercase_ratio": n_upper / max(n_letters, 1),
        "duplicate_paragraph_ratio": _repeated_chars(paragraphs) / max(len(text), 1),
        "duplicate_line_ratio": _repeated_chars(lines) / max(len(text), 1),
        "top_2gram_ratio": top_2gram,
        "duplicate_5gram_ratio": dup_5gram,
        "has_curly_bracket": "{" in text,
        "curly_bracket_ratio": (text.count("{") + text.count("}")) / per_word,
        "has_lorem_ipsum": "lorem ipsum" in lowered,
    }
