"""Versions and names have one spelling each; what the store makes follows the user's umask."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from curate.errors import StoreError
from curate.pipeline.build import build
from curate.store import Store
from curate.store.layout import check_name, version_key
from versioning.corpus import tiny_config, write_corpus


@pytest.mark.parametrize("version", ["01.0.0", "1.0.0\n", "١.٠.٠", "1.0", "1.0.0.0", " 1.0.0", "1.0.0-rc1", "v1.0.0",
                                     "1.00.0", "", "1.0.0\x00"])
def test_versions_other_than_plain_semver_are_refused(version: str, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=re.escape("MAJOR.MINOR.PATCH")):
        version_key(version)
    with pytest.raises(StoreError):
        build([write_corpus(tmp_path / "in", {0: 0})], "news", tiny_config(), store=Store(tmp_path / "s"),
              version=version)
    assert not (tmp_path / "s" / "news" / "versions").exists()


@pytest.mark.parametrize("version", ["0.0.0", "1.0.0", "10.20.30"])
def test_plain_versions_are_taken(version: str) -> None:
    assert version_key(version) == tuple(int(n) for n in version.split("."))


@pytest.mark.parametrize("name", ["news\n", "../news", "news/x", ".news", "", "a" * 101, "ニュース", "new s"])
def test_bad_dataset_names_are_refused(name: str) -> None:
    with pytest.raises(StoreError, match="dataset name"):
        check_name(name)


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_version_takes_the_umask_modes(umask: int, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(3), 0))
    old = os.umask(umask)
    try:
        result = build([corpus], "news", tiny_config(), store=Store(tmp_path / "store"))
    finally:
        os.umask(old)
    folders = [result.path, result.path / "data", result.path / "rejects"]
    files = [result.path / "manifest.json", *result.path.glob("data/*.parquet")]
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o777 & ~umask, folder
    for file in files:
        assert stat.S_IMODE(file.stat().st_mode) == 0o666 & ~umask, file
