"""Fixtures for publishing: validated copies of the session's sample version."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from curate.config import load_config
from curate.pipeline.build import BuildResult
from curate.store import Store
from curate.validation import validate_version


@pytest.fixture(scope="session")
def validated_sample(tmp_path_factory: pytest.TempPathFactory, sample_build: BuildResult) -> Path:
    """The sample version after a passing gate (run once per session: GX is slow to start)."""
    store = Store(tmp_path_factory.mktemp("validated"))
    version = sample_build.manifest["version"]
    shutil.copytree(sample_build.path, store.version_dir("sample", version))
    result, _ = validate_version(store, "sample", version, load_config(ROOT / "curate.toml", {"executor": {"workers": 1}}))
    assert result.passed
    return store.version_dir("sample", version)


@pytest.fixture
def validated(tmp_path: Path, validated_sample: Path) -> tuple[Store, str]:
    """A fresh store holding a copy of the validated sample version: (store, version)."""
    store = Store(tmp_path / "store")
    shutil.copytree(validated_sample, store.version_dir("sample", validated_sample.name))
    return store, validated_sample.name
