"""The default target: a local git repository laid out like a Hub dataset repository
(`data/curated/NAME/hub`). `datasets.load_dataset(path)` loads its checkout; every release is
one commit and one annotated tag `vV`."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from functools import cached_property
from pathlib import Path

from curate.errors import PublishError
from curate.publishing.release import Release

_IDENTITY = {"GIT_AUTHOR_NAME": "curate", "GIT_AUTHOR_EMAIL": "curate@localhost",
             "GIT_COMMITTER_NAME": "curate", "GIT_COMMITTER_EMAIL": "curate@localhost"}


def git_blob_id(path: Path) -> str:
    """The id git gives a file's content (sha1 of a `blob` header and the bytes)."""
    data = path.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class LocalRepository:
    """A git repository on this machine; created on first publish."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.uri = str(path)
        self.repo_id = str(path)

    def _git(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        try:
            done = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True, text=True,
                                  env=self._env)
        except FileNotFoundError as exc:
            raise PublishError("git is not installed: the local dataset repository needs it") from exc
        if check and done.returncode:
            raise PublishError(f"git {' '.join(args)} failed in {self.path}: {done.stderr.strip()}")
        return done

    @cached_property
    def _env(self) -> dict[str, str]:
        """The environment of every git call: the user's, plus a committer identity when git has none.
        (Read inside `_git`'s try: a missing git is reported there.)"""
        probe = subprocess.run(["git", "config", "user.email"], capture_output=True, text=True,
                               cwd=self.path if self.path.is_dir() else None)
        return dict(os.environ) if probe.stdout.strip() else {**os.environ, **_IDENTITY}

    def existing(self, release: Release) -> str | None:
        """The commit of the release's tag, if it exists; refused when it holds other shards."""
        if not (self.path / ".git").is_dir():
            return None
        found = self._git("rev-parse", "-q", "--verify", f"refs/tags/{release.tag}^{{commit}}", check=False)
        if found.returncode:
            return None
        listed = self._git("ls-tree", "-r", release.tag, "--", "data").stdout.splitlines()
        tagged = {line.split("\t", 1)[1]: line.split()[2] for line in listed}
        staged = {path: git_blob_id(release.folder / path) for path in release.shards}
        if tagged != staged:
            raise PublishError(f"{self.path} already has tag {release.tag} with other shards: "
                               "a published version cannot change; build and publish a new version")
        return found.stdout.strip()

    def plan(self, release: Release) -> list[str]:
        action = "create the git repository" if not (self.path / ".git").is_dir() else "replace the checkout"
        return [f"{action} {self.path}",
                f"commit {len(release.files)} files ({release.bytes():,} bytes): {', '.join(release.files)}",
                f"tag {release.tag}"]

    def push(self, release: Release) -> str:
        if not (self.path / ".git").is_dir():
            self.path.mkdir(parents=True, exist_ok=True)
            self._git("init", "-q", "-b", "main")
        elif self._git("status", "--porcelain").stdout.strip():
            raise PublishError(f"{self.path} has uncommitted changes: commit or discard them first")
        else:
            self._git("checkout", "-q", "main")  # a user may have checked out an older tag
        for tracked in self._git("ls-files", "-z").stdout.split("\0"):
            if tracked:
                (self.path / tracked).unlink(missing_ok=True)
        for name in release.files:
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(release.folder / name, target)
        self._git("add", "-A")
        self._git("commit", "-q", "--allow-empty", "-m", release.message)
        self._git("tag", "-a", release.tag, "-m", release.message)
        return self._git("rev-parse", "HEAD").stdout.strip()
