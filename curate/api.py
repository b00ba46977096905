"""The Python API: build a version, load one as a `datasets.Dataset` with the schema's Features,
diff two versions, reproduce one and publish one as a Hugging Face dataset."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from curate.config import Config
from curate.schema import load_schema
from curate.store import Store, default_store, read_manifest

if TYPE_CHECKING:
    from curate.publishing import PublishResult
    from curate.versions import VersionDiff
    from curate.versions.reproduce import Reproduction


def build(inputs: list[str | Path], name: str, config: Config | None = None, *,
          version: str | None = None, store: str | Path | None = None, resume: bool = True) -> Path:
    """Build a new version from files or folders; returns the version's folder. A build of the
    same inputs that was killed or crashed is resumed from the batches it finished (`resume`)."""
    from curate.pipeline.build import build as run_build

    result = run_build([Path(p) for p in inputs], name, config or Config(),
                       store=Store(Path(store) if store else default_store()), version=version, resume=resume)
    return result.path


def load(name: str, version: str | None = None, *, split: str | None = None,
         store: str | Path | None = None) -> Any:
    """A version (default: the latest) as a `DatasetDict` of its splits, or one split's `Dataset`.

    Splits with no rows are left out of the `DatasetDict`; asking for one by name gives an
    empty `Dataset` with the same Features.
    """
    import datasets

    where = Store(Path(store) if store else default_store())
    version = version or where.latest(name)
    if version is None:
        from curate.errors import StoreError

        raise StoreError(f"dataset {name!r} has no versions in {where.root}")
    folder = where.require(name, version)
    manifest = read_manifest(folder)
    features = load_schema("article").features()
    files: dict[str, list[str]] = {}
    for shard in manifest["shards"]:
        if shard["rows"]:
            files.setdefault(shard["split"], []).append(str(folder / shard["path"]))

    def one(split_name: str) -> datasets.Dataset:
        if split_name not in files:
            return datasets.Dataset.from_list([], features=features, split=split_name)
        return datasets.Dataset.from_parquet(files[split_name], features=features, split=split_name,
                                             keep_in_memory=False)

    if split is not None:
        return one(split)
    return datasets.DatasetDict({s: one(s) for s in files})


def diff(name: str, old: str, new: str, *, store: str | Path | None = None) -> VersionDiff:
    """What changed from version `old` to `new` of `name`, and the version number that calls for."""
    from curate.versions import diff_versions

    return diff_versions(Store(Path(store) if store else default_store()), name, old, new)


def reproduce(name: str, version: str, *, store: str | Path | None = None,
              inputs: list[str | Path] | None = None) -> Reproduction:
    """Rebuild `version` from its recorded inputs and config; `.ok` when every shard is byte-identical."""
    from curate.versions.reproduce import reproduce as run_reproduce

    return run_reproduce(Store(Path(store) if store else default_store()), name, version,
                         inputs=[Path(p) for p in inputs] if inputs else None)


def publish(name: str, version: str | None = None, *, to: str | None = None, store: str | Path | None = None,
            dry_run: bool = False, private: bool | None = None) -> PublishResult:
    """Publish a validated version (default: the latest) to `to`: a local folder or
    `hf://datasets/ORG/NAME` (default: the local repository `STORE/NAME/hub`). A Hub repository
    it creates is private unless `private=False`; `private` for a local target is a PublishError."""
    from curate.publishing import publish as run_publish

    return run_publish(Store(Path(store) if store else default_store()), name, version, to, dry_run=dry_run,
                       private=private)
