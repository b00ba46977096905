"""The Hugging Face Hub as a target (`hf://datasets/ORG/NAME`), through `huggingface_hub`.

A release is one `create_commit` (the Hub rate-limits commits, so never one per file) and one
`create_tag`. A publish stopped between the two leaves main's head untagged; the retry recognises
it (its title and shards) and only tags it, so it never makes a second commit. Calls are retried
with exponential backoff on 429 and 5xx. The token comes from `huggingface_hub` (HF_TOKEN or the
login cache) and is never printed or written anywhere: error messages are scrubbed of it.
"""

from __future__ import annotations

import time
from typing import Any

from curate.errors import PublishError
from curate.publishing.plan import Plan
from curate.publishing.release import Release

PREFIX = "hf://datasets/"
ATTEMPTS = 5


def parse_hub_uri(uri: str) -> str | None:
    """`ORG/NAME` for `hf://datasets/ORG/NAME`; None for anything that is not a Hub address."""
    if not uri.startswith(PREFIX):
        return None
    repo_id = uri[len(PREFIX):].strip("/")
    if repo_id.count("/") != 1 or not all(repo_id.split("/")):
        raise PublishError(f"{uri!r}: expected hf://datasets/ORG/NAME")
    return repo_id


class HubRepository:
    """A dataset repository on the Hub. `api` stands in for `huggingface_hub.HfApi` in tests."""

    def __init__(self, repo_id: str, *, api: Any = None, private: bool = True) -> None:
        self.repo_id = repo_id
        self.uri = f"{PREFIX}{repo_id}"
        self.private = private
        self._api = api
        self._token: str | None = None

    def _client(self) -> Any:
        if self._api is not None:
            return self._api
        from huggingface_hub import HfApi, constants, get_token

        if constants.is_offline_mode():
            raise PublishError(f"cannot publish to {self.uri}: HF_HUB_OFFLINE is set, so the Hub cannot be reached")
        self._token = get_token()
        if not self._token:
            raise PublishError(f"cannot publish to {self.uri}: no Hugging Face token "
                               "(set HF_TOKEN or run `hf auth login`)")
        self._api = HfApi(token=self._token)
        return self._api

    def _call(self, what: str, *args: Any, missing_ok: bool = False, **kwargs: Any) -> Any:
        """`api.<what>(...)`, retried on 429/5xx; every failure becomes a PublishError, except a
        missing repository with `missing_ok` (None)."""
        import httpx2
        from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

        api = self._client()
        for attempt in range(ATTEMPTS):
            try:
                return getattr(api, what)(*args, **kwargs)
            except RepositoryNotFoundError:
                if missing_ok:
                    return None
                raise PublishError(f"{self.uri} does not exist, or the token may not see it") from None
            except HfHubHTTPError as exc:
                status = exc.response.status_code if exc.response is not None else None
                retryable = status == 429 or (status is not None and status >= 500)
                if retryable and attempt + 1 < ATTEMPTS:
                    time.sleep(_backoff(exc, attempt))
                    continue
                raise PublishError(self._scrub(f"the Hub refused {what} on {self.repo_id}: HTTP {status}: {exc}")) from None
            except (ConnectionError, httpx2.TransportError) as exc:
                raise PublishError(self._scrub(f"cannot reach the Hub for {what} on {self.repo_id}: {exc}")) from None
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _scrub(self, message: str) -> str:
        return message.replace(self._token, "***") if self._token else message

    def _shards_at(self, revision: str) -> dict[str, str]:
        """data/... -> sha256 of the LFS files at `revision`."""
        tree = self._call("list_repo_tree", self.repo_id, "data", recursive=True, revision=revision,
                          repo_type="dataset")
        return {f.path: f.lfs.sha256 for f in tree if getattr(f, "lfs", None) is not None}

    def decide(self, release: Release) -> Plan:
        """From the repository's refs: the tag there (nothing, or refused when it holds other shards);
        main's head being this release's commit without its tag (a publish interrupted between
        `create_commit` and `create_tag`: finish by tagging it); or a fresh publish."""
        refs = self._call("list_repo_refs", self.repo_id, repo_type="dataset", missing_ok=True)
        if refs is None:
            return Plan("publish", tuple(self._publish_steps(release, None)))
        tagged = next((t.target_commit for t in refs.tags if t.name == release.tag), None)
        if tagged is not None:
            if self._shards_at(tagged) != release.shards:
                raise PublishError(f"{self.uri} already has tag {release.tag} with other shards: "
                                   "a published version cannot change; build and publish a new version")
            return Plan("nothing", (f"nothing: {release.tag} is already published (commit {tagged}, same shards)",),
                        commit=str(tagged))
        main = next((b.target_commit for b in refs.branches if b.name == "main"), None)
        if main is not None and self._is_release_commit(release, main):
            return Plan("finish", (f"finish the interrupted publish of {release.tag}: main's head {main} is its "
                                   "commit, untagged; no new commit",
                                   f"create_tag {release.tag} on {main}"), commit=str(main), base=str(main))
        base = None if main is None else str(main)
        return Plan("publish", tuple(self._publish_steps(release, base)), base=base)

    def _is_release_commit(self, release: Release, commit: str) -> bool:
        head = self._call("list_repo_commits", self.repo_id, repo_type="dataset", revision=commit)
        return bool(head) and head[0].title == release.message and self._shards_at(commit) == release.shards

    def _publish_steps(self, release: Release, base: str | None) -> list[str]:
        visibility = "private" if self.private else "public"
        create = [] if base else [f"create_repo {self.repo_id} (dataset, {visibility} if it is new, exist_ok)"]
        return [*create, f"create_commit {release.message!r} on {base or 'a new main'}: add {len(release.files)} "
                f"files ({release.bytes():,} bytes): {', '.join(release.files)}; delete the repository's other "
                "data/ files",
                f"create_tag {release.tag} on that commit"]

    def operations(self, release: Release, current: list[str]) -> list[Any]:
        """Add every release file; delete the repository's stale shards (other files stay)."""
        from huggingface_hub import CommitOperationAdd, CommitOperationDelete

        adds = [CommitOperationAdd(path_in_repo=name, path_or_fileobj=str(source))
                for name, source in release.files.items()]
        stale = sorted(p for p in current if p.startswith("data/") and p not in release.files)
        return adds + [CommitOperationDelete(path_in_repo=p) for p in stale]

    def carry_out(self, release: Release, plan: Plan) -> str:
        """Finish (tag the commit found) or publish: one commit, its parent checked against the
        main seen when deciding, then its tag."""
        commit = plan.commit or self._commit(release, plan.base)
        self._call("create_tag", self.repo_id, tag=release.tag, tag_message=release.message, revision=commit,
                   repo_type="dataset")
        return commit

    def _commit(self, release: Release, base: str | None) -> str:
        if base is None:  # a new repository (or one without main)
            self._call("create_repo", self.repo_id, repo_type="dataset", private=self.private, exist_ok=True)
        current = list(self._call("list_repo_files", self.repo_id, repo_type="dataset", revision=base))
        info = self._call("create_commit", self.repo_id, operations=self.operations(release, current),
                          commit_message=release.message, repo_type="dataset", parent_commit=base)
        return str(info.oid)


def _backoff(exc: Any, attempt: int) -> float:
    """Retry-After when the Hub sends one (seconds), else 1, 2, 4, 8 s."""
    header = exc.response.headers.get("retry-after") if exc.response is not None else None
    try:
        return min(float(header), 60.0) if header else float(2**attempt)
    except ValueError:
        return float(2**attempt)
