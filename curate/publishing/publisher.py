"""`curate publish`: a validated version, as one commit and one tag, on a target.

Only a version whose recorded gate passed on the very shards it lists (sha256 re-checked now)
and with the suites as they are may go out. The target decides once what publishing will do
(nothing, finish an interrupted publish, or publish: see plan.py); a dry run returns that plan
and a real run carries out exactly it. The commit id is recorded in the manifest under
`published`.

A Hub repository that publishing creates is private unless `private=False` says otherwise: the
articles are scraped news, whose publishers own the text (see the card's License section), so
making them public is a decision for whoever knows their terms. A local repository has no
visibility: `private` given for one is a PublishError, never silently ignored.

`publish` takes no lock of its own: the caller serialises publishes of one dataset.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from curate.errors import PublishError
from curate.publishing.hub import HubRepository, parse_hub_uri
from curate.publishing.local_repo import LocalRepository
from curate.publishing.plan import Action, Plan
from curate.publishing.release import Release, stage_release
from curate.store import Manifest, Store, load_manifest
from curate.store.manifest import update_manifest
from curate.validation.record import recorded_problems


class Target(Protocol):
    uri: str  # how the manifest names it
    repo_id: str  # what `datasets.load_dataset` takes

    def decide(self, release: Release) -> Plan: ...
    def carry_out(self, release: Release, plan: Plan) -> str: ...  # finish or publish; the commit id


@dataclass(frozen=True)
class PublishResult:
    target: str
    repo_id: str
    tag: str
    commit: str | None  # None on a dry run
    created: bool  # the release was committed or finished now (False: it was there already, or a dry run)
    action: Action = "publish"  # what was (on a dry run: would be) done
    plan: list[str] = field(default_factory=list)


def default_target(store: Store, name: str) -> Path:
    """The local dataset repository of `name`: `STORE/NAME/hub`."""
    return store.dataset(name) / "hub"


def open_target(store: Store, name: str, target: str | None, *, api: Any = None,
                private: bool | None = None) -> Target:
    """The target `target` names; `private` (default: True) is for a Hub repository it creates."""
    repo_id = parse_hub_uri(target) if target is not None else None
    if repo_id is not None:
        return HubRepository(repo_id, api=api, private=True if private is None else private)
    where = default_target(store, name) if target is None else Path(target)
    if private is not None:
        raise PublishError(f"{'--private' if private else '--public'} applies to hf://datasets/ORG/NAME targets only: "
                           f"{where} is a local repository, which has no visibility (leave the option out)")
    return LocalRepository(where)


def publish(store: Store, name: str, version: str | None = None, target: str | None = None, *,
            dry_run: bool = False, api: Any = None, private: bool | None = None) -> PublishResult:
    """Publish `version` (default: the latest) of `name` to `target` (default: the local repository).
    `private` is the visibility of a Hub repository this creates (default: private); an existing
    one keeps its own. A real run holds the dataset's lock (it writes the manifest, and the
    default target lives in the dataset's folder); a dry run changes nothing and takes none."""
    if dry_run:
        return _publish(store, name, version, target, dry_run=True, api=api, private=private)
    with store.lock(name, "publish"):
        return _publish(store, name, version, target, dry_run=False, api=api, private=private)


def _publish(store: Store, name: str, version: str | None, target: str | None, *, dry_run: bool,
             api: Any, private: bool | None) -> PublishResult:
    version = version or store.latest(name)
    if version is None:
        raise PublishError(f"dataset {name!r} has no versions in {store.root}")
    folder = store.require(name, version)
    problems = recorded_problems(folder)
    if problems:
        raise PublishError(f"{name} {version} may not be published: {'; '.join(problems)} "
                           f"(run `curate validate {name} {version}`, or in Python "
                           f"`curate.validate({name!r}, {version!r})`)")
    manifest = load_manifest(folder)
    repo = open_target(store, name, target, api=api, private=private)
    with tempfile.TemporaryDirectory(prefix="curate-release-") as staging:
        release = stage_release(folder, manifest, changes(store, manifest), repo.repo_id, repo.uri, Path(staging))
        plan = repo.decide(release)
        if dry_run:
            return PublishResult(repo.uri, repo.repo_id, release.tag, None, False, plan.action, list(plan.steps))
        commit = plan.commit if plan.action == "nothing" else repo.carry_out(release, plan)
    published = dict(manifest.published or {})
    if published.get(repo.uri, {}).get("commit") != commit:
        published[repo.uri] = {"commit": commit, "tag": release.tag,
                               "published_at": datetime.now(UTC).isoformat(timespec="seconds")}
        update_manifest(folder, "published", published)
    return PublishResult(repo.uri, repo.repo_id, release.tag, commit, plan.action != "nothing", plan.action,
                         list(plan.steps))


def changes(store: Store, manifest: Manifest) -> list[str]:
    """The card's changelog: the diff against the parent version, a line per kind of change."""
    from curate.versioning import changelog, diff_versions

    parent = manifest.parent
    if not parent:
        return []
    return changelog(diff_versions(store, manifest.name, parent, manifest.version))
