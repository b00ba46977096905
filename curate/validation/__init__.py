"""The quality gate: Great Expectations suites in `expectations/` decide whether a version may be
published.

    views.py       flat validation view of a shard (GX cannot see inside list/struct columns)
    checks.py      the per-row invariants those flat columns hold
    shards.py      read, schema-check and flatten shards in a bounded process pool
    dataset.py     dataset-level tables: duplicates across shards, split shares, accounting
    parameters.py  the suites' $PARAMETERs from the build config and [validation]
    suites.py      the suite files, their expectation names and fingerprints
    gx_run.py      Great Expectations itself (imported only when the gate runs: it takes seconds)
    outcome.py     one verdict per expectation, aggregated over chunks; waivers
    page.py        the validation page (index.html): every expectation and what it found, escaped
                   (curate's own, not GX's Data Docs: those render scraped values unescaped)
    record.py      results.json, the page, the manifest's `validation` entry, and whether it
                   still vouches for the version (`recorded_problems`, for publishing)
    gate.py        `validate_version` and `validate_files`: all of the above, in order
    standby.py     a build job's gate, prepared (GX imported, suites registered) in a process of
                   its own while the build runs, which then validates the version
    advice.py      the one line that names what to do after a failed gate

Importing this package imports none of them: each public name below is imported on first use,
so the build's policy can judge a row with the gate's own checks and suites (`checks.py`,
`suites.py`) without importing the gate, which imports pandas (and, when it runs, Great
Expectations).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from curate.validation.gate import validate_files, validate_version
    from curate.validation.outcome import GateResult, Outcome
    from curate.validation.record import recorded_problems

__all__ = ["GateResult", "Outcome", "recorded_problems", "validate_files", "validate_version"]
_MODULE_OF = {"GateResult": "outcome", "Outcome": "outcome", "recorded_problems": "record",
              "validate_files": "gate", "validate_version": "gate"}


def __getattr__(name: str) -> Any:
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_MODULE_OF[name]}"), name)
