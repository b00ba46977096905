"""The report folder: one page with every section, summary.json, viewer pages, clear errors."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT
from curate.errors import StoreError
from curate.pipeline.build import BuildResult
from curate.reporting import ReportResult, find_document, write_document, write_report
from curate.reporting.changes import compare_with_parent
from curate.reporting.page import TOC
from curate.store import Store
from curate.store.manifest import Manifest, load_manifest, read_manifest, update_manifest, write_manifest


def test_report_folder(sample_report: ReportResult, report_dir: Path) -> None:
    html = (report_dir / "index.html").read_text(encoding="utf-8")
    assert json.loads((report_dir / "summary.json").read_text(encoding="utf-8")) == sample_report.summary
    for anchor, _ in TOC:
        assert f'<section id="{anchor}">' in html
    assert html.count("<svg") >= 15, "length, ratio, quality, kinds, languages and claims charts"
    assert not re.search(r"<(script|link|img|iframe)\b", html), "self-contained: nothing loaded"
    assert not re.search(r'(src|href)="(https?:)?//', html), "no network"
    for entry in sample_report.summary["documents"]:
        assert (report_dir / entry["page"]).is_file()
        assert f'href="{entry["page"]}"' in html
    assert any(e["reason"] == "policy_too_short" for e in sample_report.summary["documents"])
    assert "This is the first version" in html and "Quality gate: <span class=\"fail\">not run" in html


def test_rewriting_replaces_the_report(report_store: Store, sample_report: ReportResult) -> None:
    stale = sample_report.index.parent / "docs" / "stale.html"
    stale.write_text("old", encoding="utf-8")
    again = write_report(report_store, "sample", "1.0.0")
    assert again.summary == sample_report.summary and not stale.exists()
    assert not [p for p in again.index.parent.parent.iterdir() if p.name.startswith(".report")]


def _with_verdict(sample_build: BuildResult, store: Store, **entry: object) -> Path:
    """A copy of the sample version whose manifest records a failed verdict with `entry`'s keys."""
    folder = store.version_dir("sample", "1.0.0")
    shutil.copytree(sample_build.path, folder)
    update_manifest(folder, "validation", {"passed": False, "validated_at": "2026-01-01T00:00:00+00:00",
                                           "failed": ["dataset.<no_dup_ids>"], "waivers": [], "suites": {}, "shards": {},
                                           **entry})
    return folder


def test_gate_verdict_links_its_validation_page(sample_build: BuildResult, tmp_path: Path) -> None:
    store = Store(tmp_path)
    folder = _with_verdict(sample_build, store, page="validation/index.html")
    (folder / "validation").mkdir()
    (folder / "validation" / "index.html").write_text("page", encoding="utf-8")
    result = write_report(store, "sample", "1.0.0")
    html = result.index.read_text(encoding="utf-8")
    assert '<a href="../validation/index.html">' in html
    assert (result.index.parent / "../validation/index.html").resolve().is_file()
    assert "FAILED" in html and "dataset.&lt;no_dup_ids&gt;" in html
    assert result.summary["gate"]["page"] == "../validation/index.html"


def test_older_data_docs_are_not_linked(sample_build: BuildResult, tmp_path: Path) -> None:
    """A version validated by an older curate names GX Data Docs, which render scraped values
    unescaped: the report still shows its verdict, links no Data Docs and says how to replace them."""
    store = Store(tmp_path)
    folder = _with_verdict(sample_build, store, data_docs="validation/data_docs/index.html")
    (folder / "validation" / "data_docs").mkdir(parents=True)
    (folder / "validation" / "data_docs" / "index.html").write_text("docs", encoding="utf-8")
    result = write_report(store, "sample", "1.0.0")
    html = result.index.read_text(encoding="utf-8")
    assert "FAILED" in html and "data_docs" not in html and "<code>curate validate NAME V</code>" in html
    assert result.summary["gate"]["page"] is None and result.summary["gate"]["unsafe_data_docs"]


