"""Words of a document as near-duplicate detection sees them, and their hashed word n-grams.

The text given is curate's normalized kept text (NFC, mojibake and entities repaired, `\\n`
line endings, whitespace folded, boilerplate lines removed). On top of that, what copies of one
article differ by must not change a word, and what tells two articles apart must:

- case is folded (`casefold`), and NFKC folds compatibility forms (full-width letters,
  ligatures, superscript digits): a headline in capitals or a re-encoded page is the same text;
- punctuation, symbols and every kind of space separate words and are otherwise dropped, so
  curly and straight quotes, dashes, a doubled space, a tab or an NBSP change nothing;
- every digit becomes `0` (so `2005` and `2095` are one word; `12` and `120` are not): copies
  that differ only in a figure are near-copies (updated counts, the scaled corpus's rewritten
  numbers), while two articles rarely differ *only* in their numbers over five-word spans;
- accents and other combining marks are kept: NFC already composed them, so they never split a
  word, and in Indic or Arabic scripts they belong to the word;
- scripts written without spaces (Thai, Lao, Myanmar, Khmer, Han, kana) give one word per
  character, else a whole sentence would be one word.

Tokens are UTF-8 bytes: `xxhash` hashes them without a second encoding. Pure ASCII text (most
English) takes a fast path through `bytes.translate`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from itertools import repeat

import numpy as np
import xxhash

from curate.dedup.hashing import combine

# ASCII bytes: letters lower-cased, digits to "0", everything else a space; bytes >= 0x80
# (UTF-8 of the characters already folded by `_fold_chars`) unchanged.
_ASCII_FOLD = bytes(
    (ord(chr(b).lower()) if chr(b).isalpha() else ord("0") if chr(b).isdigit() else ord(" ")) if b < 0x80 else b
    for b in range(256)
)
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")
PIECE_CHARS = 1 << 20
_NO_SPACE_SCRIPTS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x3040, 0x30FF),
                     (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x3134F))


def words(text: str) -> list[bytes]:
    """The words of `text` after folding (see the module docstring), as UTF-8 bytes."""
    if text.isascii():
        data = text.encode("ascii")
    else:
        text = unicodedata.normalize("NFKC", text.casefold())
        data = _NON_ASCII_RUN.sub(_folded_run, text.encode("utf-8"))
    return data.translate(_ASCII_FOLD).split()


def text_shingles(text: str, ngram: int, seed: int) -> Iterator[np.ndarray]:
    """The `shingle_hashes` of the words of `text`, in pieces: a long text (up to the 1 GiB a
    document may be) is cut at whitespace every `PIECE_CHARS` characters, the last `ngram - 1`
    words of a piece carried into the next, so its words are never all in memory at once and its
    n-grams are those of the whole text."""
    if len(text) <= PIECE_CHARS:
        yield shingle_hashes(words(text), ngram, seed)
        return
    carried: list[bytes] = []
    start, produced = 0, False
    while start < len(text):
        end = min(start + PIECE_CHARS, len(text))
        if end < len(text):
            cut = max(text.rfind(" ", start, end), text.rfind("\n", start, end))
            end = cut + 1 if cut > start else end  # no space at all: cut inside a word
        tokens = carried + words(text[start:end])
        start = end
        if len(tokens) >= ngram:
            yield shingle_hashes(tokens, ngram, seed)
            produced, tokens = True, tokens[len(tokens) - ngram + 1:]
        carried = tokens
    if not produced:  # fewer than `ngram` words in all
        yield shingle_hashes(carried, ngram, seed)


def shingle_hashes(tokens: list[bytes], ngram: int, seed: int) -> np.ndarray:
    """64-bit hashes of the word `ngram`-grams of `tokens` (uint64, one per position).

    A text of fewer than `ngram` words (but at least one) gives one shingle of all its words, so
    two identical short texts still match; no words, no shingles.
    """
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    # map() with the seed as a positional argument: no Python frame per word (a generator's frame
    # was a fifth of a signature's cost).
    word_hashes = np.fromiter(map(xxhash.xxh3_64_intdigest, tokens, repeat(seed)), dtype=np.uint64, count=len(tokens))
    width = min(ngram, len(tokens))
    count = len(tokens) - width + 1
    return combine([word_hashes[offset:offset + count] for offset in range(width)])


_FOLD_TABLE_SIZE = 1 << 16  # characters remembered: every script's letters fit, a text of every code point does not


class _FoldTable(dict[int, str]):
    """`str.translate`'s table for characters outside ASCII, each worked out (`_fold_char`) the
    first time it is met: the translation then runs in C, where a Python call per character of a
    page of Chinese or Arabic was most of its signature's cost. Once full it remembers no more, so
    a text made of a million distinct code points cannot grow a worker for the rest of its life."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < _FOLD_TABLE_SIZE:
            self[code] = folded
        return folded


def _fold_char(char: str) -> str:
    """A separator becomes a space, a digit `0`, and a character of a script without spaces
    stands alone."""
    if char.isdigit():
        return "0"
    if _without_spaces(ord(char)):
        return f" {char} "
    if char.isalnum() or unicodedata.category(char)[0] == "M":
        return char
    return " "


_FOLD = _FoldTable()


def _fold_chars(run: bytes) -> bytes:
    """A run of non-ASCII characters, folded character by character (`_fold_char`)."""
    return run.decode("utf-8").translate(_FOLD).encode("utf-8")


# The same few short runs (£, ’, —, é) recur in every document of a language written in Latin
# letters: remembered. Long ones (a sentence of Chinese) are not, so the cache stays small.
_fold_short_run = lru_cache(maxsize=1 << 14)(_fold_chars)


def _folded_run(match: re.Match[bytes]) -> bytes:
    run = match.group()
    return _fold_short_run(run) if len(run) <= 16 else _fold_chars(run)


def _without_spaces(code: int) -> bool:
    return any(low <= code <= high for low, high in _NO_SPACE_SCRIPTS)
