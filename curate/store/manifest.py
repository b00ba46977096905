"""manifest.json: what a version is made of, and the accounting that proves nothing was lost."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from curate.errors import StoreError
from curate.store.modes import write_atomically

MANIFEST = "manifest.json"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(2**20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Written aside and renamed over the old one, so a reader never sees it half-written."""
    write_atomically(folder / MANIFEST, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode())


def update_manifest(folder: Path, key: str, value: Any) -> dict[str, Any]:
    """Set one top-level entry of a version's manifest (the gate's verdict, a publication);
    returns the updated manifest."""
    manifest = read_manifest(folder)
    manifest[key] = value
    write_manifest(folder, manifest)
    return manifest


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return manifest
    except FileNotFoundError as exc:
        raise StoreError(f"{folder} has no {MANIFEST}: not a version") from exc
    except ValueError as exc:
        raise StoreError(f"{path} is not valid JSON: {exc}") from exc
