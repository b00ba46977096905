"""The default target: a local git repository laid out like a Hub dataset repository
(`STORE/NAME/hub`). `datasets.load_dataset(path)` loads its checkout of main; every release is
one commit on main and one annotated tag `vV`.

A kill at any moment leaves something a retry completes into the same single commit and tag:

- The commit is built aside, never in the checkout or its index: blobs hashed from the files
  where they are, the tree written from a temporary index, the commit and tag objects made with
  plumbing. Identity and dates come from the manifest, so the same release on the same main
  always gives the same commit id.
- Refs move last, each with an old-value check: the tag first (created only if missing), then
  main (only from the commit it was at when deciding); then the checkout is reset to main.
- `.git/curate-publish-in-progress`, naming the tag, is written before the first change and
  removed after the last one. Under it, a dirty checkout or a stale `.git/index.lock` is this
  publish's own interrupted work, which a retry removes; without it they are the user's, and
  publishing is refused.

So a retry finds either no tag (nothing visible changed: it builds the same commit again), or the
tag on a child of main (it moves main and refreshes the checkout: no second commit), or main
moved with the marker still there (it refreshes the checkout).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from curate.errors import PublishError
from curate.publishing.plan import Plan, kill_point
from curate.publishing.release import Release

MARKER = "curate-publish-in-progress"
MAIN = "refs/heads/main"
_NAME, _EMAIL = "curate", "curate@localhost"
# Lock files the commands of a publish take (inside .git/); a kill leaves them behind.
_LOCKS = ("index.lock", "HEAD.lock", "ORIG_HEAD.lock", "config.lock", "packed-refs.lock", f"{MAIN}.lock")
_BATCH = 256  # paths per `git hash-object` call: far below any command-line limit
# The repository's `.gitattributes` marks data files for LFS, but curate commits their bytes as
# they are: a user's git-lfs filters (`git lfs install`) must not turn them into pointers for
# curate's own commands, or the checkout would look changed and the next publish be refused.
_NO_LFS = ("-c", "filter.lfs.process=", "-c", "filter.lfs.clean=", "-c", "filter.lfs.smudge=",
           "-c", "filter.lfs.required=false")


@dataclass(frozen=True)
class _State:
    """What deciding needs to know of the repository, read without changing anything."""

    exists: bool  # a git repository is there (`.git/HEAD`)
    marker: str | None  # the tag an interrupted publish was making
    main: str | None
    tag_commit: str | None  # the commit the release's tag points at
    tag_parent: str | None


class LocalRepository:
    """A git repository on this machine; created on first publish."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.uri = str(path)
        self.repo_id = str(path)
        self._work_tree = path.absolute()
        self.git_dir = self._work_tree / ".git"
        # Every call names this repository explicitly, so git never walks up into an enclosing
        # one (the default target lives inside the store, which may sit inside a checkout); the
        # caller's GIT_* variables (a hook's GIT_INDEX_FILE, say) are not inherited.
        self._env = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
                     "GIT_DIR": str(self.git_dir), "GIT_WORK_TREE": str(self._work_tree),
                     "GIT_AUTHOR_NAME": _NAME, "GIT_AUTHOR_EMAIL": _EMAIL,
                     "GIT_COMMITTER_NAME": _NAME, "GIT_COMMITTER_EMAIL": _EMAIL}

    def _run(self, args: tuple[str, ...], stdin: str | None,
             env: dict[str, str] | None) -> subprocess.CompletedProcess[str]:
        try:
            return subprocess.run(["git", *_NO_LFS, *args], input=stdin, capture_output=True, text=True,
                                  env={**self._env, **(env or {})}, cwd=self._work_tree)
        except FileNotFoundError as exc:
            raise PublishError("git is not installed: the local dataset repository needs it") from exc

    def _git(self, *args: str, stdin: str | None = None, env: dict[str, str] | None = None) -> str:
        done = self._run(args, stdin, env)
        if done.returncode:
            raise PublishError(f"git {args[0]} failed in {self.path}: {done.stderr.strip()}")
        return done.stdout

    def _resolve(self, rev: str) -> str | None:
        """The commit `rev` names, or None when it names none (a missing ref, a root's parent)."""
        done = self._run(("rev-parse", "-q", "--verify", f"{rev}^{{commit}}"), None, None)
        return done.stdout.strip() if done.returncode == 0 else None

    # -- deciding (read only: the dry run calls it too) ---------------------------------------

    def _inspect(self, tag: str) -> _State:
        marker_file = self.git_dir / MARKER
        marker = marker_file.read_text(encoding="utf-8").strip() if marker_file.is_file() else None
        if not (self.git_dir / "HEAD").is_file():
            if marker is None and self.path.exists() and (not self.path.is_dir() or any(self.path.iterdir())):
                raise PublishError(f"{self.path} exists and is not a git repository: "
                                   "publish to a new or empty folder, or to an existing dataset repository")
            return _State(False, marker, None, None, None)
        tag_commit = self._resolve(f"refs/tags/{tag}")
        return _State(True, marker, self._resolve(MAIN), tag_commit,
                      self._resolve(f"{tag_commit}^") if tag_commit else None)

    def _blob_ids(self, files: list[Path], *, write: bool) -> list[str]:
        """The ids git gives these files' bytes (stored in the repository with `write`)."""
        flags = ["-w"] if write else []
        ids: list[str] = []
        for start in range(0, len(files), _BATCH):
            batch = [os.path.abspath(f) for f in files[start:start + _BATCH]]
            ids += self._git("hash-object", *flags, "--no-filters", "--", *batch).split()
        return ids

    def _check_shards(self, release: Release, commit: str) -> None:
        listed = self._git("ls-tree", "-r", "-z", commit, "--", "data").split("\0")
        tagged = {line.split("\t", 1)[1]: line.split()[2] for line in listed if line}
        shards = sorted(release.shards)
        if tagged != dict(zip(shards, self._blob_ids([release.files[p] for p in shards], write=False), strict=True)):
            raise PublishError(f"{self.path} already has tag {release.tag} with other shards: "
                               "a published version cannot change; build and publish a new version")

    def _refuse_foreign_changes(self, state: _State) -> None:
        """Without our marker, a lock or a dirty checkout belongs to the user (or a running git)."""
        if state.marker is not None or not state.exists:
            return
        if (self.git_dir / "index.lock").exists():
            raise PublishError(f"{self.git_dir / 'index.lock'} exists: another git command is running in {self.path}, "
                               "or one was killed; remove the file if none is running")
        if self._git("--no-optional-locks", "status", "--porcelain").strip():
            raise PublishError(f"{self.path} has uncommitted changes: commit or discard them first")

    def decide(self, release: Release) -> Plan:
        state = self._inspect(release.tag)
        tag, commit = release.tag, state.tag_commit
        if commit is not None:
            self._check_shards(release, commit)
            finishing = state.main == state.tag_parent or (state.marker == tag and state.main == commit)
            if not finishing:
                return Plan("nothing", (f"nothing: {tag} is already published (commit {commit[:12]}, same shards)",),
                            commit=commit)
            self._refuse_foreign_changes(state)
            steps = [f"finish the interrupted publish of {tag}: its commit {commit[:12]} is tagged already, "
                     "no new commit"]
            if state.main != commit:
                since = f"from {state.main[:12]}" if state.main else "creating it"
                steps.append(f"move main to {commit[:12]} ({since})")
            return Plan("finish", (*steps, f"check main out in {self.path}"), commit=commit, base=state.main)
        if state.marker not in (None, tag) and self._tag_awaits_main(state.marker, state.main):
            raise PublishError(f"{self.path}: the publish of {state.marker} was interrupted after tagging; "
                               f"publish that version again to finish it, then {tag}")
        self._refuse_foreign_changes(state)
        steps = [] if state.exists else [f"create the git repository {self.path}"]
        if state.marker is not None:
            steps.append(f"clear what the interrupted publish of {state.marker} left (lock files, checkout)")
        after = f"after {state.main[:12]}" if state.main else "its first commit"
        steps += [f"commit {len(release.files)} files ({release.bytes():,} bytes) on main ({after}): "
                  f"{', '.join(release.files)}",
                  f"tag {tag}", f"move main to that commit and check it out in {self.path}"]
        return Plan("publish", tuple(steps), base=state.main)

    def _tag_awaits_main(self, tag: str, main: str | None) -> bool:
        """Whether `tag` is on a child of main: a publish interrupted before moving main."""
        commit = self._resolve(f"refs/tags/{tag}")
        return commit is not None and self._resolve(f"{commit}^") == main

    # -- carrying out --------------------------------------------------------------------------

    def carry_out(self, release: Release, plan: Plan) -> str:
        """Finish or publish (a plan of `nothing` is never carried out)."""
        self._begin(release.tag)
        commit = plan.commit or self._commit(release, plan.base)
        if plan.base != commit:
            self._git("update-ref", "-m", f"curate: publish {release.tag}", MAIN, commit, plan.base or "")
        kill_point("main")
        self._git("symbolic-ref", "HEAD", MAIN)  # a user may have checked out an older tag
        kill_point("head")
        self._git("reset", "-q", "--hard", MAIN)
        kill_point("checkout")
        (self.git_dir / MARKER).unlink()
        kill_point("unmarked")
        return commit

    def _begin(self, tag: str) -> None:
        """Clear what an earlier, interrupted publish left (its lock files would stop every git
        command), mark the work as ours, and create (or complete) the repository."""
        marker = self.git_dir / MARKER
        earlier = marker.read_text(encoding="utf-8").strip() if marker.is_file() else None
        if earlier is not None:
            for lock in {*_LOCKS, f"refs/tags/{tag}.lock", f"refs/tags/{earlier}.lock"}:
                (self.git_dir / lock).unlink(missing_ok=True)
        self.git_dir.mkdir(parents=True, exist_ok=True)
        (self.git_dir / f"{MARKER}.tmp").write_text(tag + "\n", encoding="utf-8")
        os.replace(self.git_dir / f"{MARKER}.tmp", marker)
        kill_point("marker")
        if earlier is not None or not (self.git_dir / "HEAD").is_file():  # an interrupted `git init` too
            self._git("init", "-q", "-b", "main")
            kill_point("init")

    def _commit(self, release: Release, parent: str | None) -> str:
        """The release's commit and its tag, built aside: neither the checkout nor main changes."""
        paths = list(release.files)
        blobs = self._blob_ids([release.files[p] for p in paths], write=True)
        kill_point("objects")
        with tempfile.TemporaryDirectory(prefix="curate-index-") as scratch:
            index = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            self._git("update-index", "-z", "--index-info",
                      stdin="".join(f"100644 {blob}\t{path}\0" for path, blob in zip(paths, blobs, strict=True)),
                      env=index)
            tree = self._git("write-tree", env=index).strip()
        kill_point("tree")
        built, validated = _git_date(release.built_at), _git_date(release.validated_at)
        commit = self._git("commit-tree", "--no-gpg-sign", tree, *(["-p", parent] if parent else []),
                           "-m", release.message,
                           env={"GIT_AUTHOR_DATE": built, "GIT_COMMITTER_DATE": validated}).strip()
        kill_point("commit")
        tag_object = self._git("mktag", stdin=f"object {commit}\ntype commit\ntag {release.tag}\n"
                                              f"tagger {_NAME} <{_EMAIL}> {validated}\n\n{release.message}\n").strip()
        self._git("update-ref", "-m", f"curate: tag {release.tag}", f"refs/tags/{release.tag}", tag_object, "")
        kill_point("tag")
        return commit


def _git_date(iso: str) -> str:
    """An ISO 8601 time as git's raw date (`<epoch> +0000`); naive times are UTC."""
    moment = datetime.fromisoformat(iso)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"{int(moment.timestamp())} +0000"
