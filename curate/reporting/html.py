"""Small HTML builders the report's sections, its document pages and the gate's validation page
share. Every value that comes from data goes through `escape` here or at its call site (quotes
included: values land in attributes too); cells handed in as `Markup` are already safe HTML.
A link's target is checked as well: escaping does not stop a `javascript:` URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from html import escape

# What a browser ignores when it reads a URL's scheme: ASCII whitespace and control characters
# (`java\tscript:` is `javascript:`). Removing them all can only find more schemes, never fewer.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = frozenset({"http", "https"})


class Markup(str):
    """A string that is already HTML (a link, a swatch): tables insert it as is."""


Cell = str | int | float | None


def cell(value: Cell) -> str:
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.3g}" if abs(value) < 1000 else f"{value:,.0f}"
    return escape(value)


def table(head: Sequence[str], rows: Iterable[Sequence[Cell]], *, numeric: Iterable[int] = (),
          classes: dict[int, str] | None = None, row_ids: Sequence[str] | None = None) -> str:
    """A table; columns in `numeric` are right-aligned, `classes` adds a class to a column,
    `row_ids` gives each row an id (an anchor to link to)."""
    right = set(numeric)
    extra = classes or {}
    ids = [f' id="{escape(i)}"' for i in row_ids] if row_ids is not None else None

    def attrs(i: int) -> str:
        names = (["n"] if i in right else []) + ([extra[i]] if i in extra else [])
        return f' class="{" ".join(names)}"' if names else ""

    header = "".join(f"<th{attrs(i)}>{escape(h)}</th>" for i, h in enumerate(head))
    body = "".join(f"<tr{ids[n] if ids else ''}>" + "".join(f"<td{attrs(i)}>{cell(v)}</td>"
                                                             for i, v in enumerate(row)) + "</tr>"
                   for n, row in enumerate(rows))
    return f"<table><tr>{header}</tr>{body}</table>"


def safe_href(href: str) -> bool:
    """Whether `href` may be a link target: a relative reference, or an http(s) URL. Any other
    scheme (`javascript:`, `data:`, `vbscript:`, ...) could run or load something."""
    scheme = _SCHEME.match(_IGNORED_IN_URL.sub("", href))
    return scheme is None or scheme.group(1).lower() in SAFE_SCHEMES


def link(href: str, text: str) -> Markup:
    """A link, or only its text when the target is not `safe_href`."""
    if not safe_href(href):
        return Markup(escape(text))
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


def one_per_line(items: Iterable[str]) -> Markup:
    """Values one per line in a cell, each escaped."""
    return Markup("<br>".join(escape(item) for item in items))


def labelled(color: str, label: str) -> Markup:
    """A colour swatch followed by its label (a kind or a status)."""
    return Markup(f'<span class="swatch" style="background:{escape(color)}"></span>{escape(label)}')


def percent(part: float, whole: float) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def cards(items: Sequence[tuple[str, Cell, str]]) -> str:
    """Big figures: (label, value, note under it)."""
    return '<div class="cards">' + "".join(
        f'<div class="card"><b>{cell(value)}</b>{escape(label)}<br><span>{escape(note)}</span></div>'
        for label, value, note in items) + "</div>"


def section(anchor: str, title: str, *parts: str) -> str:
    return f'<section id="{escape(anchor)}"><h2>{escape(title)}</h2>{"".join(parts)}</section>\n'


def note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def figure(caption: str, chart: str) -> str:
    return f"<figure><figcaption>{escape(caption)}</figcaption>{chart}</figure>"
