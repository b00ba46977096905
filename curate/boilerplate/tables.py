"""Markdown table blocks are content: the line stage never removes their rows.

The HTML extractor writes each data table the article holds as a Markdown table
(`curate.extract.tables`): a header row, a `| --- |` separator row, then the rows. Row by row
such lines look like menus to the rules and the line model (short, no sentences, many
separators), so judged alone a table would vanish from `text`. The choice here is to keep the
table in `text` rather than cut it out as a span of its own kind: it is part of the article
(figures the prose cites), a reader of `text` sees it where the page printed it, and no
consumer has to stitch spans back. The separator row is what marks a block as a table: scraped
menus printed as `Home | News | Sport` have none, so they are still judged line by line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from curate.boilerplate.verdict import LineVerdict

_ROW = re.compile(r"^\|.*\|\s*$")
_SEPARATOR = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+\s*$")
_BAR = re.compile(r"(?<!\\)\|")


def table_rows(lines: Sequence[str]) -> set[int]:
    """Indexes of the lines that belong to a Markdown table: a header row, a separator row and
    the rows that follow them without a break."""
    rows: set[int] = set()
    k = 0
    while k + 1 < len(lines):
        if _ROW.match(lines[k]) and _SEPARATOR.match(lines[k + 1]):
            end = k + 2
            while end < len(lines) and _ROW.match(lines[end]):
                end += 1
            rows.update(range(k, end))
            k = end
        else:
            k += 1
    return rows


def keep_tables(lines: Sequence[str], verdicts: Sequence[LineVerdict | None]) -> list[LineVerdict | None]:
    """The verdicts with every Markdown table row cleared (kept)."""
    rows = table_rows(lines)
    return [None if k in rows else verdict for k, verdict in enumerate(verdicts)]


def without_table_markup(text: str) -> str:
    """`text` without each Markdown table's separator row and with its cell bars made spaces: the
    words a reader reads, for signals that count words (a bar is no letterless word)."""
    if "---" not in text:
        return text
    lines = text.split("\n")
    rows = table_rows(lines)
    if not rows:
        return text
    return "\n".join(_BAR.sub(" ", line) if k in rows else line for k, line in enumerate(lines)
                     if k not in rows or not _SEPARATOR.match(line))
