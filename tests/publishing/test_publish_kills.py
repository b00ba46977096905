"""kill -9 of a local publish at every step boundary, then a retry.

Each publish runs in its own process with `CURATE_TEST_KILL_AT=<step>` (the test-only hook in
curate/publishing/plan.py), so the point is exact: forked from one process that has imported
curate once (a fresh `curate` costs seconds of imports), and once through the real command
line. The tests check what the kill left (the crash-safety argument in local_repo.py, step by
step), that the dry run then says what the retry does, and that the retry ends with exactly one
new commit on main, one tag on it, a clean checkout equal to the tag, no lock file, no stray
commit, and a repository `datasets.load_dataset` loads.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import datasets
import pyarrow.parquet as pq
import pytest

from curate.errors import PublishError
from curate.publishing import publish
from curate.publishing.local_repo import MARKER
from curate.publishing.plan import KILL_AT
from curate.publishing.publisher import default_target
from curate.store import Store, read_manifest
from curate.store.manifest import file_sha256

NEXT = "2.0.0"
# The boundaries of a publish, in order; `init` only when the repository is created.
FIRST_STEPS = ("marker", "init", "tag", "main")
NEXT_STEPS = ("marker", "objects", "tree", "commit", "tag", "main", "head", "checkout", "unmarked")
TAGGED = {"tag", "main", "head", "checkout", "unmarked"}  # the kill came after the tag was made
MOVED = {"main", "head", "checkout", "unmarked"}  # ... after main was moved
STALE_CHECKOUT = {"main", "head"}  # ... before the checkout was reset to main


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def next_version(store: Store, version: str, new: str) -> None:
    """`new`: `version` with its test shard gone and one row less in train, recorded as validated
    (what a real second build with changed inputs gives, without building and validating again)."""
    shutil.copytree(store.version_dir("sample", version), store.version_dir("sample", new))
    folder = store.version_dir("sample", new)
    manifest = read_manifest(folder)
    gate = manifest["validation"]["shards"]
    for shard in [s for s in manifest["shards"] if s["split"] == "test"]:
        manifest["shards"].remove(shard)
        del gate[shard["path"]]
        (folder / shard["path"]).unlink()
    train = next(s for s in manifest["shards"] if s["split"] == "train")
    table = pq.read_table(folder / train["path"])
    pq.write_table(table.slice(0, table.num_rows - 1), folder / train["path"])
    train.update(rows=table.num_rows - 1, bytes=(folder / train["path"]).stat().st_size,
                 sha256=file_sha256(folder / train["path"]))
    gate[train["path"]] = train["sha256"]
    (folder / "manifest.json").write_text(json.dumps({**manifest, "version": new, "parent": version}),
                                          encoding="utf-8")


@dataclass
class Killed:
    store: Store
    version: str  # the version whose publish was killed
    before: list[str]  # main's commits before it
    tags: set[str]  # the tags before it


def _prepare(root: Path, sample: Path, scenario: str) -> Killed:
    store = Store(root / "store")
    shutil.copytree(sample, store.version_dir("sample", sample.name))
    return Killed(store, sample.name, [], set()) if scenario == "first" else _prepare_next(store, sample.name)


def _prepare_next(store: Store, version: str) -> Killed:
    """`version` published in `store`, and NEXT ready to publish over it."""
    publish(store, "sample", version)
    next_version(store, version, NEXT)
    repo = default_target(store, "sample")
    return Killed(store, NEXT, _git(repo, "rev-list", "main").split(), set(_git(repo, "tag").split()))


# Reads [store, version, step] lines; forks a child per line that publishes with the kill point
# set, and answers with the child's exit code (-9: killed).
_FORKER = f"""
import json, os, sys, traceback
from pathlib import Path
from curate.publishing import publish
from curate.store import Store
import datasets  # the card imports it: once here, not in every child
for line in sys.stdin:
    store, version, step = json.loads(line)
    child = os.fork()
    if child == 0:
        os.environ[{KILL_AT!r}] = step
        try:
            publish(Store(Path(store)), "sample", version)
        except BaseException:
            traceback.print_exc()
        os._exit(3)
    print(os.waitstatus_to_exitcode(os.waitpid(child, 0)[1]), flush=True)
