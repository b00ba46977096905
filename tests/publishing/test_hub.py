"""The Hub target, against a recording stand-in for `HfApi`, plus the real client offline."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx2
import pytest
from huggingface_hub import CommitOperationAdd, constants
from huggingface_hub.errors import HfHubHTTPError, RepositoryNotFoundError

from curate.errors import PublishError
from curate.publishing import publish
from curate.publishing.hub import parse_hub_uri
from curate.store import Store, read_manifest

REPO = "curate-org/sample"
TARGET = f"hf://datasets/{REPO}"


def _http_error(status: int, cls: type[HfHubHTTPError] = HfHubHTTPError, **headers: str) -> HfHubHTTPError:
    request = httpx2.Request("POST", "https://hub.example/api")
    return cls(f"HTTP {status}", response=httpx2.Response(status, headers=headers, request=request))


@dataclass
class FakeCommit:
    title: str
    files: dict[str, str]  # path -> sha256 of its bytes


@dataclass
class FakeHub:
    """A dataset repository as the Hub keeps it (commits, main, tags), recording every call;
    `failures[method]` lists errors to raise before answering."""

    commits: dict[str, FakeCommit] = field(default_factory=lambda: {"init0": FakeCommit("initial commit", {
        "README.md": "1" * 64, "data/train-00000-of-00002.parquet": "2" * 64, ".gitattributes": "3" * 64})})
    main: str | None = "init0"
    tags: dict[str, str] = field(default_factory=dict)
    failures: dict[str, list[Exception]] = field(default_factory=dict)
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    exists: bool = True

    def _record(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.calls.append((name, args, kwargs))
        pending = self.failures.get(name)
        if pending:
            raise pending.pop(0)
        if not self.exists and name != "create_repo":
            raise _http_error(404, RepositoryNotFoundError)

    def create_repo(self, *args: Any, **kwargs: Any) -> None:
        self._record("create_repo", args, kwargs)
        if not self.exists:
            self.exists, self.commits, self.main = True, {"init0": FakeCommit("initial commit", {".gitattributes": "3" * 64})}, "init0"

    def list_repo_refs(self, *args: Any, **kwargs: Any) -> Any:
        self._record("list_repo_refs", args, kwargs)
        return SimpleNamespace(branches=[SimpleNamespace(name="main", target_commit=self.main)] if self.main else [],
                               tags=[SimpleNamespace(name=t, target_commit=c) for t, c in self.tags.items()])

    def list_repo_tree(self, *args: Any, revision: str, **kwargs: Any) -> list[Any]:
        self._record("list_repo_tree", args, {"revision": revision, **kwargs})
        return [SimpleNamespace(path=p, lfs=SimpleNamespace(sha256=s))
                for p, s in self.commits[revision].files.items() if p.startswith("data/")]

    def list_repo_commits(self, *args: Any, revision: str, **kwargs: Any) -> list[Any]:
        self._record("list_repo_commits", args, {"revision": revision, **kwargs})
        return [SimpleNamespace(commit_id=revision, title=self.commits[revision].title)]

    def list_repo_files(self, *args: Any, revision: str | None = None, **kwargs: Any) -> list[str]:
        self._record("list_repo_files", args, {"revision": revision, **kwargs})
        return list(self.commits[revision or self.main or ""].files)

    def create_commit(self, *args: Any, operations: list[Any], commit_message: str, parent_commit: str | None = None,
                      **kwargs: Any) -> Any:
        self._record("create_commit", args, {"operations": operations, "commit_message": commit_message,
                                              "parent_commit": parent_commit, **kwargs})
        if parent_commit is not None and parent_commit != self.main:
            raise _http_error(412)
        files = dict(self.commits[self.main].files) if self.main else {}
        for op in operations:
            if isinstance(op, CommitOperationAdd):
                files[op.path_in_repo] = hashlib.sha256(Path(op.path_or_fileobj).read_bytes()).hexdigest()
            else:
                files.pop(op.path_in_repo)
        self.main = f"commit{len(self.commits)}"
        self.commits[self.main] = FakeCommit(commit_message, files)
        return SimpleNamespace(oid=self.main)

    def create_tag(self, *args: Any, tag: str, revision: str, **kwargs: Any) -> None:
        self._record("create_tag", args, {"tag": tag, "revision": revision, **kwargs})
        if tag in self.tags:
            raise _http_error(409)
        self.tags[tag] = revision

    def names(self) -> list[str]:
        return [name for name, _, _ in self.calls]


def _published(shards: dict[str, str], version: str, title: str | None = None) -> FakeHub:
    """A Hub repository where `version` was published with `shards`."""
    hub = FakeHub()
    hub.commits["pub1"] = FakeCommit(title or f"Publish sample {version}", {"README.md": "4" * 64, **shards})
    hub.main, hub.tags = "pub1", {f"v{version}": "pub1"}
    return hub


def _shards(store: Store, version: str) -> dict[str, str]:
    return {s["path"]: s["sha256"] for s in read_manifest(store.version_dir("sample", version))["shards"] if s["rows"]}


def _ops(hub: FakeHub) -> list[tuple[str, str]]:
    (_, _, kwargs), = [c for c in hub.calls if c[0] == "create_commit"]
    return [(type(op).__name__, op.path_in_repo) for op in kwargs["operations"]]


def test_hub_uri_is_parsed_strictly() -> None:
    assert parse_hub_uri("hf://datasets/org/name") == "org/name"
    assert parse_hub_uri("data/curated/x/hub") is None
    with pytest.raises(PublishError, match="expected hf://datasets/ORG/NAME"):
        parse_hub_uri("hf://datasets/only-a-name")


def test_one_commit_and_one_tag_with_the_exact_operations(validated: tuple[Store, str]) -> None:
    store, version = validated
    hub = FakeHub()
    result = publish(store, "sample", version, TARGET, api=hub)
    assert hub.names() == ["list_repo_refs", "list_repo_commits", "list_repo_files", "create_commit", "create_tag"]
    shards = sorted(_shards(store, version))
    assert _ops(hub) == ([("CommitOperationAdd", p) for p in sorted(["README.md", "croissant.json", *shards])]
                         + [("CommitOperationDelete", "data/train-00000-of-00002.parquet")])
    (_, _, commit), = [c for c in hub.calls if c[0] == "create_commit"]
    assert commit["parent_commit"] == "init0"  # the Hub refuses the commit if main moved since deciding
    tag = hub.calls[-1][2]
    assert tag["tag"] == f"v{version}" and tag["revision"] == result.commit and tag["repo_type"] == "dataset"
    recorded = read_manifest(store.version_dir("sample", version))["published"][TARGET]
    assert recorded["commit"] == result.commit and result.created and result.action == "publish"


def test_a_missing_repository_is_created(validated: tuple[Store, str]) -> None:
    store, version = validated
    hub = FakeHub(exists=False)
    result = publish(store, "sample", version, TARGET, api=hub)
    assert hub.names() == ["list_repo_refs", "create_repo", "list_repo_files", "create_commit", "create_tag"]
    create_repo = hub.calls[1]
    assert create_repo[1] == (REPO,) and create_repo[2]["repo_type"] == "dataset" and create_repo[2]["exist_ok"]
    assert {type(op).__name__ for op in hub.calls[3][2]["operations"]} == {"CommitOperationAdd"}
    assert hub.tags == {f"v{version}": result.commit}


def test_an_existing_tag_with_the_same_shards_is_a_no_op(validated: tuple[Store, str]) -> None:
    store, version = validated
    hub = _published(_shards(store, version), version)
    result = publish(store, "sample", version, TARGET, api=hub)
    assert not result.created and result.commit == "pub1" and result.action == "nothing"
    assert not {"create_repo", "create_commit", "create_tag"} & set(hub.names())
    assert read_manifest(store.version_dir("sample", version))["published"][TARGET]["commit"] == "pub1"


def test_an_existing_tag_with_other_shards_is_refused(validated: tuple[Store, str]) -> None:
    store, version = validated
    hub = _published({"data/train-00000-of-00001.parquet": "0" * 64}, version)
    for dry_run in (True, False):
        with pytest.raises(PublishError, match=r"already has tag .* with other shards"):
            publish(store, "sample", version, TARGET, api=hub, dry_run=dry_run)


def test_a_publish_stopped_before_its_tag_is_finished_without_a_second_commit(validated: tuple[Store, str]) -> None:
    store, version = validated
    hub = FakeHub(failures={"create_tag": [httpx2.ConnectError("connection reset")]})
    with pytest.raises(PublishError, match="cannot reach the Hub for create_tag"):
        publish(store, "sample", version, TARGET, api=hub)
    made = hub.main
    planned = publish(store, "sample", version, TARGET, api=hub, dry_run=True)
    assert planned.action == "finish" and planned.plan[-1] == f"create_tag v{version} on {made}"
    result = publish(store, "sample", version, TARGET, api=hub)
    assert result.action == "finish" and result.created and result.commit == made
    assert hub.names().count("create_commit") == 1 and hub.tags == {f"v{version}": made}
    assert publish(store, "sample", version, TARGET, api=hub).action == "nothing"


@pytest.mark.parametrize("other", ["title", "shards"])
def test_an_untagged_head_that_is_not_the_release_gets_a_new_commit(validated: tuple[Store, str], other: str) -> None:
    """Main's head is finished only when both its title and its shards are the release's."""
    store, version = validated
    shards = _shards(store, version)
    hub = _published(shards if other == "title" else {"data/train-00000-of-00001.parquet": "0" * 64}, version,
                     title="Upload by hand" if other == "title" else None)
    hub.tags = {}
    result = publish(store, "sample", version, TARGET, api=hub)
    assert result.action == "publish" and hub.names().count("create_commit") == 1 and result.commit != "pub1"


def test_rate_limits_and_server_errors_are_retried_with_backoff(validated: tuple[Store, str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store, version = validated
    waits: list[float] = []
    monkeypatch.setattr("curate.publishing.hub.time.sleep", waits.append)
    hub = FakeHub(failures={"create_commit": [_http_error(429, **{"Retry-After": "7"}), _http_error(503)]})
    publish(store, "sample", version, TARGET, api=hub)
    assert hub.names().count("create_commit") == 3
    assert waits == [7.0, 2.0]


def test_persistent_rate_limit_gives_up_with_a_clear_error(validated: tuple[Store, str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    store, version = validated
    monkeypatch.setattr("curate.publishing.hub.time.sleep", lambda _s: None)
    hub = FakeHub(failures={"create_commit": [_http_error(429) for _ in range(5)]})
    with pytest.raises(PublishError, match="refused create_commit on curate-org/sample: HTTP 429"):
        publish(store, "sample", version, TARGET, api=hub)
    assert "create_tag" not in hub.names()
    assert "published" not in read_manifest(store.version_dir("sample", version))


def test_a_client_error_is_not_retried(validated: tuple[Store, str]) -> None:
    store, version = validated
    hub = FakeHub(exists=False, failures={"create_repo": [_http_error(403)]})
    with pytest.raises(PublishError, match="HTTP 403"):
        publish(store, "sample", version, TARGET, api=hub)
    assert hub.names().count("create_repo") == 1


def test_offline_mode_is_a_clear_error(validated: tuple[Store, str], monkeypatch: pytest.MonkeyPatch) -> None:
    store, version = validated
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    monkeypatch.setenv("HF_TOKEN", "hf_secret_never_shown")
    with pytest.raises(PublishError, match="HF_HUB_OFFLINE is set") as caught:
        publish(store, "sample", version, TARGET)
    assert "hf_secret_never_shown" not in str(caught.value)


def test_the_real_client_offline_refuses_without_a_network(validated: tuple[Store, str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """The real HfApi, with the network switched off underneath it: the error names the Hub."""
    from huggingface_hub import HfApi

    store, version = validated
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)
    hub = HfApi(token="hf_secret_never_shown")
    with pytest.raises(PublishError, match="cannot reach the Hub") as caught:
        publish(store, "sample", version, TARGET, api=hub)
    assert "hf_secret_never_shown" not in str(caught.value)


def test_no_token_is_a_clear_error(validated: tuple[Store, str], monkeypatch: pytest.MonkeyPatch) -> None:
    store, version = validated
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr("huggingface_hub.get_token", lambda: None)
    with pytest.raises(PublishError, match="no Hugging Face token"):
        publish(store, "sample", version, TARGET)


_READS = {"list_repo_refs", "list_repo_tree", "list_repo_commits"}


def test_dry_run_only_reads_and_says_what_the_real_run_does(validated: tuple[Store, str]) -> None:
    store, version = validated
    hub = FakeHub(exists=False)
    planned = publish(store, "sample", version, TARGET, dry_run=True, api=hub)
    assert set(hub.names()) <= _READS and planned.commit is None and planned.action == "publish"
    assert planned.plan[0].startswith(f"create_repo {REPO}") and planned.plan[-1] == f"create_tag v{version} on that commit"
    assert "published" not in read_manifest(store.version_dir("sample", version))
    done = publish(store, "sample", version, TARGET, api=hub)
    assert done.plan == planned.plan
    calls = len(hub.calls)
    again = publish(store, "sample", version, TARGET, dry_run=True, api=hub)
    assert again.action == "nothing" and again.plan == [f"nothing: v{version} is already published "
                                                        f"(commit {done.commit}, same shards)"]
    assert {name for name, _, _ in hub.calls[calls:]} <= _READS


@pytest.mark.skipif(not (os.environ.get("CURATE_LIVE_HUB_REPO") and os.environ.get("HF_TOKEN")),
                    reason="live Hub test: set HF_TOKEN and CURATE_LIVE_HUB_REPO=ORG/NAME (a repo you may write)")
def test_live_publish_to_the_hub(validated: tuple[Store, str], tmp_path: Path) -> None:
    import datasets

    store, version = validated
    result = publish(store, "sample", version, f"hf://datasets/{os.environ['CURATE_LIVE_HUB_REPO']}")
    loaded = datasets.load_dataset(result.repo_id, revision=result.tag, cache_dir=str(tmp_path))
    assert sum(len(loaded[s]) for s in loaded) == read_manifest(store.version_dir("sample", version))["accounting"]["kept"]
    assert publish(store, "sample", version, result.target).commit == result.commit


@pytest.mark.parametrize(("private", "expected"), [(None, True), (True, True), (False, False)])
def test_a_new_repository_is_private_unless_asked_otherwise(validated: tuple[Store, str], private: bool | None,
                                                            expected: bool) -> None:
    """Scraped news belongs to its publishers: the repository publishing creates is private by default."""
    store, version = validated
    hub = FakeHub(exists=False)
    planned = publish(store, "sample", version, TARGET, api=hub, dry_run=True, private=private)
    assert planned.plan[0] == f"create_repo {REPO} (dataset, {'private' if expected else 'public'} if it is new, exist_ok)"
    publish(store, "sample", version, TARGET, api=hub, private=private)
    (_, _, kwargs), = [c for c in hub.calls if c[0] == "create_repo"]
    assert kwargs["private"] is expected


def test_the_cli_passes_private_and_public_to_the_hub(validated: tuple[Store, str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from curate.cli import app
    from curate.publishing.hub import HubRepository

    store, version = validated
    hubs: list[FakeHub] = []

    def fake_client(self: HubRepository) -> FakeHub:  # one new repository per command
        if "_fake" not in self.__dict__:
            self._fake = FakeHub(exists=False)
            hubs.append(self._fake)
        return self._fake

    monkeypatch.setattr(HubRepository, "_client", fake_client)
    for flags, expected in (([], True), (["--private"], True), (["--public"], False)):
        done = CliRunner().invoke(app, ["publish", "sample", version, "--to", TARGET, "--store", str(store.root), *flags])
        assert done.exit_code == 0, done.output
        (_, _, kwargs), = [c for c in hubs[-1].calls if c[0] == "create_repo"]
        assert kwargs["private"] is expected, flags
