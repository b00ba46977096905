from __future__ import annotations

import pytest

from curate.config import Config
from curate.validate.parameters import split_share_bounds


def test_one_document_in_a_small_split_is_not_a_defect() -> None:
    config = Config()
    bounds = split_share_bounds(config.splits, 1, config.validation)
    assert bounds["validation_share_max"] == 1.0 and bounds["train_share_min"] == 0.0


@pytest.mark.parametrize(("rows", "width"), [(2225, 0.08), (100_000, 0.03)])
def test_bounds_tighten_with_size(rows: int, width: float) -> None:
    config = Config()
    bounds = split_share_bounds(config.splits, rows, config.validation)
    assert bounds["train_share_min"] < 0.9 < bounds["train_share_max"]
    assert bounds["train_share_max"] - bounds["train_share_min"] < width
