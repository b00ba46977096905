"""What the API's calls return: typed results a notebook can inspect and a command can print or
dump as JSON (`to_dict`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate.store.manifest import Accounting, Manifest
from curate.validation.advice import next_step

if TYPE_CHECKING:
    from curate.validation import GateResult


@dataclass(frozen=True)
class Validation:
    """A gate run: the verdict of every expectation (`gate`), where its page is (`folder`: None
    for files validated without `out`), and the report `validate` rewrote to show it, if any."""

    gate: GateResult
    folder: Path | None
    name: str | None = None
    version: str | None = None
    report: Path | None = None

    @property
    def passed(self) -> bool:
        return self.gate.passed

    @property
    def failed(self) -> list[str]:
        """`<suite>.<name>` of every expectation that failed or broke."""
        return [outcome.key for outcome in self.gate.failed]

    @property
    def next_step(self) -> str | None:
        """One line on how to go on after a failure; None when the gate passed."""
        return None if self.passed else next_step(self.failed, self.name, self.version)

    def to_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "failed": self.failed, "next_step": self.next_step,
                "page": str(self.folder / "index.html") if self.folder else None,
                "waived": [outcome.key for outcome in self.gate.waived], "rows": self.gate.rows,
                "seconds": round(self.gate.seconds, 3), "report": str(self.report) if self.report else None}


@dataclass(frozen=True)
class VersionResult:
    """A version that `build` or `rebuild` made, with its gate (None when not run) and report
    (None when not written). A failed gate leaves the version in the store: `passed` says so.
    `seconds` is the build's own time, without the gate and the report."""

    name: str
    path: Path
    manifest: Manifest
    validation: Validation | None
    report: Path | None
    seconds: float

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def accounting(self) -> dict[str, Any]:
        """read = kept + dropped + rejected, and the count of each reason."""
        return self.manifest.accounting.model_dump()

    @property
    def passed(self) -> bool | None:
        """The gate's verdict; None when it was not run."""
        return None if self.validation is None else self.validation.passed

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "version": self.version, "path": str(self.path), "accounting": self.accounting,
                "version_bump": self.manifest.version_bump, "seconds": round(self.seconds, 3),
                "validation": self.validation.to_dict() if self.validation else None,
                "report": str(self.report) if self.report else None}


@dataclass(frozen=True)
class VersionInfo:
    """One version of a dataset as `versions` lists it."""

    version: str
    parent: str | None
    created: str
    accounting: Accounting
    gate: str  # passed, failed or not run

    def to_dict(self) -> dict[str, Any]:
        return {"version": self.version, "parent": self.parent, "created": self.created,
                "accounting": self.accounting.model_dump(), "gate": self.gate}
