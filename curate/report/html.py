"""Small HTML builders the report's sections share. Every value that comes from data goes through
`escape` here or at its call site; cells handed in as `Markup` are already safe HTML.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape


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
          classes: dict[int, str] | None = None) -> str:
    """A table; columns in `numeric` are right-aligned, `classes` adds a class to a column."""
    right = set(numeric)
    extra = classes or {}

    def attrs(i: int) -> str:
        names = (["n"] if i in right else []) + ([extra[i]] if i in extra else [])
        return f' class="{" ".join(names)}"' if names else ""

    header = "".join(f"<th{attrs(i)}>{escape(h)}</th>" for i, h in enumerate(head))
    body = "".join("<tr>" + "".join(f"<td{attrs(i)}>{cell(v)}</td>" for i, v in enumerate(row)) + "</tr>"
                   for row in rows)
    return f"<table><tr>{header}</tr>{body}</table>"


def link(href: str, text: str) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


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
