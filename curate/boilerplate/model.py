"""The line model: which lines the rules left are body text, and which are page leftovers.

Why a model, and why this one: the rules (`rules.py`) are precise but only know the formulaic
leftovers (widgets, prompts, stamps, credits, menus they can see); the rest (teaser headlines,
site chrome in any language, author blurbs, comment threads) is told apart from body text by
shape and position, which is a weighing of many weak cues that a fitted model does better and
more consistently than hand-set cut-offs. The model is additive: one step function per feature
(`features.NAMES`), summed with a bias and squashed to a content probability. That is boosted
decision stumps fitted by `training/train_line_model.py` and folded per feature, so it is small
(a JSON file of bin edges and values), evaluated in pure Python by bisection, and each feature's
effect can be read off its step function. Deeper trees scored no better on held-out sites.

The document-level pass: the article body is one contiguous run of lines, so the model keeps
only lines of the *main block*, the run of lines with the largest sum of (probability -
`block_cost`) weighted by line length, unless a line outside it is nearly certain body text
(`outside`). Inside the block a line is kept when its probability reaches `threshold`. When the
rules flagged under `extracted_share` of the lines as page chrome, the text was already extracted
(text files an extractor made; HTML inputs never reach the model, see `rules.classify_lines`):
there the block grows to the nearest flagged lines and is kept whole, since what surrounds the
densest prose is then mostly article (lists, fixtures, short paragraphs) rather than page chrome.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from math import exp
from pathlib import Path
from typing import Any

from curate.boilerplate.features import NAMES, dense_block, document_features, is_prose, line_units
from curate.config import BoilerplateConfig

MODEL_FILE = Path(__file__).with_name("line_model.json")
# The tuned decision threshold: the default of the build's `[boilerplate] threshold` (which
# overrides it), and recorded in the model file by training; a test keeps the two equal.
DEFAULT_THRESHOLD: float = BoilerplateConfig.model_fields["threshold"].default
# A document laid out in paragraphs (a blank line after each) opens with its title and
# standfirst: up to two such one-line paragraphs of a few words, before any flagged line, are
# kept. (Pages flattened one line per block, as in the bench, have no blank lines; there a
# page's title is not article body.)
_HEADING_LINES = 2
_HEADING_UNITS = 4


@dataclass(frozen=True, slots=True)
class LineModel:
    """Step functions per feature: `values[f][bisect_left(edges[f], x)]` is feature f's term."""

    version: int
    bias: float
    edges: tuple[tuple[float, ...], ...]
    values: tuple[tuple[float, ...], ...]
    threshold: float  # the tuned threshold, as trained (see DEFAULT_THRESHOLD)
    block_cost: float  # probability a line must exceed to pull the main block towards it
    outside: float  # least content probability kept outside the main block
    extracted_share: float  # below this share of rule-flagged lines the block grows to its segment

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        """From the model file's JSON; its feature list must match `features.NAMES`."""
        if tuple(data["features"]) != NAMES:
            raise ValueError(f"the line model was trained on features {data['features']}, the code computes {list(NAMES)}")
        shapes = data["shapes"]
        return cls(
            version=data["version"],
            bias=data["bias"],
            edges=tuple(tuple(s["edges"]) for s in shapes),
            values=tuple(tuple(s["values"]) for s in shapes),
            threshold=data["threshold"],
            block_cost=data["block_cost"],
            outside=data["outside"],
            extracted_share=data["extracted_share"],
        )

    def probability(self, row: Sequence[float]) -> float:
        score = self.bias
        for x, edges, values in zip(row, self.edges, self.values):
            score += values[bisect_left(edges, x)]
        return 1.0 / (1.0 + exp(-score))


@cache
def load_model(path: Path = MODEL_FILE) -> LineModel:
    """The shipped model, read once per process."""
    return LineModel.from_dict(json.loads(path.read_text(encoding="utf-8")))


