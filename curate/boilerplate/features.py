"""Numeric features of a document's lines, for the line model (`model.py`).

What they measure, and why these few: a leftover line differs from body text by its own shape
(length, sentence ending, commas), by its neighbours' shape (menus and teaser lists are runs of
short lines; body paragraphs sit among long ones) and, most of all, by where it sits in the page.
The rules' verdicts cut a page into *segments*, the runs of lines between two flagged lines (a
caption, credit or teaser inside the article does not cut it), and
the article body is nearly always one segment holding most of the page's prose; lines of that
segment are body text even when they are short (list items, subheadings, fact boxes). Its
position relative to the densest run of prose tells the rest.

All features are language-independent: length counts words, and a CJK character as half a word
since those scripts use no spaces; no stopword list is needed. Richer per-word features (function
word share, capitalisation, lexical cohesion with the body, digits, links) were tried and did not
help on held-out sites, while costing most of the time, so they are left out.

The same function serves training (`training/train_line_model.py`) and run time, so the model
sees exactly the features it was fitted on. Blank lines are skipped: a line's neighbours are the
previous and next non-blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from math import log

NAMES: tuple[str, ...] = (
    "log_units", "sentence_end", "comma_rate",
    "prev_log_units", "prev2_log_units", "next_log_units", "prev_sentence_end",
    "window_log_units", "window_prose", "window_ruled",
    "mass_before", "block_distance", "ruled_between",
    "segment_share", "segment_lines", "segment_density",
)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_CLOSERS = "\"'”’»)]*"
_SENTENCE_END = frozenset(".!?…。！？")
_PROSE_UNITS = 8  # a prose line: at least this many words and a sentence ending
_BLOCK_PENALTY = 10  # units a non-prose line costs the dense block
_WINDOW = 3  # lines each side


def line_units(line: str) -> int:
    """Length in words; a CJK character counts as half a word."""
    words = line.count(" ") + 1
    if line.isascii():
        return words
    return words + len(_CJK.findall(line)) // 2


def is_prose(line: str) -> bool:
    """A line of running text: at least `_PROSE_UNITS` words and a sentence ending."""
    return line_units(line) >= _PROSE_UNITS and _ends_sentence(line) > 0


def _ends_sentence(line: str) -> float:
    return 1.0 if line.rstrip(_CLOSERS)[-1:] in _SENTENCE_END else 0.0


def _commas(line: str) -> int:
    count = line.count(",") + line.count(";")
    return count if line.isascii() else count + line.count("，") + line.count("、") + line.count("；")


def document_features(
    text: Sequence[str], ruled: Sequence[bool], inline: Sequence[bool] | None = None
) -> list[list[float]]:
    """One row of `NAMES` values per non-blank line of `text` (stripped lines), in order;
    `ruled[i]` says whether the rules flagged line i, `inline[i]` whether that flagged line is a
    leftover inside the article (a caption, a credit, a teaser: `rules.is_inline`), which does
    not end its segment."""
    lines = [line for line in text if line]
    flagged = [1.0 if r else 0.0 for line, r in zip(text, ruled) if line]
    breaks = flagged if inline is None else [1.0 if r and not s else 0.0 for line, r, s in zip(text, ruled, inline) if line]
    n = len(lines)
    if not n:
        return []
    units = [line_units(line) for line in lines]
    sizes = [log(1 + u) for u in units]
    ends = [_ends_sentence(line) for line in lines]
    prose = [1.0 if u >= _PROSE_UNITS and e else 0.0 for u, e in zip(units, ends)]
    start, end = dense_block([u if p else -_BLOCK_PENALTY for u, p in zip(units, prose)])
    flagged_before = [0.0]
    for f in flagged:
        flagged_before.append(flagged_before[-1] + f)
    segments = _segments(breaks, prose, units)
    total = sum(units)
    rows = []
    before = 0
    for k in range(n):
        lo, hi = max(0, k - _WINDOW), min(n, k + _WINDOW + 1)
        span = hi - lo
        if k < start:
            distance, between = -log(1 + start - k), flagged_before[start] - flagged_before[k + 1]
        elif k > end:
            distance, between = log(1 + k - end), flagged_before[k] - flagged_before[end + 1]
        else:
            distance, between = 0.0, 0.0
        rows.append([
            sizes[k], ends[k], _commas(lines[k]) / units[k],
            sizes[k - 1] if k else 0.0, sizes[k - 2] if k > 1 else 0.0, sizes[k + 1] if k + 1 < n else 0.0,
            ends[k - 1] if k else 0.0,
            sum(sizes[lo:hi]) / span, sum(prose[lo:hi]) / span, sum(flagged[lo:hi]) / span,
            before / total, distance, log(1 + between),
            *segments[k],
        ])
        before += units[k]
    return rows


def dense_block(gains: Sequence[float]) -> tuple[int, int]:
    """(first, last) index of the run with the largest sum of `gains` (Kadane); (0, -1) when no
    run has a positive sum."""
    best, span = 0.0, (0, -1)
    current, first = 0.0, 0
    for k, gain in enumerate(gains):
        if current <= 0:
            current, first = gain, k
        else:
            current += gain
        if current > best:
            best, span = current, (first, k)
    return span


def _segments(flagged: Sequence[float], prose: Sequence[float], units: Sequence[int]) -> list[tuple[float, ...]]:
    """Per line: (share of the page's prose words in its segment, log of the segment's line
    count, share of prose lines in it). A flagged line (one that ends segments) is a segment of
    its own."""
    n = len(flagged)
    bounds = []
    k = 0
    while k < n:
        j = k
        if not flagged[k]:
            while j + 1 < n and not flagged[j + 1]:
                j += 1
        bounds.append((k, j + 1))
        k = j + 1
    masses = [sum(u for u, p in zip(units[a:b], prose[a:b]) if p) for a, b in bounds]
    total = sum(masses) or 1
    out: list[tuple[float, ...]] = []
    for (a, b), mass in zip(bounds, masses):
        size = b - a
        row = (mass / total, log(size), sum(prose[a:b]) / size)
        out.extend([row] * size)
    return out
