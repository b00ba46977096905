"""manifest.json: what a version is made of, and the accounting that proves nothing was lost.

The build writes the manifest as a plain dict (so the JSON, and `reproduce`'s comparison of it,
stay byte-identical); readers get it through `load_manifest`, parsed once into `Manifest`, so a
malformed manifest fails there with the file and the field named rather than as a `KeyError`
deep in a report. Fields added after the first stores were written have defaults, so older
versions still load; fields this model does not know are kept (`model_extra`).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from curate.errors import StoreError
from curate.store.modes import write_atomically

MANIFEST = "manifest.json"


class _Entry(BaseModel):
    # strict: a count written as "12" or a verdict as "yes" is a broken file, not a value to coerce
    model_config = ConfigDict(extra="allow", frozen=True, populate_by_name=True, strict=True)


class SchemaRef(_Entry):
    name: str
    fingerprint: str


class DataFile(_Entry):
    """One Parquet file of a version (a reject file); `path` is relative to the version folder."""

    path: str
    rows: int
    bytes: int
    sha256: str


class Shard(DataFile):
    """An article shard: a data file of one split."""

    split: str


class Accounting(_Entry):
    """read = kept + dropped + rejected, which the gate checks against the rows."""

    read: int
    kept: int
    dropped: int
    rejected: int
    by_split: dict[str, int]
    by_reason: dict[str, int]
    not_documents: dict[str, int] = Field(default_factory=dict)


class Verdict(_Entry):
    """The gate's verdict on a version (`curate.validation.record.manifest_entry` writes it):
    `shards` and `suites` map each validated file and suite to its sha256, so a later change shows."""

    passed: bool
    validated_at: str
    suites: dict[str, str]
    shards: dict[str, str]
    failed: list[str] = Field(default_factory=list)
    waivers: list[dict[str, Any]] = Field(default_factory=list)
    thresholds: dict[str, Any] = Field(default_factory=dict)
    results: str | None = None
    page: str | None = None  # None: validated before the page existed (only GX Data Docs, `data_docs`)


class Manifest(_Entry):
    """A version's manifest as the code reads it. `inputs`, `config`, `dedup` and `published`
    stay dicts: their writers own their shape and readers mostly pass them on."""

    name: str
    version: str
    parent: str | None = None
    created: str
    pipeline_version: str
    stages: list[str]
    schema_: SchemaRef = Field(alias="schema")  # `schema` would shadow BaseModel.schema
    reject_schema: SchemaRef
    config_hash: str
    config: dict[str, Any]
    inputs_hash: str
    inputs: list[dict[str, Any]]
    input_roots: list[str] | None = None  # None: built before roots were recorded
    skipped_inputs: list[str] = Field(default_factory=list)
    rebuilt_from: str | None = None
    templates: dict[str, Any] = Field(default_factory=dict)
    shards: list[Shard]
    rejects: list[DataFile] = Field(default_factory=list)
    accounting: Accounting
    dedup: dict[str, Any] | None = None
    resumed: dict[str, int] = Field(default_factory=dict)
    validation: Verdict | None = None  # None until the gate has run
    published: dict[str, Any] = Field(default_factory=dict)
    version_bump: dict[str, Any] | None = None  # set by `--version auto`

    @classmethod
    def parse(cls, data: Any, where: Path | str) -> Manifest:
        """`data` checked field by field; StoreError naming `where` and the first bad field."""
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(part) for part in error["loc"]) or "(top level)"
            raise StoreError(f"{where} is not a valid manifest: field `{field}`: {error['msg']}") from None

    @property
    def data_files(self) -> list[DataFile]:
        """The article shards, then the reject files."""
        return [*self.shards, *self.rejects]

    @property
    def dedup_references(self) -> list[dict[str, Any]]:
        """The versions this build's near-duplicates were compared with (none when dedup was off)."""
        return list((self.dedup or {}).get("references", []))

    @property
    def dedup_files(self) -> list[dict[str, Any]]:
        """The dedup stage's files (signatures, clusters), empty when dedup was off."""
        return list((self.dedup or {}).get("files", []))


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


def load_manifest(folder: Path) -> Manifest:
    """A version's manifest, parsed; StoreError when it is missing, not JSON or malformed."""
    return Manifest.parse(read_manifest(folder), folder / MANIFEST)


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest's JSON as written, for code that passes it on (or edits and rewrites it)."""
    path = folder / MANIFEST
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return manifest
    except FileNotFoundError as exc:
        raise StoreError(f"{folder} has no {MANIFEST}: not a version") from exc
    except ValueError as exc:
        raise StoreError(f"{path} is not valid JSON: {exc}") from exc
