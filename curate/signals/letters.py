"""ASCII letters of a text counted on its UTF-8 bytes: a `bytes.translate` per count, where a
regex or a `str` method per character costs ten to fifty times more. Every byte of a non-ASCII
character is 0x80 or above, so the bytes counted are exactly the text's ASCII letters.

>>> ascii_letters("Señor SMITH, 42")
(9, 6)
"""

from __future__ import annotations

_UPPER = bytes(range(65, 91))
_LETTERS = _UPPER + bytes(range(97, 123))
# The ASCII characters `str.split` splits words on (and the regex `\s` matches).
_SPACES = b" \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"
_LETTERS_AND_SPACES = bytes.maketrans(_LETTERS + _SPACES, b"a" * len(_LETTERS) + b" " * len(_SPACES))
_NEITHER = bytes(sorted(set(range(256)).difference(_LETTERS + _SPACES)))


def ascii_letters(text: str) -> tuple[int, int]:
    """(ASCII letters, ASCII upper-case letters) of `text`; lone surrogates are allowed."""
    data = text.encode("utf-8", "surrogatepass")
    return len(data) - len(data.translate(None, _LETTERS)), len(data) - len(data.translate(None, _UPPER))


def words_with_ascii_letters(text: str) -> int:
    """How many whitespace-separated words of `text` hold an ASCII letter, for a text whose
    non-ASCII characters are no spaces (the caller's to check: their bytes are dropped here). On the
    UTF-8 bytes, letters made "a", spaces " " and the rest deleted, each such word is one run of
    "a" at the start or after a space.

    >>> words_with_ascii_letters("On 12 May — 3,000 £5 notes…")
    3
    """
    marked = text.encode("utf-8", "surrogatepass").translate(_LETTERS_AND_SPACES, _NEITHER)
    return marked.count(b" a") + marked.startswith(b"a")
