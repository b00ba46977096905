"""The calls that read the store: the versions of a dataset, one of them as a `datasets` object
(only when its gate passed, unless insisted), and what changed between two."""

from __future__ import annotations

import logging
import warnings
from typing import TYPE_CHECKING, Any

from curate.api.options import StoreLike, open_store
from curate.api.results import VersionInfo
from curate.errors import StoreError
from curate.schema import article_schema_of
from curate.store import Manifest, Store, load_manifest

if TYPE_CHECKING:
    from curate.versioning import VersionDiff

log = logging.getLogger(__name__)


def versions(name: str, *, store: StoreLike = None) -> list[VersionInfo]:
    """The versions of `name`, oldest first, each with its parent, accounting and gate verdict."""
    where = open_store(store)
    found = []
    for version in where.versions(name):
        manifest = load_manifest(where.version_dir(name, version))
        found.append(VersionInfo(version, manifest.parent, manifest.created, manifest.accounting,
                                 _verdict(manifest)))
    return found


def _verdict(manifest: Manifest) -> str:
    gate = manifest.validation
    return "not run" if gate is None else ("passed" if gate.passed else "failed")


def load(name: str, version: str | None = None, *, split: str | None = None, store: StoreLike = None,
         allow_failed: bool = False) -> Any:
    """A version (default: the latest) as a `DatasetDict` of its splits, or one split's `Dataset`.

    A version whose quality gate failed or never ran is refused (StoreError, naming what to do),
    the latest one too: a notebook gets the rows the gate vouched for or an error, never other rows
    silently. `allow_failed=True` loads it anyway, with a warning.

    Splits with no rows are left out of the `DatasetDict`; asking for one by name gives an
    empty `Dataset` with the same Features.
    """
    import datasets

    where = open_store(store)
    version = version or where.latest(name)
    if version is None:
        raise StoreError(f"dataset {name!r} has no versions in {where.root}")
    folder = where.require(name, version)
    manifest = load_manifest(folder)
    _check_gate(where, name, version, manifest, allow_failed)
    features = article_schema_of(manifest).features()
    files: dict[str, list[str]] = {}
    for shard in manifest.shards:
        if shard.rows:
            files.setdefault(shard.split, []).append(str(folder / shard.path))

    def one(split_name: str) -> datasets.Dataset:
        if split_name not in files:
            return datasets.Dataset.from_list([], features=features, split=split_name)
        return datasets.Dataset.from_parquet(files[split_name], features=features, split=split_name,
                                             keep_in_memory=False)

    if split is not None:
        return one(split)
    return datasets.DatasetDict({s: one(s) for s in files})


def _check_gate(store: Store, name: str, version: str, manifest: Manifest, allow_failed: bool) -> None:
    """Refuse (or with `allow_failed`, warn about) a version its gate does not vouch for."""
    verdict = _verdict(manifest)
    if verdict == "passed":
        return
    problem = ("its quality gate never ran" if verdict == "not run"
               else f"its quality gate failed ({', '.join(manifest.validation.failed if manifest.validation else [])})")
    if allow_failed:
        warnings.warn(f"curate.load: {name} {version} is loaded although {problem}", UserWarning, stacklevel=3)
        return
    if verdict == "not run":
        hint = f"run it first: curate.validate({name!r}, {version!r})"
    else:
        passed = [v.version for v in versions(name, store=store) if v.gate == "passed"]
        hint = (f"load the latest version that passed: curate.load({name!r}, {passed[-1]!r})" if passed
                else "no version of it passed: see the validation page in the version")
    raise StoreError(f"{name} {version} is not loaded: {problem}; {hint}, or pass allow_failed=True to load "
                     "it anyway")


def diff(name: str, old: str, new: str, *, store: StoreLike = None) -> VersionDiff:
    """What changed from version `old` to `new` of `name`, and the version number that calls for."""
    from curate.versioning import diff_versions

    return diff_versions(open_store(store), name, old, new)
