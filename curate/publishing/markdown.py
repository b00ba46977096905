"""Markdown that values cannot break out of, for the dataset card.

Publisher names, input file names, languages, reasons and config text come from scraped pages
or from whoever wrote the config; in the card they are text, never markup. `text` turns HTML
into entities (`<`, `>`, `&`), backslash-escapes the Markdown punctuation that starts code,
emphasis, links, tables, math or a heading, and the line-start markers of lists and quotes, and
turns line breaks and control characters into spaces, so a value stays on its line and in its
table cell. What the card writes itself is `Markdown` and goes in as it is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_PUNCTUATION = "\\`*_[]|~#$"
_BREAKS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_LINE_START = re.compile(r"^(\d*)([-+=.)])(?=[\s=-]|$)")  # a list item, a rule, an underline
_CODE_SAFE = re.compile(r"[^`|<>&\\\s]+( [^`|<>&\\\s]+)*")  # shows as itself in a code span


class Markdown(str):
    """Markup the card wrote itself, inserted as it is."""


def one_line(value: object) -> str:
    """`value` as a string on one line: line breaks and control characters become spaces, lone
    surrogates U+FFFD (they cannot be written as UTF-8)."""
    return _SURROGATES.sub("\ufffd", _BREAKS.sub(" ", str(value))).strip()


def text(value: object) -> Markdown:
    """`value` as literal text on one line: it renders as itself and cannot start any markup."""
    plain = one_line(value)
    escaped = "".join(_ENTITIES.get(c) or (f"\\{c}" if c in _PUNCTUATION else c) for c in plain)
    return Markdown(_LINE_START.sub(r"\1\\\2", escaped))


def paragraphs(value: str) -> Markdown:
    """Prose as text, its blank-line-separated paragraphs kept."""
    return Markdown("\n\n".join(text(p) for p in re.split(r"\n\s*\n", value) if p.strip()))


def code(value: object) -> Markdown:
    """`value` as inline code when it holds nothing a code span would show wrongly; else as text."""
    plain = str(value)
    return Markdown(f"`{plain}`") if _CODE_SAFE.fullmatch(plain) else text(plain)


def fenced(body: str, language: str = "") -> Markdown:
    """A fenced code block that no line of `body` can close: the fence is longer than any run of
    backticks in it."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return Markdown(f"{fence}{language}\n{body}\n{fence}")


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Markdown:
    """A GFM table; a cell that is not `Markdown` is text (the card's own cell markup holds no
    unescaped `|` and no line break)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(v if isinstance(v, Markdown) else text(v) for v in row) + " |" for row in rows]
    return Markdown("\n".join(lines))
