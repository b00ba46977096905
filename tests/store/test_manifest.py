"""The typed manifest: every version the build writes loads, old manifests load, broken ones fail clearly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from curate.cli import app
from curate.errors import StoreError
from curate.pipeline.build import BuildResult
from curate.store import Store, load_manifest, read_manifest
from curate.store.manifest import MANIFEST, write_manifest

# fields later issues added: a store written before them has none
_LATER = ("input_roots", "skipped_inputs", "rebuilt_from", "templates", "rejects", "dedup", "resumed",
          "validation", "published", "version_bump")


def _copy(sample_build: BuildResult, tmp_path: Path) -> Path:
    folder = tmp_path / "version"
    folder.mkdir()
    shutil.copy(sample_build.path / MANIFEST, folder / MANIFEST)
    return folder


def _edited(sample_build: BuildResult, tmp_path: Path, edit: Any) -> Path:
    folder = _copy(sample_build, tmp_path)
    data = read_manifest(folder)
    edit(data)
    write_manifest(folder, data)
    return folder


def test_a_built_manifest_loads_with_every_field(sample_build: BuildResult) -> None:
    raw, manifest = read_manifest(sample_build.path), load_manifest(sample_build.path)
    assert manifest.version == raw["version"] and manifest.schema_.name == raw["schema"]["name"]
    assert manifest.accounting.read == manifest.accounting.kept + manifest.accounting.dropped + manifest.accounting.rejected
    assert [s.path for s in manifest.shards] == [s["path"] for s in raw["shards"]]
    assert all(s.split for s in manifest.shards) and manifest.data_files == [*manifest.shards, *manifest.rejects]
    assert manifest.model_dump(mode="json", by_alias=True, exclude_unset=True) == raw, "nothing is lost or renamed"


def test_writing_a_manifest_again_gives_the_same_bytes(sample_build: BuildResult, tmp_path: Path) -> None:
    folder = _copy(sample_build, tmp_path)
    write_manifest(folder, read_manifest(folder))
    assert (folder / MANIFEST).read_bytes() == (sample_build.path / MANIFEST).read_bytes()


def test_an_old_manifest_without_later_fields_loads(sample_build: BuildResult, tmp_path: Path) -> None:
    def drop_later(data: dict[str, Any]) -> None:
        for key in _LATER:
            data.pop(key, None)
        data["accounting"].pop("not_documents")

    manifest = load_manifest(_edited(sample_build, tmp_path, drop_later))
    assert manifest.rejects == [] and manifest.validation is None and manifest.published == {}
    assert manifest.input_roots is None and manifest.dedup_references == [] and manifest.accounting.not_documents == {}


def test_a_verdict_from_before_the_validation_page_loads(sample_build: BuildResult, tmp_path: Path) -> None:
    old = {"passed": True, "validated_at": "2026-11-26T00:00:00+00:00", "suites": {"article_rows": "0" * 64},
           "shards": {}, "thresholds": {}, "waivers": [], "failed": [], "results": "validation/results.json",
           "data_docs": "validation/data_docs/index.html"}
    verdict = load_manifest(_edited(sample_build, tmp_path, lambda d: d.update(validation=old))).validation
    assert verdict is not None and verdict.passed and verdict.page is None
    assert verdict.model_extra == {"data_docs": "validation/data_docs/index.html"}


def test_an_unknown_field_is_kept(sample_build: BuildResult, tmp_path: Path) -> None:
    manifest = load_manifest(_edited(sample_build, tmp_path, lambda d: d.update(future={"x": 1})))
    assert manifest.model_extra == {"future": {"x": 1}}


@pytest.mark.parametrize(("edit", "field"), [
    (lambda d: d.pop("accounting"), "accounting"),
    (lambda d: d["accounting"].pop("kept"), "accounting.kept"),
    (lambda d: d["accounting"].update(kept="many"), "accounting.kept"),
    (lambda d: d.update(shards={"path": "x"}), "shards"),
    (lambda d: d["shards"][0].pop("sha256"), "shards.0.sha256"),
    (lambda d: d["schema"].update(name=None), "schema.name"),
    (lambda d: d.update(version=3), "version"),
    (lambda d: d["accounting"].update(read="32"), "accounting.read"),
    (lambda d: d.update(validation={"passed": "yes"}), "validation.passed"),
    (lambda d: d.update(validation={"passed": True, "validated_at": "2026-12-01", "suites": {}}), "validation.shards"),
])
def test_a_malformed_manifest_names_the_file_and_the_field(sample_build: BuildResult, tmp_path: Path,
                                                           edit: Any, field: str) -> None:
    folder = _edited(sample_build, tmp_path, edit)
    with pytest.raises(StoreError, match=rf"{MANIFEST} is not a valid manifest: field `{field}`"):
        load_manifest(folder)


@pytest.mark.parametrize("text", ["", "{\"name\": \"sample\", \"vers", "[1, 2]", "null"])
def test_a_truncated_or_foreign_file_is_a_store_error(tmp_path: Path, text: str) -> None:
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    with pytest.raises(StoreError, match=str(tmp_path)):
        load_manifest(tmp_path)


def test_a_folder_without_a_manifest_is_not_a_version(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="not a version"):
        load_manifest(tmp_path)


def test_the_written_json_is_the_dict_given(tmp_path: Path) -> None:
    write_manifest(tmp_path, {"b": 1, "a": "é"})
    assert (tmp_path / MANIFEST).read_text(encoding="utf-8") == json.dumps({"b": 1, "a": "é"}, indent=2, ensure_ascii=False) + "\n"


def _store_with_broken_manifest(sample_build: BuildResult, tmp_path: Path) -> Store:
    """A store whose one version lost its accounting: what a hand edit or a bad copy leaves."""
    store = Store(tmp_path / "store")
    folder = store.version_dir("sample", "1.0.0")
    shutil.copytree(sample_build.path, folder)
    data = read_manifest(folder)
    del data["accounting"]["kept"]
    write_manifest(folder, data)
    return store


def test_the_api_names_the_broken_field(sample_build: BuildResult, tmp_path: Path) -> None:
    import curate

    store = _store_with_broken_manifest(sample_build, tmp_path)
    for call in (lambda: curate.versions("sample", store=store.root),
                 lambda: curate.load("sample", "1.0.0", store=store.root, allow_failed=True),
                 lambda: curate.report("sample", "1.0.0", store=store.root)):
        with pytest.raises(StoreError, match=r"manifest.json is not a valid manifest: field `accounting.kept`"):
            call()


@pytest.mark.parametrize("command", [["versions", "sample"], ["show", "sample", "1.0.0"], ["diff", "sample", "1.0.0", "1.0.0"]])
def test_the_cli_names_the_broken_field_without_a_traceback(sample_build: BuildResult, tmp_path: Path,
                                                            command: list[str]) -> None:
    store = _store_with_broken_manifest(sample_build, tmp_path)
    result = CliRunner().invoke(app, [*command, "--store", str(store.root)])
    assert result.exit_code == 2, result.output
    assert "field `accounting.kept`" in result.output and "Traceback" not in result.output
