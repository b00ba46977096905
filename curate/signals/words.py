"""Word counts that hold for scripts written without spaces.

Chinese, Japanese, Thai, Lao, Khmer and Myanmar put no space between words (Thai, Lao, Khmer and
Myanmar put one between phrases), so `str.split()` counts a paragraph as one word and every such
article looks too short. Segmenting them properly takes a dictionary per language (jieba, MeCab,
PyThaiNLP) and milliseconds per document; a count only needs to be close. So a run of one of
these scripts counts as its characters divided by the script's measured characters per word,
and everything else counts as before: one word per whitespace-separated token. Latin, Cyrillic,
Arabic, Hangul (Korean writes spaces) and the rest are unchanged.

The characters per word are measured against a segmenter on real text (`benchmarks/words.py`
says how, BENCHMARKS.md gives the figures). Han characters are words of about 1.5 characters in
Chinese but part of shorter units in Japanese, where kana particles and endings are words of
their own; a text whose CJK characters are at least `JAPANESE_KANA_SHARE` kana is counted with the
Japanese ratios.

>>> count_words("The council met.")
3
>>> count_words("国务院总理李强主持召开国务院常务会议。")
12
"""

from __future__ import annotations

import re

# Characters of each script that writes without spaces (its sentence punctuation excluded: it is
# no part of a word).
SCRIPTS: dict[str, str] = {
    "han": "\u3005\u3007\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f",
    "hiragana": "\u3041-\u309f",
    "katakana": "\u30a1-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f",
    "thai": "\u0e01-\u0e4e\u0e50-\u0e59",
    "lao": "\u0e81-\u0edf",
    "khmer": "\u1780-\u17d3\u17d7\u17dc-\u17dd\u17e0-\u17e9\u19e0-\u19ff",
    "myanmar": "\u1000-\u1049\u104c-\u109f\ua9e0-\ua9ff\uaa60-\uaa7f",
}
# Characters per word, fitted on segmented real text (benchmarks/words.py): jieba (zh), MeCab with
# unidic-lite (ja), PyThaiNLP newmm (th), khmer-nltk (km); myPOS's hand segmentation (my, no
# segmenter installs). Lao has no running text to measure here: Thai's ratio scaled by the two
# languages' mean dictionary word length (laonlp's 6.04 characters, PyThaiNLP's 7.83).
CHARS_PER_WORD: dict[str, float] = {
    "han": 1.83,
    "han_japanese": 1.78,
    "hiragana": 1.44,
    "katakana": 3.92,
    "thai": 4.69,
    "lao": 3.62,
    "khmer": 4.23,
    "myanmar": 5.41,
}
JAPANESE_KANA_SHARE = 0.05

_CLASSES = {name: re.compile(f"[{chars}]") for name, chars in SCRIPTS.items()}
_SPACELESS_RUN = re.compile(f"[{''.join(SCRIPTS.values())}]+")
# One character is enough to tell, and a search for one is twice as fast as for a run.
_SPACELESS_CHAR = re.compile(f"[{''.join(SCRIPTS.values())}]")
_WORD_CHAR = re.compile(r"\w")


def has_spaceless(text: str) -> bool:
    """Whether `text` holds a character of a script written without spaces. Lower-casing never
    changes the answer (these scripts have no case, and no cased letter lower-cases into them)."""
    return not text.isascii() and _SPACELESS_CHAR.search(text) is not None


def script_chars(text: str) -> dict[str, int]:
    """Characters of each spaceless script in `text` (scripts with none left out)."""
    counts = {name: len(pattern.findall(text)) for name, pattern in _CLASSES.items()}
    return {name: n for name, n in counts.items() if n}


def chars_per_word(counts: dict[str, int]) -> dict[str, float]:
    """The ratio for each script in `counts`: Han's is Japanese when kana are a large enough share."""
    kana = counts.get("hiragana", 0) + counts.get("katakana", 0)
    japanese = kana >= JAPANESE_KANA_SHARE * (kana + counts.get("han", 0)) and kana > 0
    return {name: CHARS_PER_WORD["han_japanese" if name == "han" and japanese else name] for name in counts}


def _plain_pieces(token: str) -> int:
    """Pieces of a token between its spaceless runs that hold a letter or digit ("iPhone" in
    "iPhoneを買った", "2024" in "2024年"): each is a word."""
    return sum(1 for piece in _SPACELESS_RUN.split(token) if _WORD_CHAR.search(piece))


def count_words(text: str) -> int:
    """Whitespace-separated tokens, with each spaceless-script run counted as the words it holds
    (estimated from its characters). Exactly `len(text.split())` for text without such scripts."""
    if not has_spaceless(text):
        return len(text.split())
    plain = 0
    for token in text.split():
        plain += _plain_pieces(token) if _SPACELESS_RUN.search(token) else 1
    counts = script_chars(text)
    ratios = chars_per_word(counts)
    estimate = sum(n / ratios[name] for name, n in counts.items())
    return plain + max(1, round(estimate))


def word_units(text: str) -> list[str]:
    """The units word n-grams are taken over: whitespace-separated tokens, each spaceless-script
    character standing alone (its words are not known) and the pieces between them whole."""
    if not has_spaceless(text):
        return text.split()
    units: list[str] = []
    for token in text.split():
        if not _SPACELESS_RUN.search(token):
            units.append(token)
            continue
        position = 0
        for run in _SPACELESS_RUN.finditer(token):
            if _WORD_CHAR.search(token[position:run.start()]):
                units.append(token[position:run.start()])
            units.extend(run.group())
            position = run.end()
        if _WORD_CHAR.search(token[position:]):
            units.append(token[position:])
    return units
