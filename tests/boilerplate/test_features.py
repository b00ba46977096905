"""Line features on short documents written for this test."""

from __future__ import annotations

from math import log

import pytest

from curate.boilerplate.features import NAMES, dense_block, document_features, line_units

PROSE = "The council approved the budget on Wednesday after a long and bitter debate."
COLUMN = {name: i for i, name in enumerate(NAMES)}


def test_one_row_per_non_blank_line() -> None:
    text = ["Home", "", PROSE, "", "Share"]
    rows = document_features(text, [True, False, False, False, True])
    assert len(rows) == 3
    assert all(len(row) == len(NAMES) for row in rows)
    assert document_features([], []) == []


def test_line_shape() -> None:
    rows = document_features(["Home", PROSE, "Prices, rents and wages rose"], [False] * 3)
    home, prose, listed = rows
    assert home[COLUMN["log_units"]] == pytest.approx(log(2))
    assert prose[COLUMN["sentence_end"]] == 1.0 and home[COLUMN["sentence_end"]] == 0.0
    assert listed[COLUMN["comma_rate"]] == pytest.approx(1 / 5)
    assert prose[COLUMN["prev_log_units"]] == pytest.approx(log(2))
    assert home[COLUMN["prev_log_units"]] == 0.0  # no line before


def test_units_count_cjk_characters_as_half_words() -> None:
    assert line_units("three plain words") == 3
    assert line_units("市議会は水曜日に予算を承認した") == 1 + 15 // 2


def test_segments_and_block() -> None:
    text = ["Home", "News", PROSE, PROSE + " Again.", "Share", "Related headline here"]
    ruled = [True, True, False, False, True, False]
    rows = document_features(text, ruled)
    body, tail = rows[2], rows[5]
    assert body[COLUMN["segment_share"]] == 1.0 and tail[COLUMN["segment_share"]] == 0.0
    assert body[COLUMN["segment_lines"]] == pytest.approx(log(2))
    assert body[COLUMN["block_distance"]] == 0.0
    assert tail[COLUMN["block_distance"]] > 0 > rows[0][COLUMN["block_distance"]]
    assert tail[COLUMN["ruled_between"]] == pytest.approx(log(2))  # "Share" lies between


def test_dense_block() -> None:
    assert dense_block([-1, 5, -2, 4, -9, 3]) == (1, 3)
    assert dense_block([-1, -2]) == (0, -1)


def test_an_inline_leftover_does_not_cut_the_segment() -> None:
    text = ["Home", PROSE, "Photo: Jane Roe", PROSE + " Again.", "Share"]
    ruled = [True, False, True, False, True]
    cut = document_features(text, ruled)
    whole = document_features(text, ruled, [False, False, True, False, False])
    assert 0 < cut[1][COLUMN["segment_share"]] < 0.5 < cut[3][COLUMN["segment_share"]]
    assert whole[1][COLUMN["segment_share"]] == whole[3][COLUMN["segment_share"]] == 1.0
    assert whole[1][COLUMN["segment_lines"]] == pytest.approx(log(3))
