"""The values of the suites' `{"$PARAMETER": ...}` placeholders.

Thresholds are config, never code: what the build promised comes from the build config recorded
in the manifest (policy, splits), what the gate tolerates from the `[validation]` section.
Enumerations come from the schema, so a suite never restates them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from curate.config import Config, SplitsConfig, ValidationConfig
from curate.schema import load_schema

# When neither [validation] nor the policy restricts languages: any code the identifier can give.
ANY_LANGUAGE = "^(?:[a-z]{2,3}|und)$"


def language_pattern(languages: list[str]) -> str:
    return "^(?:" + "|".join(re.escape(code) for code in languages) + ")$" if languages else ANY_LANGUAGE


def row_parameters(config: Config, build: Config) -> dict[str, Any]:
    """Parameters known before any data is read (every suite but the split shares)."""
    gate = config.validation
    return {
        "min_articles": gate.min_articles,
        "min_words": max(1, build.policy.min_words),
        "max_words": build.policy.max_words,
        "allowed_languages": language_pattern(gate.languages or build.policy.languages),
        "splits": load_schema("article").enum_values("split"),
        "reject_statuses": load_schema("reject").enum_values("reject_status"),
        "residual_boilerplate_mostly": 1.0 - gate.max_residual_boilerplate_share,
        "source_name_mostly": 1.0 - gate.max_source_missing_share,
        "max_repeated_content_share": gate.max_repeated_content_share,
        "max_near_duplicate_share": gate.max_near_duplicate_share,
    }


def _smallest(condition: Callable[[int], bool], high: int) -> int:
    """The smallest k in [0, high] for which the monotone `condition` holds (high if none does)."""
    low = 0
    while low < high:
        middle = (low + high) // 2
        if condition(middle):
            high = middle
        else:
            low = middle + 1
    return low


def binomial_range(tail: float, count: int, ratio: float) -> tuple[int, int]:
    """The counts of a Binomial(count, ratio) beyond which each tail holds less than `tail`: the
    quantile functions `ppf(tail)` and `isf(tail)` of `scipy.stats.binom`, from `scipy.special`'s
    distribution functions, which import in a quarter of the time."""
    from scipy.special import bdtr, bdtrc  # P(X <= k), P(X > k)

    return (_smallest(lambda k: bdtr(k, count, ratio) >= tail, count),
            _smallest(lambda k: bdtrc(k, count, ratio) <= tail, count))


def split_share_bounds(splits: SplitsConfig, rows: int, gate: ValidationConfig) -> dict[str, float]:
    """`<split>_share_min/max`: the exact binomial range of the configured ratio, cut where a tail is
    as rare as `sigmas` normal standard deviations, ± slack. Exact, because the normal
    approximation fails a one-document dataset whose document landed in a 5% split."""
    tail = 0.5 * math.erfc(gate.split_tolerance_sigmas / math.sqrt(2))  # the normal's upper tail
    count = max(rows, 1)
    bounds = {}
    for split in load_schema("article").enum_values("split"):
        low, high = binomial_range(tail, count, getattr(splits, split))
        bounds[f"{split}_share_min"] = max(0.0, low / count - gate.split_tolerance)
        bounds[f"{split}_share_max"] = min(1.0, high / count + gate.split_tolerance)
    return bounds


def thresholds(config: Config, build: Config) -> dict[str, Any]:
    """What the gate was configured with, for the manifest: a recorded verdict names its terms."""
    gate = config.validation.model_dump(mode="json", exclude={"waivers", "chunk_rows"})
    return {"validation": gate, "policy": build.policy.model_dump(mode="json"),
            "splits": build.splits.model_dump(mode="json")}
