"""Fixtures for the report: a private copy of the session's sample version with its report written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from curate.pipeline.build import BuildResult
from curate.report import ReportResult, write_report
from curate.store import Store


@pytest.fixture(scope="session")
def report_store(tmp_path_factory: pytest.TempPathFactory, sample_build: BuildResult) -> Store:
    """A store holding a copy of the sample version (tests may add files to it)."""
    store = Store(tmp_path_factory.mktemp("report-store"))
    shutil.copytree(sample_build.path, store.version_dir("sample", sample_build.manifest["version"]))
    return store


@pytest.fixture(scope="session")
def sample_report(report_store: Store, sample_build: BuildResult) -> ReportResult:
    return write_report(report_store, "sample", sample_build.manifest["version"])


@pytest.fixture(scope="session")
def report_dir(sample_report: ReportResult) -> Path:
    return sample_report.index.parent
