"""Great Expectations behind one small class: an ephemeral context holding the suites, run on
flat pandas frames, with each result turned into a plain `Observation`. GX only validates: the
page that shows the verdict is curate's own (`page.py`), not GX's Data Docs.

Importing this module imports GX, which takes seconds: only the gate does, once it needs it.
"""

from __future__ import annotations

import copy
import importlib.util
import sys
from typing import Any


def _defer(name: str) -> None:
    """Import module `name` on its first use rather than now.

    GX's KL-divergence expectation imports `scipy.stats` at module level, which is a third of
    GX's import time; it is used only when that expectation runs, which the curate suites never do.
    A suite that does use it loads the module then, transparently.
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)


_defer("scipy.stats")  # before GX's import below, which is why these imports come late

import great_expectations as gx  # noqa: E402
import pandas as pd  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402

from curate.validation.outcome import SAMPLES, Observation, shown  # noqa: E402


def _errors(info: dict[str, Any] | None) -> list[str]:
    """Messages of a result's exceptions: GX reports a crash as an unsuccessful result whose
    `exception_info` is either flat or keyed by the metric that raised."""
    if not info:
        return []
    entries = [info] if "raised_exception" in info else [v for v in info.values() if isinstance(v, dict)]
    return [str(e.get("exception_message") or "validator raised") for e in entries if e.get("raised_exception")]


def _sample(entry: dict[str, Any], index: list[str]) -> str:
    """The first non-null index column of an offending row (an id, else its input)."""
    for column in index:
        value = entry.get(column)
        if value is not None and not pd.isna(value):
            return str(value)
    return "(no id)"


def _observation(result: Any, index: list[str]) -> Observation:
    config = result.expectation_config
    found = result.result or {}
    kwargs = {k: v for k, v in config.kwargs.items() if k != "batch_id"}
    pattern = kwargs.get("regex") if config.type == "expect_column_values_to_not_match_regex" else None
    return Observation(
        name=config.meta["name"],
        kwargs=kwargs,
        success=bool(result.success),
        rows=int(found.get("element_count", 0) or 0),
        missing=int(found.get("missing_count", 0) or 0),
        unexpected=int(found.get("unexpected_count", 0) or 0),
        samples=[_sample(e, index) for e in found.get("partial_unexpected_index_list") or []],
        values=[shown(v, pattern) for v in found.get("partial_unexpected_list") or []],
        errors=_errors(result.exception_info),
    )


class GxRunner:
    """The suites registered in one ephemeral context, each with a whole-dataframe batch."""

    def __init__(self, suites: dict[str, dict[str, Any]]) -> None:
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        source = self.context.data_sources.add_pandas("curate")
        self._definitions = {}
        for name, spec in suites.items():
            suite = self.context.suites.add(gx.ExpectationSuite(**copy.deepcopy(spec)))  # GX edits what it gets
            batch = source.add_dataframe_asset(name).add_batch_definition_whole_dataframe("frame")
            self._definitions[name] = self.context.validation_definitions.add(
                gx.ValidationDefinition(name=name, data=batch, suite=suite))

    def run(self, suite: str, frame: pd.DataFrame, parameters: dict[str, Any], index: list[str]) -> list[Observation]:
        """Validate `frame` against `suite`; offending rows are named by the first non-null `index` column."""
        result_format: dict[str, Any] = {"result_format": "SUMMARY", "partial_unexpected_count": SAMPLES,
                                         "return_unexpected_index_query": False}
        if index:
            result_format["unexpected_index_column_names"] = index
        result = self._definitions[suite].run(batch_parameters={"dataframe": frame}, expectation_parameters=parameters,
                                              result_format=result_format)
        return [_observation(r, index) for r in result.results]
