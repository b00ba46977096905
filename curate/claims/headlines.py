"""Title-case lines read as prose: "Rubio Thinks Joe Biden Was A Really Effective Senator".

The rules find cues by their lower-case form, so a capitalised "Thinks" or "Calls On" in a
headline is no verb to them. In a line where almost every word is capitalised, the verbs of
the cue lexicon and the function words are lower-cased again; names keep their capitals, so
sources are still found. Only the case of ASCII letters changes: every offset stays valid
for the original text.
"""

from __future__ import annotations

import re

from curate.claims import cues

_LINE = re.compile(r"[^\n]+")
# A word: `\b[A-Za-z][a-z’']*\b` with its letter before its word-start check (`(?<!\w[A-Za-z])`: no
# word character before the letter), so that the scan tests a boundary at letters only, not at
# every position: the same matches, and the title-case check 1.3-1.5x faster on the corpus's
# lines. Group 1: the word's first letter.
_WORD = re.compile(r"([A-Za-z])(?<!\w[A-Za-z])[a-z’']*\b")
_MIN_WORDS = 3
_TITLE_SHARE = 0.7
_FUNCTION_WORDS = frozenset(
    {
        "a", "an", "the", "that", "to", "of", "on", "in", "for", "with", "by", "at", "as", "from",
        "about", "and", "or", "but", "is", "are", "was", "were", "be", "been", "has", "have",
        "had", "will", "would", "could", "should", "may", "might", "not", "it", "his", "her",
        "their", "its", "he", "she", "they", "we", "who", "what", "if", "out", "up", "after",
        "over", "into", "against",
    }
)
_LOWER = frozenset(
    cues.ALL_VERBS | cues.INFINITIVE | {w for phrase in cues.PHRASAL for w in phrase.split()}
) | _FUNCTION_WORDS


def _is_title_case(line: str) -> bool:
    firsts = _WORD.findall(line)  # each word's first letter
    return len(firsts) >= _MIN_WORDS and sum(map(str.isupper, firsts)) >= _TITLE_SHARE * len(firsts)


def lower_headlines(text: str) -> str:
    """`text` with cue and function words lower-cased in its title-case lines, same length."""
    chars: list[str] | None = None
    for line in _LINE.finditer(text):
        if not _is_title_case(line.group()):
            continue
        for m in _WORD.finditer(text, line.start(), line.end()):
            word = m.group()
            low = word.lower()
            if word != low and low in _LOWER and not (m.start() == line.start() and low in _FUNCTION_WORDS):
                if chars is None:
                    chars = list(text)
                chars[m.start()] = low[0]
    return text if chars is None else "".join(chars)

