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

NAME = "normalize"
VERSION = 1

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
# C0/C1 controls except \t and \n, zero-width characters, soft hyphen, BOM.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u00ad\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SPACE_AROUND_NEWLINE = re.compile(r" ?\n ?")
_BLANK_RUNS = re.compile(r"\n{3,}")
_ENTITY = re.compile(r"&(?:#\d{2,7}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")


def normalize_text(text: str) -> str:
    """Return the canonical form of `text` (see the module docstring)."""
    # ftfy is the expensive step: pure ASCII without entities has nothing for it to fix.
    if not text.isascii() or _ENTITY.search(text):
        text = ftfy.fix_text(text, unescape_html=True, uncurl_quotes=False, normalization="NFC")
    elif not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()
