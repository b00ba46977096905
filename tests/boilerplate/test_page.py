"""A page's document: left-out blocks put back as lines change nothing the line stage keeps, and
a row's spans give back both the extracted document and the blocks."""

from __future__ import annotations

import pickle
from dataclasses import asdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.boilerplate.page import RemovedBlock, extracted_ratio, interleave, split_page
from curate.boilerplate.spans import assemble, reconstruct
from curate.boilerplate.verdict import LineVerdict

NAV = LineVerdict("navigation", 0.9, "extractor_v1:dom_navigation")
CUT = LineVerdict("other", 0.6, "model_v1:low_probability")
WORD = st.text(alphabet="abcxyz", min_size=1, max_size=6)
LINE = st.lists(WORD, min_size=1, max_size=4).map(" ".join)
PARAGRAPH = st.lists(LINE, min_size=1, max_size=3).map("\n".join)  # a paragraph may hold line breaks


@st.composite
def pages(draw: st.DrawFn) -> tuple[str, list[LineVerdict | None], list[RemovedBlock]]:
    document = "\n\n".join(draw(st.lists(PARAGRAPH, min_size=1, max_size=6)))
    lines = document.split("\n")
    verdicts = [draw(st.sampled_from([None, CUT])) if line else None for line in lines]
    places = [0] + [i + 2 for i in range(len(document) - 1) if document[i:i + 2] == "\n\n"] + [len(document)]
    blocks = [RemovedBlock(draw(st.sampled_from(places)), draw(LINE), NAV) for _ in range(draw(st.integers(0, 5)))]
    return document, verdicts, sorted(blocks, key=lambda block: block.at)


def _rows(spans: list) -> list[dict]:
    return [asdict(span) for span in spans]


@settings(max_examples=300, deadline=None)
@given(pages())
def test_blocks_change_nothing_kept_and_come_back_from_the_row(page) -> None:
    document, verdicts, blocks = page
    kept, spans = assemble(document, verdicts)
    whole, merged = interleave(document, verdicts, blocks)
    text, page_spans = assemble(whole, merged)
    assert text == kept, "the line stage keeps exactly what it kept without the blocks"
    assert reconstruct(text, page_spans) == whole
    assert split_page(whole, _rows(page_spans)) == (document, blocks)
    ratio = sum(len(s.text) for s in spans) / len(document)
    assert extracted_ratio(text, _rows(page_spans)) == pytest.approx(ratio)


def test_a_block_goes_before_its_paragraph_or_at_the_end() -> None:
    document = "First paragraph.\n\nSecond one."
    whole, merged = interleave(document, [None, None, None],
                               [RemovedBlock(0, "Home", NAV), RemovedBlock(18, "Menu", NAV),
                                RemovedBlock(len(document), "Footer", NAV)])
    assert whole == "Home\n\nFirst paragraph.\n\nMenu\n\nSecond one.\n\nFooter"
    assert merged == [NAV, None, None, None, NAV, None, None, None, NAV]


@pytest.mark.parametrize("at", [3, 17, 100, -1])
def test_a_block_inside_a_paragraph_is_refused(at: int) -> None:
    with pytest.raises(ValueError, match="paragraph start"):
        interleave("First paragraph.\n\nSecond one.", [None, None, None], [RemovedBlock(at, "Home", NAV)])


def test_a_block_of_two_lines_is_refused() -> None:
    with pytest.raises(ValueError, match="one non-empty line"):
        interleave("Text.", [None], [RemovedBlock(0, "Home\nNews", NAV)])


def test_a_removed_block_survives_a_checkpoint_whole() -> None:
    """Blocks are pickled as their constructor's arguments (checkpoints): every field comes back, in place."""
    blocks = [RemovedBlock(12, "Share this story", LineVerdict("share_widget", 0.75, "extractor_v1:dom_share")),
              RemovedBlock(0, "Menu", LineVerdict("navigation", 1.0, "extractor_v1:dom_navigation"))]
    again = pickle.loads(pickle.dumps(blocks, protocol=pickle.HIGHEST_PROTOCOL))
    assert again == blocks
    assert [(b.at, b.text, b.verdict.kind, b.verdict.score, b.verdict.rule) for b in again] == [
        (12, "Share this story", "share_widget", 0.75, "extractor_v1:dom_share"),
        (0, "Menu", "navigation", 1.0, "extractor_v1:dom_navigation")]
