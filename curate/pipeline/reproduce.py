"""`curate reproduce`: rebuild a version from what its manifest records and prove the shards match.

A version made by `curate build` is built again from its recorded inputs (found under the recorded
`input_roots`, or where the caller says they moved) after checking that every input still has its
recorded sha256; a version made by `curate rebuild` is re-annotated again from the version it was
rebuilt from, after checking that version's shards. Either way it is the recorded config that runs,
into a throwaway store beside the dataset, and every shard's sha256 is compared three ways: as the
manifest records it, as it is on disk, and as the new build wrote it.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from curate.config import Config
from curate.errors import ConfigError, InputError
from curate.store import Store
from curate.store.manifest import MANIFEST, Manifest, file_sha256
from curate.versioning.refs import VersionRef, open_version

Progress = Callable[[str, int], None]


@dataclass(frozen=True)
class InputCheck:
    """An input that is not as recorded: `actual` None when it is gone, `expected` None when new."""

    uri: str
    expected: str | None
    actual: str | None


@dataclass(frozen=True)
class ShardCheck:
    """One shard's sha256 as the manifest records it, as stored, and as the reproduction wrote it."""

    path: str
    recorded: str
    stored: str | None  # None: the file is missing from the version
    rebuilt: str | None  # None: the reproduction wrote no such shard

    @property
    def ok(self) -> bool:
        return self.recorded == self.stored == self.rebuilt

    @property
    def why(self) -> str:
        if self.ok:
            return "byte-identical"
        reasons = []
        if self.stored != self.recorded:
            reasons.append("stored file missing" if self.stored is None else "stored file changed since the build")
        if self.rebuilt is None:
            reasons.append("not written by the reproduction")
        elif self.rebuilt != self.recorded:
            reasons.append("reproduction wrote other bytes")
        return "; ".join(reasons)


@dataclass(frozen=True)
class Reproduction:
    """The verdict of `reproduce`; `ok` only when every input and every shard is as recorded."""

    name: str
    version: str
    method: Literal["build", "rebuild"]
    inputs: list[InputCheck] = field(default_factory=list)
    shards: list[ShardCheck] = field(default_factory=list)
    extra_shards: list[str] = field(default_factory=list)  # written by the reproduction, not recorded
    causes: list[str] = field(default_factory=list)  # recorded vs reproduced pipeline, config, schema

    @property
    def ok(self) -> bool:
        return not self.inputs and not self.extra_shards and bool(self.shards) and all(s.ok for s in self.shards)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok,
                "shards": [{**asdict(s), "ok": s.ok, "why": s.why} for s in self.shards]}


def recorded_config(manifest: Manifest, workers: int | None = None) -> Config:
    """The config a version was built with, as its manifest records it, run by the local executor
    (the executor never changes a row, and the cluster a version was built on may be gone)."""
    data = dict(manifest.config)
    data["executor"] = {**data.get("executor", {}), "engine": "local", "ray_address": None}
    if workers is not None:
        data["executor"]["workers"] = workers
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"version {manifest.version} records a config this curate cannot load "
                          f"(built by curate {manifest.pipeline_version}): {exc}") from exc


def check_inputs(recorded: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[InputCheck]:
    """Inputs whose sha256 differs from the record, that are gone, or that are new."""
    before = {entry["uri"]: entry["sha256"] for entry in recorded}
    after = {entry["uri"]: entry["sha256"] for entry in found}
    return [InputCheck(uri, before.get(uri), after.get(uri))
            for uri in sorted(before.keys() | after.keys()) if before.get(uri) != after.get(uri)]


def _input_roots(manifest: Manifest, inputs: list[Path] | None) -> list[Path]:
    if inputs:
        return inputs
    roots = manifest.input_roots
    if not roots:
        raise InputError(f"version {manifest.version} records no input paths (built before curate recorded "
                         f"them): pass the inputs again with --inputs PATH")
    return [Path(root) for root in roots]


def _causes(recorded: Manifest, rebuilt: Manifest) -> list[str]:
    """Which recorded facts the reproduction did not share: why its shards may differ."""
    causes = [f"{label}: recorded {before}, reproduced {after}" for label, before, after in (
        ("pipeline version", recorded.pipeline_version, rebuilt.pipeline_version),
        ("stage versions", recorded.stages, rebuilt.stages),
        ("config hash", recorded.config_hash, rebuilt.config_hash)) if before != after]
    for label, old, new in (("schema", recorded.schema_, rebuilt.schema_),
                            ("reject schema", recorded.reject_schema, rebuilt.reject_schema)):
        if old.fingerprint != new.fingerprint:
            causes.append(f"{label} {new.name}: recorded fingerprint {old.fingerprint[:12]}, "
                          f"today's {new.fingerprint[:12]}")
    return causes


def _shard_checks(ref: VersionRef, rebuilt: Manifest) -> tuple[list[ShardCheck], list[str]]:
    made = {entry.path: entry.sha256 for entry in rebuilt.data_files}
    checks = []
    for entry in ref.manifest.data_files:
        path = ref.folder / entry.path
        stored = file_sha256(path) if path.is_file() else None
        checks.append(ShardCheck(entry.path, entry.sha256, stored, made.get(entry.path)))
    recorded = {check.path for check in checks}
    return checks, sorted(p for p in made if p not in recorded)


@contextmanager
def _scratch(store: Store, name: str) -> Iterator[Store]:
    """A throwaway store inside the dataset's folder (same disk as the version), removed after."""
    parent = store.dataset(name)
    folder = Path(tempfile.mkdtemp(prefix=".reproduce-", dir=parent))
    try:
        yield Store(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def reproduce(store: Store, name: str, version: str, *, inputs: list[Path] | None = None,
              workers: int | None = None, on_progress: Progress | None = None) -> Reproduction:
    """Rebuild `version` of `name` from its recorded inputs and config; compare every shard."""
    from curate.pipeline.build import build, input_entries
    from curate.pipeline.rebuild import rebuild
    from curate.readers import discover

    ref = open_version(store, name, version)
    config = recorded_config(ref.manifest, workers)
    source = ref.manifest.rebuilt_from
    # near-duplicates were looked for in these versions of this store (the parent, ...): again
    compared = (store, ref.manifest.dedup_references)
    with _scratch(store, name) as scratch:
        if source is not None:
            origin = open_version(store, name, source)
            changed = [InputCheck(f"{source}/{c.path}", c.recorded, c.stored)
                       for c in _shard_checks(origin, origin.manifest)[0] if c.stored != c.recorded]
            if changed:
                return Reproduction(name, version, "rebuild", inputs=changed)
            link = scratch.version_dir(name, source)
            link.parent.mkdir(parents=True)
            link.symlink_to(origin.folder.resolve(), target_is_directory=True)  # read, never written
            made = rebuild(name, source, config, store=scratch, version=version, on_progress=on_progress,
                           references=compared)
            method: Literal["build", "rebuild"] = "rebuild"
        else:
            roots = _input_roots(ref.manifest, inputs)
            files, _ = discover(roots)
            changed = check_inputs(ref.manifest.inputs, input_entries(files))
            if changed:
                return Reproduction(name, version, "build", inputs=changed)
            made = build(roots, name, config, store=scratch, version=version, on_progress=on_progress,
                         references=compared)
            method = "build"
    reproduced = Manifest.parse(made.manifest, made.path / MANIFEST)
    shards, extra = _shard_checks(ref, reproduced)
    causes = [] if all(s.ok for s in shards) and not extra else _causes(ref.manifest, reproduced)
    return Reproduction(name, version, method, shards=shards, extra_shards=extra, causes=causes)
