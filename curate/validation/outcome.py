"""Verdicts: one `Outcome` per expectation over the whole target, and the gate's `GateResult`.

A suite runs once per chunk of shards; counts add up across chunks, and an expectation with
`mostly` is decided on the totals, so a threshold means the same whether the dataset is one shard
or a thousand. An expectation whose validator raised is an error, which fails the gate and cannot
be waived.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

SAMPLES = 5
VALUE_CHARS = 200  # an unexpected value (a whole article's text, say) is shown cut to this
SCHEMA_CHECK = "arrow_schema"  # the check outside GX: a shard's Arrow schema against schemas/
SCHEMA_CHECK_NOTES = "The shard's Arrow schema matches schemas/: column names, order and types."


@dataclass
class Observation:
    """One expectation's result on one chunk, as GX reported it."""

    name: str
    kwargs: dict[str, Any]
    success: bool
    rows: int = 0
    missing: int = 0
    unexpected: int = 0
    samples: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)  # the offending values, cut to VALUE_CHARS
    errors: list[str] = field(default_factory=list)


def shown(value: Any, pattern: str | None = None) -> str:
    """An unexpected value as text, cut to about VALUE_CHARS: around the first match of `pattern`
    when given (what a "must not match" expectation found, deep in an article), else its start."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "null"
    text = str(value)
    if len(text) <= VALUE_CHARS:
        return text
    try:
        found = re.search(pattern, text) if pattern is not None else None
    except re.error:  # a broken pattern is the validator's error to report, not this one's
        found = None
    if found is None:
        return text[:VALUE_CHARS] + "…"
    start = max(0, min(found.start() - VALUE_CHARS // 4, len(text) - VALUE_CHARS))
    return ("…" if start else "") + text[start:start + VALUE_CHARS] + ("…" if start + VALUE_CHARS < len(text) else "")


@dataclass
class Outcome:
    suite: str
    name: str
    type: str
    kwargs: dict[str, Any]
    notes: str = ""  # the suite's explanation of what the expectation guards
    success: bool = True
    rows: int = 0
    missing: int = 0
    unexpected: int = 0
    chunks: int = 0
    samples: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    waiver: str | None = None

    @property
    def key(self) -> str:
        return f"{self.suite}.{self.name}"

    @property
    def status(self) -> str:
        """passed, failed, waived (failed, with a waiver) or error (the validator broke)."""
        if self.errors:
            return "error"
        if self.success:
            return "passed"
        return "waived" if self.waiver else "failed"

    def add(self, seen: Observation, samples: list[str] | None = None) -> None:
        """Fold in one chunk; `samples` replace GX's when the caller knows better (dataset tables)."""
        self.kwargs = seen.kwargs
        self.success = self.success and seen.success
        self.rows += seen.rows
        self.missing += seen.missing
        self.unexpected += seen.unexpected
        self.chunks += 1
        self.errors += seen.errors
        if seen.unexpected or not seen.success:
            self.samples = (self.samples + (samples if samples is not None else seen.samples))[:SAMPLES]
            self.values = (self.values + seen.values)[:SAMPLES]

    def finish(self) -> None:
        """Decide `mostly` on the totals of all chunks, as GX does on one."""
        mostly = self.kwargs.get("mostly")
        if isinstance(mostly, (int, float)) and not self.errors:
            checked = self.rows - self.missing
            self.success = checked == 0 or (checked - self.unexpected) / checked >= mostly


@dataclass
class GateResult:
    outcomes: list[Outcome]
    shards: dict[str, str]  # label -> sha256 of every file validated
    rows: dict[str, int]  # article and reject rows validated
    suites: dict[str, str]  # suite -> fingerprint
    thresholds: dict[str, Any]
    waivers: list[dict[str, Any]]  # each configured waiver and whether it was used
    validated_at: str
    seconds: float

    @property
    def passed(self) -> bool:
        return all(o.status in ("passed", "waived") for o in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status in ("failed", "error")]

    @property
    def waived(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "waived"]

    def to_json(self) -> dict[str, Any]:
        outcomes = [{"expectation": o.key, "status": o.status, **asdict(o)} for o in self.outcomes]
        return {"passed": self.passed, "validated_at": self.validated_at, "seconds": round(self.seconds, 3),
                "failed": [o.key for o in self.failed], "rows": self.rows, "suites": self.suites,
                "shards": self.shards, "thresholds": self.thresholds, "waivers": self.waivers,
                "outcomes": outcomes}
