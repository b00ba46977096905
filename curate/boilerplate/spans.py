"""Turn per-line verdicts into removed spans, non-destructively.

Contract (DESIGN.md): `reconstruct(text, spans)` gives back the normalized document exactly.
Each removed line's span also absorbs the line breaks around it, so the kept text has no holes:
of the two separators around a removed run, the one with more line breaks is kept, and a run at
the start or end of the document takes the separator towards the kept text with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from curate.boilerplate.verdict import LineVerdict


@dataclass(frozen=True, slots=True)
class Span:
    """A removed span of the normalized document: `text == document[start:end]`."""

    kind: str
    text: str
    start: int
    end: int
    score: float
    rule: str


def _line_bounds(document: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for line in document.split("\n"):
        bounds.append((start, start + len(line)))
        start += len(line) + 1
    return bounds


def assemble(document: str, verdicts: Sequence[LineVerdict | None]) -> tuple[str, list[Span]]:
    """(kept text, removed spans) for a document split on `\\n` with one verdict per line."""
    bounds = _line_bounds(document)
    if len(bounds) != len(verdicts):
        raise ValueError(f"{len(verdicts)} verdicts for {len(bounds)} lines")
    content = [i for i, (s, e) in enumerate(bounds) if e > s]  # non-blank lines
    spans: list[Span] = []
    i = 0
    while i < len(content):
        if verdicts[content[i]] is None:
            i += 1
            continue
        j = i
        while j + 1 < len(content) and verdicts[content[j + 1]] is not None:
            j += 1
        run = content[i:j + 1]
        kept_before = bounds[content[i - 1]][1] if i > 0 else None
        kept_after = bounds[content[j + 1]][0] if j + 1 < len(content) else None
        first_start, last_end = bounds[run[0]][0], bounds[run[-1]][1]
        if kept_after is None:
            forward = False
        elif kept_before is None:
            forward = True
        else:  # keep the separator with more line breaks (a paragraph break beats a line break)
            before = document.count("\n", kept_before, first_start)
            after = document.count("\n", last_end, kept_after)
            forward = before >= after
        if forward:  # each span runs from its line to the next line: absorbs what follows
            edges = [bounds[k][0] for k in run] + [kept_after if kept_after is not None else len(document)]
        else:  # each span runs from the previous line's end: absorbs what precedes
            edges = [kept_before if kept_before is not None else 0] + [bounds[k][1] for k in run]
            if kept_after is None:
                edges[-1] = len(document)
        for k, line in enumerate(run):
            verdict = verdicts[line]
            assert verdict is not None
            start, end = edges[k], edges[k + 1]
            spans.append(Span(verdict.kind, document[start:end], start, end, verdict.score, verdict.rule))
        i = j + 1
    return _cut(document, spans), spans


def _cut(document: str, spans: Sequence[Span]) -> str:
    pieces, position = [], 0
    for span in spans:
        pieces.append(document[position:span.start])
        position = span.end
    pieces.append(document[position:])
    return "".join(pieces)


def reconstruct(text: str, spans: Sequence[Span] | Sequence[dict[str, Any]]) -> str:
    """The normalized document from kept text and removed spans (rows' dicts or `Span`s)."""
    pieces, taken, position = [], 0, 0
    for span in spans:
        start, removed = (span["start"], span["text"]) if isinstance(span, dict) else (span.start, span.text)
        keep = start - position
        pieces.append(text[taken:taken + keep])
        pieces.append(removed)
        taken += keep
        position = start + len(removed)
    pieces.append(text[taken:])
    return "".join(pieces)
