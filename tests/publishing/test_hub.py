"""The Hub target, against a recording stand-in for `HfApi`, plus the real client offline."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx2
import pytest
from huggingface_hub import CommitOperationAdd, CommitOperationDelete, constants
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
class FakeHub:
    """Records every call; `failures[method]` lists errors to raise before answering."""

    files: list[str] = field(default_factory=lambda: ["README.md", "data/train-00000-of-00002.parquet", ".gitattributes"])
    tags: dict[str, str] = field(default_factory=dict)
    tree: dict[str, dict[str, str]] = field(default_factory=dict)  # tag -> shard -> sha256
    failures: dict[str, list[Exception]] = field(default_factory=dict)
    calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = field(default_factory=list)
    exists: bool = True

    def _record(self, name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        self.calls.append((name, args, kwargs))
        pending = self.failures.get(name)
        if pending:
            raise pending.pop(0)

    def create_repo(self, *args: Any, **kwargs: Any) -> None:
        self._record("create_repo", args, kwargs)
        self.exists = True

    def list_repo_refs(self, *args: Any, **kwargs: Any) -> Any:
        self._record("list_repo_refs", args, kwargs)
        if not self.exists:
            raise _http_error(404, RepositoryNotFoundError)
        return SimpleNamespace(tags=[SimpleNamespace(name=t, target_commit=c) for t, c in self.tags.items()])

    def list_repo_tree(self, *args: Any, revision: str, **kwargs: Any) -> list[Any]:
        self._record("list_repo_tree", args, {"revision": revision, **kwargs})
        return [SimpleNamespace(path=p, lfs=SimpleNamespace(sha256=s)) for p, s in self.tree[revision].items()]

    def list_repo_files(self, *args: Any, **kwargs: Any) -> list[str]:
        self._record("list_repo_files", args, kwargs)
        return list(self.files)

    def create_commit(self, *args: Any, **kwargs: Any) -> Any:
        self._record("create_commit", args, kwargs)
        return SimpleNamespace(oid="c0ffee" * 6 + "abcd")

    def create_tag(self, *args: Any, **kwargs: Any) -> None:
        self._record("create_tag", args, kwargs)

    def names(self) -> list[str]:
        return [name for name, _, _ in self.calls]


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
    hub = FakeHub(exists=False)
    result = publish(store, "sample", version, TARGET, api=hub)
    assert hub.names() == ["list_repo_refs", "create_repo", "list_repo_files", "create_commit", "create_tag"]
    shards = sorted(s["path"] for s in read_manifest(store.version_dir("sample", version))["shards"] if s["rows"])
    assert _ops(hub) == ([("CommitOperationAdd", p) for p in sorted(["README.md", "croissant.json", *shards])]
                         + [("CommitOperationDelete", "data/train-00000-of-00002.parquet")])
    create_repo = hub.calls[1]
    assert create_repo[1] == (REPO,) and create_repo[2]["repo_type"] == "dataset" and create_repo[2]["exist_ok"]
    tag = hub.calls[-1][2]
    assert tag["tag"] == f"v{version}" and tag["revision"] == result.commit and tag["repo_type"] == "dataset"
    recorded = read_manifest(store.version_dir("sample", version))["published"][TARGET]
    assert recorded["commit"] == result.commit and result.created


def test_an_existing_tag_with_the_same_shards_is_a_no_op(validated: tuple[Store, str]) -> None:
    store, version = validated
    manifest = read_manifest(store.version_dir("sample", version))
    shards = {s["path"]: s["sha256"] for s in manifest["shards"] if s["rows"]}
    hub = FakeHub(tags={f"v{version}": "abc123"}, tree={f"v{version}": shards})
    result = publish(store, "sample", version, TARGET, api=hub)
    assert not result.created and result.commit == "abc123"
    assert "create_commit" not in hub.names()


def test_an_existing_tag_with_other_shards_is_refused(validated: tuple[Store, str]) -> None:
    store, version = validated
    hub = FakeHub(tags={f"v{version}": "abc123"}, tree={f"v{version}": {"data/train-00000-of-00001.parquet": "0" * 64}})
    with pytest.raises(PublishError, match="already has tag .* with other shards"):
        publish(store, "sample", version, TARGET, api=hub)


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
    hub = FakeHub(failures={"create_repo": [_http_error(403)]})
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


def test_dry_run_plans_without_the_network(validated: tuple[Store, str]) -> None:
    store, version = validated
    hub = FakeHub()
    result = publish(store, "sample", version, TARGET, dry_run=True, api=hub)
    assert hub.calls == [] and result.commit is None
    assert result.plan[0].startswith(f"create_repo {REPO}") and result.plan[-1] == f"create_tag v{version} on that commit"


@pytest.mark.skipif(not (os.environ.get("CURATE_LIVE_HUB_REPO") and os.environ.get("HF_TOKEN")),
                    reason="live Hub test: set HF_TOKEN and CURATE_LIVE_HUB_REPO=ORG/NAME (a repo you may write)")
def test_live_publish_to_the_hub(validated: tuple[Store, str], tmp_path: Path) -> None:
    import datasets

    store, version = validated
    result = publish(store, "sample", version, f"hf://datasets/{os.environ['CURATE_LIVE_HUB_REPO']}")
    loaded = datasets.load_dataset(result.repo_id, revision=result.tag, cache_dir=str(tmp_path))
    assert sum(len(loaded[s]) for s in loaded) == read_manifest(store.version_dir("sample", version))["accounting"]["kept"]
    assert publish(store, "sample", version, result.target).commit == result.commit
