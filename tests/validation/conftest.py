"""Fixtures for the gate: a private copy of the session's sample version, and its config."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from curate.config import Config, load_config
from curate.pipeline.build import BuildResult
from curate.store import Store


@pytest.fixture
def gate_config() -> Callable[..., Config]:
    """The sample's config plus overrides, validated in this process (no pool: tests stay fast)."""

    def make(**sections: dict[str, Any]) -> Config:
        return load_config(ROOT / "curate.toml", {"executor": {"workers": 1}, **sections})

    return make


@pytest.fixture
def version(tmp_path: Path, sample_build: BuildResult) -> tuple[Store, Path]:
    """(store, folder) of a copy of the sample version that a test may damage."""
    store = Store(tmp_path / "store")
    folder = store.version_dir("sample", sample_build.manifest["version"])
    shutil.copytree(sample_build.path, folder)
    return store, folder


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The gate never reaches the network (GX has version checks and cloud stores it must not use)."""
    import socket

    def refuse(*_args: Any) -> None:
        raise OSError("network access in a gate test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
