"""The default target: a local git repository that `datasets.load_dataset` reads."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import datasets
import pytest
from typer.testing import CliRunner

import curate
from conftest import ROOT, SAMPLE
from curate.cli import app
from curate.config import load_config
from curate.errors import PublishError
from curate.pipeline.build import build
from curate.publishing import publish
from curate.publishing.local_repo import MARKER
from curate.publishing.publisher import default_target
from curate.schema import load_schema
from curate.store import Store, read_manifest
from curate.validation import validate_version


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


def _checkout(repo: Path, tag: str, where: Path) -> Path:
    subprocess.run(["git", "clone", "-q", "--branch", tag, str(repo), str(where)], check=True, capture_output=True)
    return where


def _load(path: Path | str, cache: Path) -> datasets.DatasetDict:
    # datasets caches a local folder under its name and card metadata only, so folders of the
    # same name from other runs could answer: every test loads into its own cache.
    return datasets.load_dataset(str(path), cache_dir=str(cache))


def _rows(dataset_dict: datasets.DatasetDict) -> dict[str, list[dict]]:
    return {split: dataset_dict[split].to_list() for split in sorted(dataset_dict)}


def test_publish_commits_tags_and_records(validated: tuple[Store, str]) -> None:
    store, version = validated
    result = publish(store, "sample", version)
    repo = default_target(store, "sample")
    assert result.created and result.tag == f"v{version}"
    assert _git(repo, "rev-parse", f"v{version}^{{commit}}").strip() == result.commit
    assert len(_git(repo, "rev-list", "--all").split()) == 1  # one commit per release
    files = sorted(_git(repo, "ls-files").split())
    manifest = read_manifest(store.version_dir("sample", version))
    assert files == sorted([".gitattributes", "README.md", "croissant.json",
                            *(s["path"] for s in manifest["shards"] if s["rows"])])
    attributes = (repo / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.parquet filter=lfs diff=lfs merge=lfs -text" in attributes
    assert "*.arrow filter=lfs diff=lfs merge=lfs -text" in attributes
    for name in ("README.md", "croissant.json"):  # the path of the machine that published is nowhere
        shown = (repo / name).read_text(encoding="utf-8")
        assert str(store.root) not in shown and str(store.root.resolve()) not in shown, name
    assert "datasets.load_dataset('.')" in (repo / "README.md").read_text(encoding="utf-8")
    assert manifest["published"][str(repo)] == {"commit": result.commit, "tag": f"v{version}",
                                                "published_at": manifest["published"][str(repo)]["published_at"]}


def test_republishing_is_a_no_op(validated: tuple[Store, str]) -> None:
    store, version = validated
    first = publish(store, "sample", version)
    again = publish(store, "sample", version)
    assert not again.created and again.commit == first.commit
    assert len(_git(default_target(store, "sample"), "rev-list", "--all").split()) == 1


def test_load_dataset_reads_the_repository_with_the_schema_features(validated: tuple[Store, str],
                                                                    tmp_path: Path) -> None:
    store, version = validated
    result = publish(store, "sample", version)
    loaded = _load(result.repo_id, tmp_path / "cache")
    assert all(loaded[s].features == load_schema("article").features() for s in loaded)
    assert _rows(loaded) == _rows(curate.load("sample", version, store=store.root))


def test_card_sizes_are_the_ones_datasets_computes(validated: tuple[Store, str], tmp_path: Path) -> None:
    """`dataset_info` as `datasets` itself fills it on loading the repository: each split's
    num_bytes the Arrow size it generated, download_size the Parquet files, dataset_size the sum."""
    from huggingface_hub import DatasetCard

    store, version = validated
    repo = Path(publish(store, "sample", version).repo_id)
    info = datasets.DatasetInfo._from_yaml_dict(DatasetCard.load(repo / "README.md").data.dataset_info)
    loaded = _load(repo, tmp_path / "cache")
    assert set(info.splits) == set(loaded)
    for split in loaded:
        computed = loaded[split].info.splits[split]
        assert info.splits[split].num_bytes == computed.num_bytes and info.splits[split].num_examples == len(loaded[split])
    parquet = sum(path.stat().st_size for path in (repo / "data").glob("*.parquet"))
    assert info.download_size == parquet and info.download_size != info.dataset_size
    assert info.dataset_size == sum(split.num_bytes for split in info.splits.values())


def test_a_users_git_lfs_filters_do_not_touch_curates_commits(two_versions: tuple[Store, list[str]],
                                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With `git lfs install`'s filters in the user's config (here a clean filter that makes
    pointers and a smudge that fails), curate still commits and checks out the shards' bytes, and
    a checkout whose files were touched is not taken for the user's changes."""
    home = tmp_path / "home"
    home.mkdir()
    (home / ".gitconfig").write_text('[filter "lfs"]\n\tclean = "sh -c \'cat >/dev/null; echo pointer\'"\n'
                                     "\tsmudge = false\n\trequired = true\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    store, (first, second) = two_versions
    repo = tmp_path / "repo"
    publish(store, "sample", first, str(repo))
    shard = next((repo / "data").glob("*.parquet"))
    committed = subprocess.run(["git", "-C", str(repo), "-c", "filter.lfs.smudge=", "cat-file", "blob",
                                f"HEAD:data/{shard.name}"], check=True, capture_output=True).stdout
    assert committed == shard.read_bytes()
    shard.touch()
    assert publish(store, "sample", second, str(repo)).action == "publish"
    monkeypatch.setattr("curate.publishing.local_repo._NO_LFS", ())
    with pytest.raises(PublishError):  # the same filters, not overridden, break a publish
        publish(store, "sample", first, str(tmp_path / "other"))


def test_private_is_refused_for_a_local_target(validated: tuple[Store, str], tmp_path: Path) -> None:
    """A local repository has no visibility: asking for one is an error, not silently ignored."""
    store, version = validated
    for private, flag in ((True, "--private"), (False, "--public")):
        for target in (None, str(tmp_path / "repo")):
            with pytest.raises(PublishError, match=f"{flag} applies to hf://datasets/ORG/NAME targets only"):
                publish(store, "sample", version, target, private=private)
    assert not (tmp_path / "repo").exists() and not default_target(store, "sample").exists()
    done = CliRunner().invoke(app, ["publish", "sample", version, "--store", str(store.root), "--private"])
    assert done.exit_code == 2 and "--private applies to hf://" in done.output


def test_dry_run_changes_nothing(validated: tuple[Store, str]) -> None:
    store, version = validated
    result = publish(store, "sample", version, dry_run=True)
    assert result.commit is None and not default_target(store, "sample").exists()
    assert result.action == "publish" and not result.created
    assert any("README.md" in step and "croissant.json" in step for step in result.plan)
    assert "published" not in read_manifest(store.version_dir("sample", version))
    assert publish(store, "sample", version).plan == result.plan  # the real run did what the dry run said


def _snapshot(repo: Path) -> tuple[str, ...]:
    """Everything a publish could change: refs, HEAD, index, checkout, objects."""
    return (_git(repo, "for-each-ref"), _git(repo, "rev-parse", "HEAD"),
            _git(repo, "--no-optional-locks", "status", "--porcelain", "--ignored"),
            (repo / ".git" / "index").read_bytes().hex(), _git(repo, "count-objects", "-v"))


def test_dry_run_of_a_published_version_says_nothing_will_change(validated: tuple[Store, str]) -> None:
    store, version = validated
    published = publish(store, "sample", version)
    repo = default_target(store, "sample")
    before = _snapshot(repo)
    result = publish(store, "sample", version, dry_run=True)
    assert result.action == "nothing" and not result.created
    assert result.plan == [f"nothing: v{version} is already published (commit {published.commit[:12]}, same shards)"]
    shown = CliRunner().invoke(app, ["publish", "sample", version, "--dry-run", "--store", str(store.root)])
    assert shown.exit_code == 0 and f"nothing: v{version} is already published" in shown.stdout
    assert _snapshot(repo) == before
    again = publish(store, "sample", version)
    assert (again.action, again.plan, again.commit) == ("nothing", result.plan, published.commit)
    assert _snapshot(repo) == before


def test_a_folder_that_is_not_a_repository_is_refused(validated: tuple[Store, str], tmp_path: Path) -> None:
    store, version = validated
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(PublishError, match="exists and is not a git repository"):
        publish(store, "sample", version, str(tmp_path / "notes"))
    assert sorted(p.name for p in (tmp_path / "notes").iterdir()) == ["todo.txt"]


def test_a_half_made_repository_inside_another_checkout_never_touches_the_outer_one(validated: tuple[Store, str],
                                                                                    tmp_path: Path) -> None:
    """A kill right after the marker leaves `.git` without HEAD: git alone would walk up into the
    enclosing repository and commit there."""
    store, version = validated
    outer = tmp_path / "outer"
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    _git(outer, "-c", "user.name=u", "-c", "user.email=u@u", "commit", "-q", "--allow-empty", "-m", "outer")
    before = _git(outer, "rev-list", "--all")
    inner = outer / "hub"
    (inner / ".git").mkdir(parents=True)
    (inner / ".git" / MARKER).write_text(f"v{version}\n", encoding="utf-8")
    result = publish(store, "sample", version, str(inner))
    assert _git(outer, "rev-list", "--all") == before and _git(outer, "tag") == ""
    assert _git(inner, "rev-parse", "main").strip() == result.commit and _git(inner, "status", "--porcelain") == ""


def test_the_callers_git_variables_are_not_followed(validated: tuple[Store, str], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from a git hook, say: GIT_DIR, GIT_WORK_TREE and GIT_INDEX_FILE name another repository."""
    store, version = validated
    monkeypatch.setenv("GIT_DIR", str(tmp_path / "elsewhere" / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(tmp_path / "elsewhere"))
    monkeypatch.setenv("GIT_INDEX_FILE", str(tmp_path / "elsewhere.index"))
    result = publish(store, "sample", version)
    monkeypatch.delenv("GIT_DIR")
    monkeypatch.delenv("GIT_WORK_TREE")
    monkeypatch.delenv("GIT_INDEX_FILE")
    assert _git(default_target(store, "sample"), "rev-parse", "main").strip() == result.commit
    assert not (tmp_path / "elsewhere").exists() and not (tmp_path / "elsewhere.index").exists()


def test_the_commit_is_curates_at_the_versions_own_times(validated: tuple[Store, str]) -> None:
    """Identity and dates from the manifest, not the clock: a retry makes the very same commit."""
    store, version = validated
    result = publish(store, "sample", version)
    manifest = read_manifest(store.version_dir("sample", version))
    shown = _git(default_target(store, "sample"), "log", "-1", "--format=%an <%ae>|%aI|%cn <%ce>|%cI", result.commit)
    author, authored, committer, committed = shown.strip().split("|")
    assert author == committer == "curate <curate@localhost>"
    assert datetime.fromisoformat(authored) == datetime.fromisoformat(manifest["created"])
    assert datetime.fromisoformat(committed) == datetime.fromisoformat(manifest["validation"]["validated_at"])


def test_unvalidated_version_is_refused(tmp_path: Path, sample_build) -> None:
    store = Store(tmp_path / "store")
    shutil.copytree(sample_build.path, store.version_dir("sample", "1.0.0"))
    with pytest.raises(PublishError, match="never validated"):
        publish(store, "sample", "1.0.0")


def test_failed_version_is_refused(validated: tuple[Store, str]) -> None:
    store, version = validated
    folder = store.version_dir("sample", version)
    manifest = read_manifest(folder)
    manifest["validation"] = {**manifest["validation"], "passed": False, "failed": ["dataset.split_shares"]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(PublishError, match=re.escape("validation failed: dataset.split_shares")):
        publish(store, "sample", version)


def test_shard_changed_after_validation_is_refused_by_name(validated: tuple[Store, str]) -> None:
    store, version = validated
    shard = next(s["path"] for s in read_manifest(store.version_dir("sample", version))["shards"] if s["rows"])
    with (store.version_dir("sample", version) / shard).open("ab") as handle:
        handle.write(b"\0")
    with pytest.raises(PublishError, match=f"{shard} changed since it was validated"):
        publish(store, "sample", version)
    assert not default_target(store, "sample").exists()


def test_uncommitted_changes_in_the_repository_are_refused(validated: tuple[Store, str]) -> None:
    store, version = validated
    publish(store, "sample", version)
    repo = default_target(store, "sample")
    (repo / "README.md").write_text("edited by hand\n", encoding="utf-8")
    copy = store.version_dir("sample", "9.0.0")
    shutil.copytree(store.version_dir("sample", version), copy)
    manifest = read_manifest(copy)
    (copy / "manifest.json").write_text(json.dumps({**manifest, "version": "9.0.0"}), encoding="utf-8")
    with pytest.raises(PublishError, match="uncommitted changes"):
        publish(store, "sample", "9.0.0")


def test_a_tag_holding_other_shards_is_refused(validated: tuple[Store, str], tmp_path: Path) -> None:
    store, version = validated
    publish(store, "sample", version)
    repo = default_target(store, "sample")
    shard = next(p for p in _git(repo, "ls-files").split() if p.startswith("data/"))
    (repo / shard).write_bytes(b"other bytes")
    _git(repo, "commit", "-qam", "tamper", "--author", "t <t@t>")
    _git(repo, "tag", "-f", f"v{version}")
    with pytest.raises(PublishError, match=r"already has tag .* with other shards"):
        publish(store, "sample", version)


@pytest.fixture(scope="module")
def two_versions(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[str]]:
    """Two validated builds of the txt sample: the second with one article removed, one added."""
    root = tmp_path_factory.mktemp("inputs")
    shutil.copytree(SAMPLE / "txt", root / "txt")
    config = load_config(ROOT / "curate.toml", {"executor": {"workers": 1}})
    store = Store(tmp_path_factory.mktemp("two"))
    built = []
    removed = root / "txt" / "valley-courier"
    moved_aside = tmp_path_factory.mktemp("aside") / "valley-courier"
    shutil.move(removed, moved_aside)
    for step in range(2):
        if step == 1:
            shutil.move(moved_aside, removed)  # added back: new documents
            shutil.rmtree(root / "txt" / "northern-ledger")  # and some removed
        version = build([root], "sample", config, store=store).manifest["version"]
        result, _ = validate_version(store, "sample", version, config)
        assert result.passed
        built.append(version)
    return store, built


def test_round_trip_at_two_tags(two_versions: tuple[Store, list[str]], tmp_path: Path) -> None:
    store, built = two_versions
    for version in built:
        publish(store, "sample", version)
    repo = default_target(store, "sample")
    assert sorted(_git(repo, "tag").split()) == [f"v{v}" for v in built]
    for version in built:
        checkout = _checkout(repo, f"v{version}", tmp_path / version)
        loaded = _load(checkout, tmp_path / "cache")
        assert _rows(loaded) == _rows(curate.load("sample", version, store=store.root))
        assert all(loaded[s].features == load_schema("article").features() for s in loaded)
    card = (repo / "README.md").read_text(encoding="utf-8")
    assert f"## Changes since {built[0]}" in card
    assert "- documents: 1 added, 2 removed, 0 changed" in card  # valley-courier back, northern-ledger gone



def test_publishing_from_an_older_checkout_commits_on_main(validated: tuple[Store, str]) -> None:
    """A user who checked out an older tag to load it: the next release still goes on main."""
    store, version = validated
    publish(store, "sample", version)
    repo = default_target(store, "sample")
    _git(repo, "checkout", "-q", f"v{version}")
    copy = store.version_dir("sample", "9.0.0")
    shutil.copytree(store.version_dir("sample", version), copy)
    (copy / "manifest.json").write_text(json.dumps({**read_manifest(copy), "version": "9.0.0"}), encoding="utf-8")
    result = publish(store, "sample", "9.0.0")
    assert _git(repo, "rev-parse", "main").strip() == result.commit
    assert _git(repo, "log", "--format=%s", "main").split("\n")[:2] == ["Publish sample 9.0.0", f"Publish sample {version}"]
