"""Writing-system check for `other_language` lines, by Unicode block only.

Why by script: a Hebrew alt text or a Cyrillic caption in an English page is told apart with
one regex scan, no language identification, and a Spanish or German document (Latin script like
English) is never flagged for being Spanish or German.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

# Letter ranges of each script this check knows; letters of other scripts are never "foreign".
SCRIPTS: dict[str, str] = {
    "latin": "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff",
    "greek": "\u0370-\u03ff\u1f00-\u1fff",
    "cyrillic": "\u0400-\u052f",
    "armenian": "\u0531-\u0587",
    "hebrew": "\u05d0-\u05ea\ufb1d-\ufb4f",
    "arabic": "\u0620-\u064a\u066e-\u06d3\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc",
    "devanagari": "\u0900-\u097f",
    "bengali": "\u0980-\u09ff",
    "gurmukhi": "\u0a00-\u0a7f",
    "gujarati": "\u0a80-\u0aff",
    "tamil": "\u0b80-\u0bff",
    "telugu": "\u0c00-\u0c7f",
    "kannada": "\u0c80-\u0cff",
    "malayalam": "\u0d00-\u0d7f",
    "thai": "\u0e00-\u0e7f",
    "georgian": "\u10a0-\u10ff",
    "ethiopic": "\u1200-\u137f",
    "hangul": "\u1100-\u11ff\u3130-\u318f\uac00-\ud7af",
    "kana": "\u3040-\u30ff\u31f0-\u31ff",
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
}

# Languages not written in Latin script; every other language code is taken to be Latin.
LANGUAGE_SCRIPTS: dict[str, frozenset[str]] = {
    **dict.fromkeys(("ru", "uk", "bg", "be", "mk", "kk", "ky", "mn", "tg"), frozenset({"cyrillic"})),
    "sr": frozenset({"cyrillic", "latin"}),
    **dict.fromkeys(("he", "iw", "yi"), frozenset({"hebrew"})),
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ckb", "sd", "ug"), frozenset({"arabic"})),
    "el": frozenset({"greek"}),
    "hy": frozenset({"armenian"}),
    "ka": frozenset({"georgian"}),
    **dict.fromkeys(("hi", "mr", "ne", "sa"), frozenset({"devanagari"})),
    **dict.fromkeys(("bn", "as"), frozenset({"bengali"})),
    "pa": frozenset({"gurmukhi"}),
    "gu": frozenset({"gujarati"}),
    "ta": frozenset({"tamil"}),
    "te": frozenset({"telugu"}),
    "kn": frozenset({"kannada"}),
    "ml": frozenset({"malayalam"}),
    "th": frozenset({"thai"}),
    **dict.fromkeys(("am", "ti"), frozenset({"ethiopic"})),
    "ja": frozenset({"han", "kana"}),
    "zh": frozenset({"han"}),
    "ko": frozenset({"hangul", "han"}),
}
_LATIN = frozenset({"latin"})
# Scripts written together: a document found to be mostly Han may be Japanese (or Korean).
_SCRIPT_FAMILIES = {
    "han": frozenset({"han", "kana", "hangul"}),
    "kana": LANGUAGE_SCRIPTS["ja"],
    "hangul": LANGUAGE_SCRIPTS["ko"],
}
_UNKNOWN = {"", "und", "unknown", "xx", "zxx", "mul"}
_LETTER = re.compile(r"[^\W\d_]")
_ADDRESS = re.compile(r"\S*@\S+|\S+://\S+|www\.\S+")
_SCRIPT_LETTERS = {name: re.compile(f"[{ranges}]") for name, ranges in SCRIPTS.items()}


def document_scripts(language: str, lines: Sequence[str]) -> frozenset[str]:
    """The scripts the document's own text is written in: from its language code, or, when the
    code is missing, from the script with the most letters in the document."""
    code = (language or "").lower().replace("_", "-").split("-")[0]
    if code not in _UNKNOWN:
        return LANGUAGE_SCRIPTS.get(code, _LATIN)
    text = "\n".join(lines)
    counts = {name: len(pattern.findall(text)) for name, pattern in _SCRIPT_LETTERS.items()}
    best = max(counts, key=counts.__getitem__)
    return _SCRIPT_FAMILIES.get(best, frozenset({best})) if counts[best] else _LATIN


@lru_cache(maxsize=64)
def foreign_letters(scripts: frozenset[str]) -> re.Pattern[str]:
    """A character class of the letters of every known script outside `scripts`."""
    return re.compile("[" + "".join(r for name, r in SCRIPTS.items() if name not in scripts) + "]")


def is_foreign(line: str, foreign: re.Pattern[str]) -> bool:
    """True when at least 4/5 of the line's letters (and at least 2) are in a foreign script.

    Handles, e-mail addresses and URLs are Latin in every language, so they are not counted;
    a line's first 200 characters tell its script.
    """
    line = line[:200]
    if "@" in line or "/" in line:
        line = _ADDRESS.sub("", line)
    count = len(foreign.findall(line))
    return count >= 2 and 5 * count >= 4 * len(_LETTER.findall(line))
