"""Tables in trafilatura's text: layout tables become paragraphs, data tables Markdown blocks.

trafilatura (`include_tables=True`) prints each table row it keeps as a line `| cell | cell | `
(a literal bar escaped as `\\|`), and a `|---|` line under a header row. Old pages lay out their
prose in tables, so a cell is often a paragraph, or several; printed as rows they read as
fragments and the line model scores them as boilerplate. This module reads the rows back from
that text rather than from the page's `<table>` elements: trafilatura has already chosen which
tables belong to the article, flattened nested tables and spans into rows, and cleaned the cells,
and reading its text costs no second parse of the page (measured in BENCHMARKS.md, issue 14).

A table (a run of rows, cut where a header row starts or the number of cells changes) is a
*layout* table when it is no grid (one row, or mostly one filled cell a row), or when most of
its text is in sentence-like cells and few of its cells are numbers: each non-empty cell then
becomes a paragraph, which the line stage judges like any other. Otherwise it is a *data* table and is written as a Markdown table (header
row, `| --- |` separator, one line per row), which the boilerplate stage leaves alone
(`curate.boilerplate.tables`): a user finds the article's data tables in `text` as Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ROW = re.compile(r"^\|.*\|$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
_NUMERIC = re.compile(r"^[\W\d_]*\d[\W\d_]*[a-zA-Z%]{0,3}$")  # "12", "3.5%", "$4.2bn"-ish, "1-0", "12 km"
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)]*$")
_PROSE_WORDS = 12  # a cell this long reads as a sentence even without its full stop
_PROSE_CHARS = 100  # ... or this long in characters (scripts written without spaces)
_SENTENCE_WORDS = 6  # ... and this long when it ends like one
_PROSE_SHARE = 0.5  # share of the block's characters in prose cells for a layout table
_NUMERIC_SHARE = 0.25  # a layout table has fewer numeric cells than this share of its cells
_MAX_LAYOUT_COLUMNS = 3  # a grid wider than this with a header row is data even when wordy
_GRID_SHARE = 0.5  # a grid has at least this share of its rows with two or more filled cells
_GRID_ROWS = 2  # ... and at least this many: a single row of short cells is a menu as often as data
SEPARATOR = "---"


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in _CELL_SPLIT.split(line[1:-1])]


def _is_separator(cells: list[str]) -> bool:
    return all(_SEPARATOR_CELL.match(cell) for cell in cells if cell) and any(cells)


def _is_prose(cell: str) -> bool:
    words = len(_WORD.findall(cell))
    return (words >= _PROSE_WORDS or len(cell) >= _PROSE_CHARS
            or (words >= _SENTENCE_WORDS and bool(_SENTENCE_END.search(cell))))


def is_layout(rows: list[list[str]], has_header: bool) -> bool:
    """True when the rows read as prose laid out in a table rather than as a grid of values."""
    filled = [cell for row in rows for cell in row if cell]
    if not filled:
        return True
    filled_per_row = [sum(1 for cell in row if cell) for row in rows]
    if sum(1 for count in filled_per_row if count > 1) < max(_GRID_ROWS, _GRID_SHARE * len(rows)):
        return True  # one row, or mostly one filled cell a row (spans padded by trafilatura): no grid
    if has_header and max(filled_per_row) > _MAX_LAYOUT_COLUMNS:
        return False
    prose = sum(len(cell) for cell in filled if _is_prose(cell))
    numeric = sum(1 for cell in filled if _NUMERIC.match(cell))
    return prose >= _PROSE_SHARE * sum(map(len, filled)) and numeric < _NUMERIC_SHARE * len(filled)


def _markdown(rows: list[list[str]]) -> list[str]:
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    return [lines[0], "| " + " | ".join([SEPARATOR] * width) + " |", *lines[1:]]


def _table(parsed: list[list[str]]) -> tuple[list[list[str]], bool]:
    """One table's non-empty rows of cells, and whether trafilatura marked a header row."""
    has_header = len(parsed) > 1 and _is_separator(parsed[1])
    return [row for row in parsed if not _is_separator(row) and any(row)], has_header


def _tables(block: list[str]) -> Iterator[tuple[list[list[str]], bool]]:
    """The tables of a run of rows. trafilatura prints adjacent tables with no line between
    them, so a table starts at a header row (the row above a separator) and where the number of
    cells changes (trafilatura pads a `colspan`, so a table's rows mostly agree)."""
    parsed = [_cells(line.rstrip()) for line in block]
    start = 0
    for k in range(1, len(parsed)):
        if _is_separator(parsed[k]):
            continue
        before = parsed[k - 1] if not _is_separator(parsed[k - 1]) or k < 2 else parsed[k - 2]
        if (k + 1 < len(parsed) and _is_separator(parsed[k + 1])) or len(parsed[k]) != len(before):
            yield _table(parsed[start:k])
            start = k
    yield _table(parsed[start:])


def _render(block: list[str]) -> list[str]:
    out: list[str] = []
    for rows, has_header in _tables(block):
        if not rows:
            continue
        if is_layout(rows, has_header):
            out.extend(cell.replace("\\|", "|") for row in rows for cell in row if cell)
        else:
            out.append("\n".join(_markdown(rows)))
    return out


def _blocks(lines: list[str]) -> Iterator[tuple[bool, list[str]]]:
    """Runs of consecutive lines, each marked whether it is a run of table rows."""
    run: list[str] = []
    in_table = False
    for line in lines:
        stripped = line.rstrip()
        is_row = len(stripped) > 1 and bool(_ROW.match(stripped))
        if run and is_row != in_table:
            yield in_table, run
            run = []
        in_table = is_row
        run.append(line)
    if run:
        yield in_table, run


def table_blocks(lines: list[str]) -> Iterator[tuple[list[list[str]], bool]]:
    """Each table in trafilatura's text lines as (rows of cells, has a header row)."""
    for is_table, run in _blocks(lines):
        if is_table:
            yield from _tables(run)


def reflow_tables(lines: list[str]) -> list[str]:
    """trafilatura's non-empty text lines as blocks, in order: each table rewritten as paragraphs
    (layout) or as one Markdown table block, its rows joined by single line breaks (data); other
    lines unchanged."""
    out: list[str] = []
    for is_table, run in _blocks(lines):
        out.extend(_render(run) if is_table else run)
    return out