def _version(store: Store, version: str, parent: str | None, **accounting: object) -> Manifest:
    folder = store.version_dir("news", version)
    folder.mkdir(parents=True)
    manifest = {"name": "news", "version": version, "parent": parent, "config_hash": "c1", "inputs_hash": version,
                "schema": {"name": "article_v1", "fingerprint": "f1"},
                "reject_schema": {"name": "reject_v1", "fingerprint": "r1"}, "shards": [], "rejects": [],
                "config": {}, "inputs": [], "pipeline_version": "0.1.0", "created": "2026-11-25T00:00:00+00:00",
                "stages": ["a@1", f"b@{version[2]}"], "validation": None,
                "accounting": {"read": 10, "kept": 8, "dropped": 1, "rejected": 1, "by_split": {"train": 8},
                               "by_reason": {"policy_too_short": 1, "read_empty_file": 1}, **accounting}}
    write_manifest(folder, manifest)
    return load_manifest(folder)


def test_changes_since_parent(tmp_path: Path) -> None:
    store = Store(tmp_path)
    first = _version(store, "1.0.0", None)
    second = _version(store, "1.1.0", "1.0.0", read=12, kept=9, dropped=2,
                      by_reason={"policy_too_short": 2, "read_empty_file": 1})
    assert compare_with_parent(store, first) is None
    diff = compare_with_parent(store, second)
    assert diff is not None
    assert diff["accounting"]["read"] == {"parent": 10, "this": 12, "change": 2}
    assert diff["by_reason"] == {"policy_too_short": {"parent": 1, "this": 2, "change": 1}}
    assert diff["same_config"] and not diff["same_inputs"]
    assert diff["stages"] == {"added": ["b@1"], "removed": ["b@0"]}
    assert diff["documents"]["added"] == 0 and diff["changelog"]
    orphan = _version(store, "2.0.0", "1.9.0")
    assert compare_with_parent(store, orphan)["missing"].startswith("no version 1.9.0")


def test_find_and_write_one_document(report_store: Store, sample_report: ReportResult, tmp_path: Path) -> None:
    kept = sample_report.summary["documents"][0]["id"]
    assert find_document(report_store, "sample", "1.0.0", kept).reason is None
    page = write_document(report_store, "sample", "1.0.0", kept)
    assert page == sample_report.index.parent / "docs" / f"{kept}.html"
    assert 'href="../index.html"' in page.read_text(encoding="utf-8")
    dropped = next(e["id"] for e in sample_report.summary["documents"] if e["reason"])
    assert find_document(report_store, "sample", "1.0.0", dropped).reason == "policy_too_short"
    elsewhere = write_document(report_store, "sample", "1.0.0", dropped, tmp_path / "one.html")
    assert "dropped by <b>policy_too_short</b>" in elsewhere.read_text(encoding="utf-8")


def test_errors_name_what_is_missing(report_store: Store) -> None:
    with pytest.raises(StoreError, match=re.escape("no document with id 'nope' in sample 1.0.0")):
        find_document(report_store, "sample", "1.0.0", "nope")
    with pytest.raises(StoreError, match=re.escape("no version 9.9.9 of dataset 'sample'")):
        write_report(report_store, "sample", "9.9.9")
    with pytest.raises(StoreError, match=re.escape("no version 1.0.0 of dataset 'other'")):
        write_report(report_store, "other", "1.0.0")
    assert read_manifest(report_store.require("sample", "1.0.0"))["validation"] is None


def test_changes_name_the_articles_a_rebuild_changed(report_store: Store, sample_build: BuildResult,
                                                      tmp_path: Path) -> None:
    """A stricter policy on the sample's own rows: the report counts the articles it dropped."""
    from curate.config import load_config
    from curate.pipeline.rebuild import rebuild

    store = Store(tmp_path / "store")
    parent = sample_build.manifest["version"]
    shutil.copytree(sample_build.path, store.version_dir("sample", parent))
    config = load_config(ROOT / "curate.toml", {"executor": {"workers": 1}, "policy": {"min_words": 300}})
    child = load_manifest(rebuild("sample", parent, config, store=store).path)
    diff = compare_with_parent(store, child)
    dropped = sample_build.manifest["accounting"]["kept"] - child.accounting.kept
    assert diff is not None and diff["documents"]["removed"] == dropped > 0
    assert diff["documents"]["added"] == 0
    html = write_report(store, "sample", child.version).index.read_text(encoding="utf-8")
    assert f"<td>removed</td><td class=\"n\">{diff['documents']['removed']:,}</td>" in html
