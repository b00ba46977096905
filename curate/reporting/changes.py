"""Changes since the parent version: the two manifests compared (accounting, reasons, gate,
config, inputs, stages), plus the document-level diff of `curate diff` (articles added, removed,
changed, moved; the suggested version and its changelog lines).

`compare_with_parent` is the one place the report asks "what changed".
"""

from __future__ import annotations

from typing import Any

from curate.errors import StoreError
from curate.store import Manifest, Store, load_manifest

COUNTS = ("read", "kept", "dropped", "rejected")


def _delta(before: int, after: int) -> dict[str, int]:
    return {"parent": before, "this": after, "change": after - before}


def _gate(manifest: Manifest) -> str:
    entry = manifest.validation
    return "not run" if not entry else ("passed" if entry.passed else "failed")


def compare_with_parent(store: Store, manifest: Manifest) -> dict[str, Any] | None:
    """What changed from the parent version to this one; None for a first version.

    A parent that is no longer in the store is reported as missing rather than failing the report.
    """
    parent = manifest.parent
    if not parent:
        return None
    try:
        before = load_manifest(store.require(manifest.name, parent))
    except StoreError as exc:
        return {"parent": parent, "missing": str(exc)}
    from curate.versioning import changelog, diff_versions

    diff = diff_versions(store, manifest.name, parent, manifest.version)
    old, new = before.accounting, manifest.accounting
    splits = sorted(set(old.by_split) | set(new.by_split))
    reasons = sorted(set(old.by_reason) | set(new.by_reason))
    return {
        "parent": parent,
        "documents": diff.to_dict()["documents"],
        "suggested": {"bump": diff.bump, "reason": diff.reason, "version": diff.suggested_version},
        "changelog": changelog(diff),
        "accounting": {key: _delta(getattr(old, key), getattr(new, key)) for key in COUNTS},
        "by_split": {s: _delta(old.by_split.get(s, 0), new.by_split.get(s, 0)) for s in splits},
        "by_reason": {r: _delta(old.by_reason.get(r, 0), new.by_reason.get(r, 0)) for r in reasons
                      if old.by_reason.get(r, 0) != new.by_reason.get(r, 0)},
        "gate": {"parent": _gate(before), "this": _gate(manifest)},
        "same_config": before.config_hash == manifest.config_hash,
        "same_inputs": before.inputs_hash == manifest.inputs_hash,
        "same_schema": before.schema_ == manifest.schema_,
        "stages": {"added": sorted(set(manifest.stages) - set(before.stages)),
                   "removed": sorted(set(before.stages) - set(manifest.stages))},
    }
