"""Charts as inline SVG drawn in Python: no JavaScript library, nothing fetched, and each bar
carries a `<title>` with its exact figure (the browser shows it on hover).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from itertools import pairwise
from typing import Any

BAR = "#4c78a8"
_FONT_WIDTH = 6.2  # px per character of the 11 px label font, to size label columns


def _svg(width: float, height: float, label: str, body: str) -> str:
    return (f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(label)}">'
            f"<title>{escape(label)}</title>{body}</svg>")


def _position(value: float, edges: Sequence[float]) -> float:
    """Where `value` falls on an axis of equal-width bins, as a fractional bin index."""
    for i, (a, b) in enumerate(pairwise(edges)):
        if value < b or i == len(edges) - 2:
            if b == float("inf"):
                return float(i)
            return i + max(0.0, min(1.0, (value - a) / (b - a)))
    return float(len(edges) - 1)


def _edges(figure: dict[str, Any]) -> list[float]:
    """The bin edges, an open end (null in JSON) as infinity."""
    return [float("inf") if edge is None else edge for edge in figure["edges"]]


def _compact(value: float) -> str:
    return f"{value / 1000:g}k" if value >= 1000 else f"{value:g}"


def _ticks(figure: dict[str, Any], left: float, step: float, y: float) -> list[str]:
    """About six x labels: bin values for counts (discrete bins), else bin edges; an open last bin
    is labelled "N+" at its centre."""
    counts, edges = figure["counts"], _edges(figure)
    every = max(1, round(len(counts) / 6))
    if figure.get("discrete"):
        at = [(left + (i + 0.5) * step, figure["labels"][i]) for i in range(0, len(counts), every)]
    else:
        at = [(left + i * step, _compact(edges[i])) for i in range(0, len(counts), every)]
        if edges[-1] != float("inf"):
            at.append((left + len(counts) * step, _compact(edges[-1])))
    if edges[-1] == float("inf") and (len(counts) - 1) % every:
        at.append((left + (len(counts) - 0.5) * step, f"{_compact(edges[-2])}+"))
    return [f'<text x="{x:.1f}" y="{y}" text-anchor="middle">{escape(text)}</text>' for x, text in at]


def histogram(figure: dict[str, Any], label: str, *, band: Sequence[float] | None = None,
              marks: Sequence[tuple[float, str]] = (), width: int = 360, height: int = 170) -> str:
    """Vertical bars of a `Histogram.to_json()`; `band` shades a normal range, `marks` draw
    thresholds (value, name) such as the policy's minimum length."""
    counts, labels, edges = figure["counts"], figure["labels"], _edges(figure)
    left, right, top, bottom = 40, 8, 8, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / len(counts)
    peak = max(counts) or 1
    parts = []
    if band is not None:
        x0, x1 = (left + _position(v, edges) * step for v in band)
        parts.append(f'<rect class="band" x="{x0:.1f}" y="{top}" width="{max(x1 - x0, 1):.1f}" height="{plot_h}">'
                     f"<title>normal range {band[0]:g} to {band[1]:g}</title></rect>")
    for i, (count, name) in enumerate(zip(counts, labels)):
        h = plot_h * count / peak
        parts.append(f'<rect class="bar" x="{left + i * step + 1:.1f}" y="{top + plot_h - h:.1f}" '
                     f'width="{max(step - 2, 1):.1f}" height="{h:.1f}" fill="{BAR}">'
                     f"<title>{escape(name)}: {count:,} documents</title></rect>")
    parts.extend(_ticks(figure, left, step, top + plot_h + 14))
    for value, name in marks:
        x = left + _position(value, edges) * step
        anchor, dx = ("end", -3) if x > left + plot_w / 2 else ("start", 3)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{top + plot_h}" stroke="#cf222e" '
                     f'stroke-dasharray="4 3"><title>{escape(name)}</title></line>'
                     f'<text x="{x + dx:.1f}" y="{top + 10}" text-anchor="{anchor}" fill="#cf222e">{escape(name)}</text>')
    parts.append(f'<line class="axis" x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}"/>'
                 f'<text x="{left - 4}" y="{top + 9}" text-anchor="end">{peak:,}</text>'
                 f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>'
                 f'<text x="{left + plot_w / 2:.1f}" y="{height - 3}" text-anchor="middle">{escape(label)}</text>')
    return _svg(width, height, f"{label}: distribution over {figure['total']:,} documents", "".join(parts))


def bars(items: Sequence[tuple[str, float, str]], label: str, *, unit: str = "", width: int = 520) -> str:
    """Horizontal bars, one per (name, value, colour), longest label setting the label column."""
    if not items:
        return ""
    row, top = 18, 4
    label_w = min(240, max(len(name) for name, _, _ in items) * _FONT_WIDTH + 8)
    plot_w = width - label_w - 70
    peak = max(value for _, value, _ in items) or 1
    parts = []
    for i, (name, value, color) in enumerate(items):
        y = top + i * row
        w = plot_w * value / peak
        parts.append(f'<text x="{label_w - 6:.0f}" y="{y + 12}" text-anchor="end">{escape(name)}</text>'
                     f'<rect class="bar" x="{label_w:.0f}" y="{y + 2}" width="{max(w, 1):.1f}" height="{row - 5}" '
                     f'fill="{color}"><title>{escape(name)}: {value:,g}{escape(unit)}</title></rect>'
                     f'<text x="{label_w + w + 4:.1f}" y="{y + 12}">{value:,g}{escape(unit)}</text>')
    return _svg(width, top * 2 + row * len(items), label, "".join(parts))


def stacked(rows: Sequence[tuple[str, dict[str, int]]], colors: dict[str, str], label: str, *,
            width: int = 760) -> str:
    """One 100% bar per row, split by key (e.g. boilerplate kind per source), with the total."""
    if not rows:
        return ""
    row, top = 20, 4
    label_w = min(220, max(len(name) for name, _ in rows) * _FONT_WIDTH + 8)
    plot_w = width - label_w - 80
    parts = []
    for i, (name, counts) in enumerate(rows):
        y = top + i * row
        total = sum(counts.values()) or 1
        x = float(label_w)
        parts.append(f'<text x="{label_w - 6:.0f}" y="{y + 13}" text-anchor="end">{escape(name)}</text>')
        for key, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            w = plot_w * n / total
            parts.append(f'<rect class="bar" x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{row - 5}" '
                         f'fill="{colors[key]}"><title>{escape(name)}: {escape(key)} {n:,} '
                         f"({n / total:.0%})</title></rect>")
            x += w
        parts.append(f'<text x="{label_w + plot_w + 6:.0f}" y="{y + 13}">{sum(counts.values()):,}</text>')
    return _svg(width, top * 2 + row * len(rows), label, "".join(parts))
