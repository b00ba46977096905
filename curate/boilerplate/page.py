"""A page's document: the extracted text with the blocks the extractor left out put back as lines.

An HTML page's normalized document is what the extractor kept; what it left out (menus, cookie
banners, comments) is recorded beside it as `RemovedBlock`s, each a line inserted at a paragraph
start of that document or at its end. `interleave` builds the page's document the row's spans
rebuild, with the blocks' verdicts among the line stage's; `split_page` undoes it from a stored
row, so `curate rebuild` re-decides the extracted lines and carries the left-out ones as recorded.

Each block goes in as `block + "\\n\\n"` before a paragraph (`"\\n\\n" + block` at the end): the
separators around a run of removed lines are then the ones the extracted document had, so span
assembly keeps exactly the text it keeps without the blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from curate.boilerplate.verdict import LineVerdict

RULE_PREFIX = "extractor_v"  # the rules of blocks the extractor left out: `extractor_v1:dom_navigation`
_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """A block of the page the extractor left out: one normalized line, put back before the
    paragraph of the extracted document that starts at `at` (or after it all, at its length)."""

    at: int
    text: str
    verdict: LineVerdict

    def __reduce__(self) -> tuple[type[RemovedBlock], tuple[int, str, LineVerdict]]:
        """Pickled as its constructor's arguments: a checkpoint holds a page's hundreds of blocks,
        and a slotted dataclass's default (`__getstate__` in Python) was most of its cost."""
        return (RemovedBlock, (self.at, self.text, self.verdict))


def is_page_rule(rule: str) -> bool:
    """Whether a span was left out by the extractor rather than removed by the line stage."""
    return rule.startswith(RULE_PREFIX)


def _is_place(document: str, at: int) -> bool:
    if at in (0, len(document)):
        return True
    return 2 <= at < len(document) and document.startswith(_BREAK, at - 2) and document[at] != "\n"


def extracted_ratio(text: str, spans: Sequence[dict[str, Any]]) -> float:
    """The line stage's ratio: removed characters / the extracted document's, as the row would say
    without the left-out blocks (each of which added its line and one paragraph break)."""
    left_out = sum(len(s["text"].strip("\n")) + len(_BREAK) for s in spans if is_page_rule(s["rule"]))
    removed = sum(len(s["text"]) for s in spans) - left_out
    return removed / (len(text) + removed) if text or removed else 0.0


def interleave(document: str, verdicts: Sequence[LineVerdict | None],
               blocks: Sequence[RemovedBlock]) -> tuple[str, list[LineVerdict | None]]:
    """The page's document and one verdict per line of it, from the extracted `document` with
    one verdict per line and the left-out `blocks` (in page order)."""
    ordered = sorted(blocks, key=lambda block: block.at)  # stable: page order within a place
    for block in ordered:
        if not block.text or "\n" in block.text:
            raise ValueError(f"a removed block must be one non-empty line: {block.text[:80]!r}")
        if not _is_place(document, block.at):
            raise ValueError(f"removed block at {block.at} is neither at a paragraph start nor at the end")
    pieces: list[str] = []
    merged: list[LineVerdict | None] = []
    position = taken = 0
    for line, verdict in zip(document.split("\n"), verdicts, strict=True):
        while line and taken < len(ordered) and ordered[taken].at == position and position < len(document):
            pieces.append(ordered[taken].text + _BREAK)
            merged.extend((ordered[taken].verdict, None))
            taken += 1
        pieces.append(line + "\n")
        merged.append(verdict)
        position += len(line) + 1
    text = "".join(pieces)[:-1]
    for block in ordered[taken:]:
        text += _BREAK + block.text
        merged.extend((None, block.verdict))
    return text, merged


def split_page(page: str, spans: Sequence[dict[str, Any]]) -> tuple[str, list[RemovedBlock]]:
    """(extracted document, left-out blocks) of a page's document rebuilt from a row's spans:
    the inverse of `interleave`. The trailing blocks are those with only blocks after them."""
    lines = []
    for span in spans:
        if is_page_rule(span["rule"]):
            text = span["text"].strip("\n")
            start = span["start"] + len(span["text"]) - len(span["text"].lstrip("\n"))
            lines.append((start, start + len(text), LineVerdict(span["kind"], span["score"], span["rule"])))
    trailing = len(page)
    for start, end, _ in reversed(lines):
        if end != trailing or start < len(_BREAK):
            break
        trailing = start - len(_BREAK)
    length = len(page) - sum(end - start + len(_BREAK) for start, end, _ in lines)  # the document's
    pieces, blocks, position, cut = [], [], 0, 0
    for start, end, verdict in lines:
        if start > trailing:
            low, high = start - len(_BREAK), end
        elif page.startswith(_BREAK, end):
            low, high = start, end + len(_BREAK)
        else:
            raise ValueError(f"the left-out block at {start} is not followed by a paragraph break")
        pieces.append(page[position:low])
        blocks.append(RemovedBlock(length if start > trailing else low - cut, page[start:end], verdict))
        cut += high - low
        position = high
    pieces.append(page[position:])
    return "".join(pieces), blocks
