"""A `VersionDiff` as changelog lines: plain sentences for a dataset card or a release note."""

from __future__ import annotations

from curate.versioning.diff import VersionDiff
from curate.versioning.schema_diff import FieldChange

# Statistics worth a line in a changelog; the rest (per language, per reason) are in the diff.
_HEADLINE_STATS = ("documents.kept", "split.train", "split.validation", "split.test", "words.mean",
                   "boilerplate_ratio.mean", "claims.per_doc")


def _delta(old: float | None, new: float | None) -> str:
    if old is None or new is None:
        return f"{old if old is not None else '-'} -> {new if new is not None else '-'}"
    sign = f" ({new - old:+,})" if isinstance(old, int) and isinstance(new, int) else ""
    return f"{old:,} -> {new:,}{sign}"


def _field(change: FieldChange) -> str:
    retyped = f" ({change.old} -> {change.new})" if change.old and change.new else ""
    return f"{change.path} {change.change}{retyped}"


def changelog(diff: VersionDiff) -> list[str]:
    """One line per kind of change from `diff.old` to `diff.new`, most important first."""
    docs = diff.documents
    lines = [f"{diff.bump} change ({diff.reason})" if diff.bump != "none" else "no change in the data",
             f"documents: {docs.added:,} added, {docs.removed:,} removed, {docs.changed:,} changed, "
             f"{docs.unchanged:,} unchanged" + (f", {docs.moved:,} moved between splits" if docs.moved else "")]
    if diff.schema.changes:
        lines.append("schema: " + "; ".join(map(_field, diff.schema.changes)))
    stats = {s.key: s for s in diff.stats}
    lines += [f"{key}: {_delta(stats[key].old, stats[key].new)}" for key in _HEADLINE_STATS
              if key in stats and stats[key].changed]
    if diff.config:
        lines.append("config: " + "; ".join(f"{c.key} {c.old!r} -> {c.new!r}" for c in diff.config))
    inputs = diff.inputs
    if inputs.added or inputs.removed or inputs.changed:
        lines.append(f"inputs: {len(inputs.added)} added, {len(inputs.removed)} removed, "
                     f"{len(inputs.changed)} changed")
    if diff.old.pipeline_version != diff.new.pipeline_version:
        lines.append(f"pipeline: curate {diff.old.pipeline_version} -> {diff.new.pipeline_version}")
    return lines