"""


class Killer:
    """One process that imported curate, forking a publish per kill. A killed publish cannot
    remove its staging folder (the card and croissant.json): `scratch` is TMPDIR, so those stay
    among the test's own files."""

    def __init__(self, scratch: Path) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", _FORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        text=True, env={**os.environ, "HF_HUB_OFFLINE": "1", "TMPDIR": str(scratch)})

    def kill_at(self, killed: Killed, step: str) -> None:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps([str(killed.store.root), killed.version, step]) + "\n")
        self.process.stdin.flush()
        code = self.process.stdout.readline().strip()
        assert code == str(-signal.SIGKILL), f"the publish was not killed at {step}: exit {code!r}"


@pytest.fixture(scope="module")
def killer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Killer]:
    killer = Killer(tmp_path_factory.mktemp("tmpdir"))
    yield killer
    killer.process.communicate()


@pytest.fixture(scope="module")
def killed(tmp_path_factory: pytest.TempPathFactory, validated_sample: Path,
           killer: Killer) -> dict[tuple[str, str], Killed]:
    """A store per (scenario, step) whose publish was SIGKILLed at that step: `first` creates the
    repository, `next` publishes 2.0.0 (other shards) over a published 1.0.0."""
    runs = {(scenario, step): _prepare(tmp_path_factory.mktemp(f"{scenario}-{step}"), validated_sample, scenario)
            for scenario, steps in (("first", FIRST_STEPS), ("next", NEXT_STEPS)) for step in steps}
    for (_, step), run in runs.items():
        killer.kill_at(run, step)
    return runs


def _what_the_kill_left(repo: Path, killed: Killed, step: str) -> None:
    tag = f"v{killed.version}"
    assert (repo / ".git" / MARKER).exists() == (step != "unmarked")
    if step == "marker" and not killed.before:
        assert not (repo / ".git" / "HEAD").exists()  # the repository was not even created
        return
    assert (tag in _git(repo, "tag").split()) == (step in TAGGED)
    main = _git(repo, "rev-list", "main").split() if _git(repo, "branch", "--list", "main").strip() else []
    assert (main[1:] == killed.before and len(main) == len(killed.before) + 1) == (step in MOVED)
    if step not in MOVED:
        assert main == killed.before  # nothing visible changed
    assert bool(_git(repo, "status", "--porcelain").strip()) == (step in STALE_CHECKOUT)


