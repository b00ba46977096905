"""Where versions live: `STORE/<name>/versions/<version>/`, staged under `STORE/<name>/.staging/`.

A version appears whole or not at all: it is written into a staging folder and renamed into
`versions/` in one step, so a reader never sees a half-written version, and an interrupted
build leaves only a staging folder that the next build removes. Whatever writes to a dataset
holds its lock (`Store.lock`), so that removal never touches another build's live folder.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from curate.errors import StoreError
from curate.store.lock import dataset_lock
from curate.store.modes import fresh_folder

# ASCII digits without leading zeros (`\d` takes any script's digits, and `$` a final newline):
# one version has one spelling, so `01.0.0` or `1.0.0\n` can never sit beside `1.0.0`.
_VERSION = re.compile(r"(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def default_store() -> Path:
    """`CURATE_STORE`, else `data/curated` under the current directory."""
    return Path(os.environ.get("CURATE_STORE", "data/curated"))


def version_key(version: str) -> tuple[int, int, int]:
    match = _VERSION.fullmatch(version) if isinstance(version, str) else None
    if not match:
        raise StoreError(f"version {version!r} is not MAJOR.MINOR.PATCH in ASCII digits without leading "
                         "zeros (e.g. 1.0.0)")
    major, minor, patch = (int(g) for g in match.groups())
    return major, minor, patch


def check_name(name: str) -> str:
    if not (isinstance(name, str) and _NAME.fullmatch(name)):
        raise StoreError(f"dataset name {name!r} must be 1-100 letters, digits, '.', '_' or '-'")
    return name


@dataclass(frozen=True)
class Store:
    root: Path

    def dataset(self, name: str) -> Path:
        return self.root / check_name(name)

    def version_dir(self, name: str, version: str) -> Path:
        version_key(version)
        return self.dataset(name) / "versions" / version

    def versions(self, name: str) -> list[str]:
        """Versions of `name`, oldest first."""
        folder = self.dataset(name) / "versions"
        if not folder.is_dir():
            return []
        found = [p.name for p in folder.iterdir() if p.is_dir() and _VERSION.fullmatch(p.name)]
        return sorted(found, key=version_key)

    def latest(self, name: str) -> str | None:
        versions = self.versions(name)
        return versions[-1] if versions else None

    def next_version(self, name: str) -> str:
        """1.0.0 for a new dataset, else the latest with its minor number raised."""
        latest = self.latest(name)
        if latest is None:
            return "1.0.0"
        major, minor, _ = version_key(latest)
        return f"{major}.{minor + 1}.0"

    def require(self, name: str, version: str) -> Path:
        path = self.version_dir(name, version)
        if not (path / "manifest.json").is_file():
            known = ", ".join(self.versions(name)) or "none"
            raise StoreError(f"no version {version} of dataset {name!r} in {self.root} (versions: {known})")
        return path

    @contextmanager
    def lock(self, name: str, action: str) -> Iterator[None]:
        """Hold `name`'s writer lock for the block: a `StoreError` naming the holder when another
        process (or thread) writes the dataset. See `curate.store.lock`."""
        with dataset_lock(self.dataset(name), action):
            yield

    def stage(self, name: str, version: str) -> Path:
        """A fresh staging folder for `version`. The caller holds the dataset's lock, so every
        staging folder left in the dataset is a crashed build's: they are removed first."""
        target = self.version_dir(name, version)
        if target.exists():
            raise StoreError(f"version {version} of {name!r} already exists at {target}: versions are immutable")
        staging_root = self.dataset(name) / ".staging"
        if staging_root.is_dir():
            for stale in staging_root.iterdir():
                shutil.rmtree(stale, ignore_errors=True)
        staging_root.mkdir(parents=True, exist_ok=True)
        return fresh_folder(staging_root, f"{version}-")

    def commit(self, staging: Path, name: str, version: str) -> Path:
        """Rename a finished staging folder into place, atomically."""
        target = self.version_dir(name, version)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            staging.rename(target)
        except OSError as exc:
            raise StoreError(f"cannot move {staging} to {target}: {exc}") from exc
        return target
