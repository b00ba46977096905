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

Importing this package does not import Great Expectations.
"""

from curate.validate.gate import validate_files, validate_version
from curate.validate.outcome import GateResult, Outcome
from curate.validate.record import recorded_problems

__all__ = ["GateResult", "Outcome", "recorded_problems", "validate_files", "validate_version"]
