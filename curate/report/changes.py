"""Changes since the parent version, from the two manifests.

`compare_with_parent` is the one place the report asks "what changed": today it compares the
manifests (accounting, reasons, gate, config, inputs, stages). The document-level diff of
`curate diff` (curate/versions/diff.py: articles added, removed and changed) plugs in here, by
extending the dict this function returns; the page renders whatever keys it finds.
"""

from __future__ import annotations

from typing import Any

from curate.errors import StoreError
from curate.store import Store, read_manifest

COUNTS = ("read", "kept", "dropped", "rejected")


def _delta(before: int, after: int) -> dict[str, int]:
    return {"parent": before, "this": after, "change": after - before}


def _gate(manifest: dict[str, Any]) -> str:
    entry = manifest.get("validation")
    return "not run" if not entry else ("passed" if entry["passed"] else "failed")


def compare_with_parent(store: Store, manifest: dict[str, Any]) -> dict[str, Any] | None:
    """What changed from the parent version to this one; None for a first version.

    A parent that is no longer in the store is reported as missing rather than failing the report.
    """
    parent = manifest.get("parent")
    if not parent:
        return None
    try:
        before = read_manifest(store.require(manifest["name"], parent))
    except StoreError as exc:
        return {"parent": parent, "missing": str(exc)}
    old, new = before["accounting"], manifest["accounting"]
    splits = sorted(set(old["by_split"]) | set(new["by_split"]))
    reasons = sorted(set(old["by_reason"]) | set(new["by_reason"]))
    return {
        "parent": parent,
        "accounting": {key: _delta(old[key], new[key]) for key in COUNTS},
        "by_split": {s: _delta(old["by_split"].get(s, 0), new["by_split"].get(s, 0)) for s in splits},
        "by_reason": {r: _delta(old["by_reason"].get(r, 0), new["by_reason"].get(r, 0)) for r in reasons
                      if old["by_reason"].get(r, 0) != new["by_reason"].get(r, 0)},
        "gate": {"parent": _gate(before), "this": _gate(manifest)},
        "same_config": before.get("config_hash") == manifest.get("config_hash"),
        "same_inputs": before.get("inputs_hash") == manifest.get("inputs_hash"),
        "same_schema": before["schema"] == manifest["schema"],
        "stages": {"added": sorted(set(manifest["stages"]) - set(before["stages"])),
                   "removed": sorted(set(before["stages"]) - set(manifest["stages"]))},
    }
