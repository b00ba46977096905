"""The suites in `expectations/`: Great Expectations 1.x JSON, read as plain dicts.

Each expectation carries a stable `meta.name`; `<suite>.<name>` is how results, waivers and the
manifest refer to it. A suite's fingerprint is the sha256 of its canonical JSON, so a recorded
validation can be matched to the exact suites it ran.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from importlib import resources
from typing import Any

# Order matters only for reports: rows, rejects, then the dataset-level tables.
SUITES = ("article_rows", "rejects", "dataset", "accounting")


@cache
def _load(name: str) -> str:
    return (resources.files("curate.expectations") / f"{name}.json").read_text(encoding="utf-8")


def load_suites() -> dict[str, dict[str, Any]]:
    """Every suite by name, checked to give each expectation a unique `meta.name`."""
    suites = {}
    for name in SUITES:
        spec = json.loads(_load(name))
        names = [e.get("meta", {}).get("name") for e in spec["expectations"]]
        if None in names or len(set(names)) != len(names):
            raise ValueError(f"expectations/{name}.json: every expectation needs a unique meta.name, got {names}")
        suites[name] = spec
    return suites


def fingerprint(spec: dict[str, Any]) -> str:
    """sha256 of the suite's canonical JSON: changes with any expectation, threshold or note."""
    canonical = json.dumps(spec, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()

