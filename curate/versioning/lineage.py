"""Where a version came from: its parent, inputs, config and pipeline, and what changed in them.

A manifest records its parent (the latest version when it was built), so following parents gives
a version's ancestry. Between two versions, the recorded inputs (uri and sha256) and the recorded
config say *why* their rows differ: new files, edited files, another threshold.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from curate.errors import StoreError
from curate.store import Manifest, Store, load_manifest


@dataclass(frozen=True)
class Lineage:
    """One version's identity as its manifest records it."""

    version: str
    parent: str | None
    created: str
    inputs_hash: str
    config_hash: str
    pipeline_version: str
    schema_fingerprint: str
    rebuilt_from: str | None = None  # set when `curate rebuild` made it from another version's rows

    @classmethod
    def of(cls, manifest: Manifest) -> Lineage:
        return cls(version=manifest.version, parent=manifest.parent, created=manifest.created,
                   inputs_hash=manifest.inputs_hash, config_hash=manifest.config_hash,
                   pipeline_version=manifest.pipeline_version,
                   schema_fingerprint=manifest.schema_.fingerprint, rebuilt_from=manifest.rebuilt_from)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def lineage(store: Store, name: str, version: str) -> list[Lineage]:
    """`version` and its ancestors, newest first, as far as the store still holds them."""
    chain: list[Lineage] = []
    current: str | None = version
    while current is not None and current not in {link.version for link in chain}:
        try:
            manifest = load_manifest(store.require(name, current))
        except StoreError:
            if not chain:
                raise
            break  # an ancestor was deleted: the chain ends where the store does
        chain.append(Lineage.of(manifest))
        current = chain[-1].parent
    return chain


@dataclass(frozen=True)
class ValueChange:
    """A config key or an input whose recorded value differs; None where it is absent."""

    key: str
    old: Any
    new: Any


def _flatten(node: Any, prefix: str, out: dict[str, Any]) -> dict[str, Any]:
    if isinstance(node, dict) and node:
        for key, value in node.items():
            _flatten(value, f"{prefix}.{key}" if prefix else str(key), out)
    else:
        out[prefix] = node
    return out


def config_changes(old: dict[str, Any], new: dict[str, Any]) -> list[ValueChange]:
    """Dotted config keys (`policy.min_words`) whose recorded values differ."""
    before, after = _flatten(old, "", {}), _flatten(new, "", {})
    keys = [*before, *(k for k in after if k not in before)]
    return [ValueChange(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]


@dataclass(frozen=True)
class InputChanges:
    """Input uris added, removed or with other bytes (sha256), from the two manifests."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def input_changes(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> InputChanges:
    before = {entry["uri"]: entry["sha256"] for entry in old}
    after = {entry["uri"]: entry["sha256"] for entry in new}
    return InputChanges(added=sorted(after.keys() - before.keys()), removed=sorted(before.keys() - after.keys()),
                        changed=sorted(u for u in before.keys() & after.keys() if before[u] != after[u]))