def content_probabilities(
    text: Sequence[str], ruled: Sequence[bool], model: LineModel, inline: Sequence[bool] | None = None
) -> list[float | None]:
    """Per line of `text` (stripped): the content probability, 0.0 for a rule-flagged line,
    None for a blank one."""
    rows = iter(document_features(text, ruled, inline))
    out: list[float | None] = []
    for line, flagged in zip(text, ruled):
        if not line:
            out.append(None)
            continue
        row = next(rows)
        out.append(0.0 if flagged else model.probability(row))
    return out


def judge(
    text: Sequence[str], ruled: Sequence[bool], threshold: float, model: LineModel,
    chrome: Sequence[bool] | None = None, inline: Sequence[bool] | None = None,
) -> list[tuple[float, bool] | None]:
    """Per line: None when kept (or blank, or already flagged by the rules), else (content
    probability, whether the line lies outside the main block).

    `chrome` marks the flagged lines that are page chrome (widget phrases, menus: what an
    extractor removes), as opposed to leftovers found inside extracted text too (prompts,
    credits, teasers); it decides whether the text counts as extracted. Default: `ruled`.
    `inline` marks the flagged lines that interrupt an article rather than end it (a teaser, an
    app prompt, a caption or credit), which the main block of extracted text may span.

    Removal only grows with `threshold`. The model never removes every line the rules left:
    the likeliest one stays, so a short note is not emptied.
    """
    probabilities = content_probabilities(text, ruled, model, inline)
    present = [i for i, p in enumerate(probabilities) if p is not None]
    # An inline leftover neither pulls the main block nor pushes it away.
    gains = [0.0 if inline is not None and inline[i] else
             (probabilities[i] - model.block_cost) * line_units(text[i]) for i in present]  # type: ignore[operator]
    first, last = dense_block(gains)
    extracted = sum(ruled if chrome is None else chrome) < model.extracted_share * len(present)
    if extracted and last >= first:
        # Little chrome for the rules to find: the text was already extracted (clean text
        # files), so the block's whole segment, up to the nearest flagged lines, is article;
        # and so is the next segment beyond a single inline leftover when it holds a line of prose.
        crossable = [False] * len(text) if inline is None else inline
        first = _grow(text, present, ruled, crossable, first, -1)
        last = _grow(text, present, ruled, crossable, last, 1)
    inside_floor = 0.0 if extracted else threshold
    outside_floor = max(threshold, model.outside)
    out: list[tuple[float, bool] | None] = [None] * len(text)
    heading, kept, best = True, 0, None
    for k, i in enumerate(present):
        heading = heading and k < _HEADING_LINES and not ruled[i] and i + 1 < len(text) and not text[i + 1]
        if ruled[i] or (heading and line_units(text[i]) >= _HEADING_UNITS):
            kept += not ruled[i]
            continue
        p = probabilities[i]
        assert p is not None
        if last < first:  # no block at all: every line is judged alone
            inside, floor = True, threshold
        else:
            inside = first <= k <= last
            floor = inside_floor if inside else outside_floor
        if p < floor:
            out[i] = (p, not inside)
            if best is None or p > probabilities[best]:  # type: ignore[operator]
                best = i
        else:
            kept += 1
    if not kept and best is not None:
        out[best] = None
    return out


def _grow(
    text: Sequence[str], present: Sequence[int], ruled: Sequence[bool], crossable: Sequence[bool], edge: int, step: int
) -> int:
    """The block's edge (an index into `present`) moved by `step` to its segment's end, and on
    across one crossable flagged line while the segment beyond holds a prose line."""
    size = len(present)
    while True:
        while 0 <= edge + step < size and not ruled[present[edge + step]]:
            edge += step
        beyond = edge + step
        if not (0 <= beyond < size and crossable[present[beyond]]):
            return edge
        beyond += step
        segment = []
        while 0 <= beyond < size and not ruled[present[beyond]]:
            segment.append(beyond)
            beyond += step
        if not any(is_prose(text[present[k]]) for k in segment):
            return edge
        edge = segment[-1]
