"""Normalize decoded text so that every later stage sees one canonical form.

Guarantees of `normalize_text`: mojibake and HTML entities repaired (ftfy), NFC, no control or
zero-width characters, `\\n` line endings, no space runs or trailing spaces inside lines, at most
one blank line between paragraphs, no leading or trailing blank lines. Nothing else changes: in
particular repeated words ("Send in e-mailSend in e-mail", a widget label flattened twice) are left
for the boilerplate stage to see and record.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

NAME = "normalize"
VERSION = 2  # 2: NFC before the mojibake check, so decomposed mojibake is repaired too

_LINE_BREAK_CHARS = "\u2028\u2029\x85\x0b\x0c"
_LINE_BREAKS = re.compile(f"[{_LINE_BREAK_CHARS}]")
# C0/C1 controls except \t and \n, zero-width characters, soft hyphen, BOM.
_INVISIBLE_CHARS = "\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_LINE_BREAK_OR_INVISIBLE = re.compile(f"[{_LINE_BREAK_CHARS}{_INVISIBLE_CHARS}]")
_ODD_SPACE = "\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_ODD_SPACE_CHAR = re.compile(f"[{_ODD_SPACE}]")
# Only what needs changing: a run of 2+ spaces, or any space that is not U+0020.
_SPACES = re.compile(f"[{_ODD_SPACE}][ {_ODD_SPACE}]*| [ {_ODD_SPACE}]+")
_SPACE_AROUND_NEWLINE = re.compile(r" \n ?|\n ")
_BLANK_RUNS = re.compile(r"\n{3,}")
# UTF-8 lead byte then continuation byte, both read as cp1252/Latin-1 ("Ã©", "â€™", "Â£"): the
# mark of mojibake. Cheap to search; ftfy's own detector runs only when this matches.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")


def looks_mojibaked(text: str) -> bool:
    """Whether `text` shows UTF-8 read as a legacy code page: the cheap hint, then ftfy's detector."""
    return not text.isascii() and bool(_MOJIBAKE_HINT.search(text)) and is_bad(text)


def normalize_text(text: str) -> str:
    """Return the canonical form of `text` (see the module docstring)."""
    # NFC first: mojibake stored decomposed ("A" + U+0303 + "©") only shows as "Ã©" once composed.
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # ftfy costs ~1 ms a document: call it only when its own mojibake detector, or an HTML
    # entity, says there is something to fix; the rest of its work is done below, cheaply.
    if _ENTITY.search(text) or looks_mojibaked(text):
        text = ftfy.fix_text(text, unescape_html=True, uncurl_quotes=False, normalization="NFC")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each rule runs only where it can match: most texts need none of them, and a substring or a
    # one-class search to tell costs a third of a substitution's scan, or much less. Every
    # character the line-break, invisible and odd-space rules look for is unprintable: when the
    # lines are all printable (most texts; `isprintable` is a fifth of a class search) neither
    # class is searched.
    unprintable = not text.replace("\n", "").isprintable()
    if unprintable and _LINE_BREAK_OR_INVISIBLE.search(text):
        text = _LINE_BREAKS.sub("\n", text)
        text = _INVISIBLE.sub("", text)
    if "  " in text or (unprintable and _ODD_SPACE_CHAR.search(text)):
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text:
        text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    if "\n\n\n" in text:
        text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()
