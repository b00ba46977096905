from __future__ import annotations

import pytest

from curate.config import Config
from curate.validation.parameters import binomial_range, split_share_bounds


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


@pytest.mark.parametrize("count", [1, 2, 7, 20, 2225, 100_000, 3_000_000])
@pytest.mark.parametrize("ratio", [0.0, 0.05, 0.5, 0.9, 1.0])
@pytest.mark.parametrize("sigmas", [1.0, 4.0, 6.0])
def test_binomial_range_is_scipy_stats_quantiles(count: int, ratio: float, sigmas: float) -> None:
    stats = pytest.importorskip("scipy.stats")
    tail = stats.norm.sf(sigmas)
    expected = (int(stats.binom.ppf(tail, count, ratio)), int(stats.binom.isf(tail, count, ratio)))
    assert binomial_range(tail, count, ratio) == expected