@pytest.mark.parametrize(("scenario", "step"), [("first", s) for s in FIRST_STEPS] + [("next", s) for s in NEXT_STEPS])
def test_a_retry_after_a_kill_ends_with_one_commit_and_one_tag(killed: dict[tuple[str, str], Killed], scenario: str,
                                                               step: str, tmp_path: Path) -> None:
    run = killed[(scenario, step)]
    repo = default_target(run.store, "sample")
    tag = f"v{run.version}"
    _what_the_kill_left(repo, run, step)

    planned = publish(run.store, "sample", run.version, dry_run=True)
    expected = "nothing" if step == "unmarked" else "finish" if step in TAGGED else "publish"
    assert planned.action == expected, planned.plan
    if expected == "finish":
        assert planned.plan[0].startswith(f"finish the interrupted publish of {tag}")

    result = publish(run.store, "sample", run.version)
    assert (result.action, result.plan) == (planned.action, planned.plan)  # the dry run said what it did
    commits = _git(repo, "rev-list", "main").split()
    assert commits[1:] == run.before and commits[0] == result.commit  # exactly one new commit, on main
    assert set(_git(repo, "tag").split()) == run.tags | {tag}
    assert _git(repo, "rev-parse", f"{tag}^{{commit}}").strip() == result.commit
    assert _git(repo, "cat-file", "-t", tag).strip() == "tag"  # annotated
    assert _git(repo, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    assert _git(repo, "status", "--porcelain", "--ignored") == ""  # the checkout is the tag, nothing else
    assert not (repo / ".git" / "index.lock").exists() and not (repo / ".git" / MARKER).exists()
    assert _git(repo, "fsck", "--unreachable", "--no-reflogs") == ""  # the retry rebuilt the very same objects
    manifest = read_manifest(run.store.version_dir("sample", run.version))
    assert manifest["published"][str(repo)]["commit"] == result.commit
    loaded = datasets.load_dataset(str(repo), cache_dir=str(tmp_path / "cache"))
    assert {s: len(loaded[s]) for s in loaded} == {s["split"]: s["rows"] for s in manifest["shards"] if s["rows"]}


def test_a_git_killed_while_checking_out_leaves_a_lock_the_retry_clears(validated: tuple[Store, str],
                                                                       killer: Killer) -> None:
    """What `git reset --hard` leaves when killed mid-way: `.git/index.lock` and half-written files."""
    store, version = validated
    killed = _prepare_next(store, version)
    killer.kill_at(killed, "head")
    repo = default_target(store, "sample")
    (repo / ".git" / "index.lock").write_bytes(b"")
    (repo / "README.md").write_text("half a card", encoding="utf-8")
    (repo / "data" / "train-00000-of-00001.parquet").write_bytes(b"PAR1")
    result = publish(store, "sample", NEXT)
    assert result.action == "finish"
    assert _git(repo, "status", "--porcelain") == "" and not (repo / ".git" / "index.lock").exists()


def test_without_the_marker_a_lock_is_not_ours_and_is_refused(validated: tuple[Store, str]) -> None:
    store, version = validated
    killed = _prepare_next(store, version)
    lock = default_target(store, "sample") / ".git" / "index.lock"
    lock.write_bytes(b"")
    for dry_run in (True, False):
        with pytest.raises(PublishError, match=re.escape("index.lock exists: another git command is running")):
            publish(store, "sample", killed.version, dry_run=dry_run)
    assert lock.exists()


def _interrupted_then_another(validated: tuple[Store, str], killer: Killer, step: str) -> Store:
    """NEXT's publish over the first version killed at `step`, and a third version ready."""
    store, version = validated
    killer.kill_at(_prepare_next(store, version), step)
    next_version(store, NEXT, "3.0.0")
    return store


def test_another_version_waits_for_an_interrupted_publish_after_its_tag(validated: tuple[Store, str],
                                                                       killer: Killer) -> None:
    store = _interrupted_then_another(validated, killer, "tag")
    with pytest.raises(PublishError, match=f"the publish of v{NEXT} was interrupted after tagging"):
        publish(store, "sample", "3.0.0")
    assert publish(store, "sample", NEXT).action == "finish"
    assert publish(store, "sample", "3.0.0").action == "publish"
    repo = default_target(store, "sample")
    assert _git(repo, "log", "--format=%s", "main").split("\n")[:3] == [
        "Publish sample 3.0.0", f"Publish sample {NEXT}", f"Publish sample {validated[1]}"]


def test_an_interrupted_publish_that_left_no_tag_does_not_stop_another_version(validated: tuple[Store, str],
                                                                              killer: Killer) -> None:
    store = _interrupted_then_another(validated, killer, "commit")
    planned = publish(store, "sample", "3.0.0", dry_run=True)
    assert any(f"interrupted publish of v{NEXT}" in step for step in planned.plan)
    assert publish(store, "sample", "3.0.0").action == "publish"
    repo = default_target(store, "sample")
    assert f"v{NEXT}" not in _git(repo, "tag").split() and _git(repo, "status", "--porcelain") == ""


def test_the_command_killed_after_moving_main_is_finished_by_the_command(validated: tuple[Store, str],
                                                                         tmp_path: Path) -> None:
    """The whole `curate publish` process, killed for real, then run again."""
    store, version = validated
    killed = _prepare_next(store, version)
    command = [sys.executable, "-m", "curate", "publish", "sample", NEXT, "--store", str(store.root)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TMPDIR": str(tmp_path)}
    assert subprocess.run(command, env={**env, KILL_AT: "main"}, capture_output=True).returncode == -signal.SIGKILL
    again = subprocess.run(command, env=env, capture_output=True, text=True)
    assert again.returncode == 0 and f"published sample v{NEXT}" in again.stdout
    repo = default_target(store, "sample")
    assert _git(repo, "rev-list", "main").split()[1:] == killed.before and _git(repo, "status", "--porcelain") == ""
