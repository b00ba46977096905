"""End to end on the embedded sample: accounting, rejects, schema, determinism, atomic versions."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

from curate.boilerplate import reconstruct
from curate.pipeline.build import build
from curate.config import load_config
from curate.errors import InputError, StoreError
from curate.schema import load_schema
from curate.store import Store, read_manifest

from conftest import ROOT, SAMPLE

EXPECTED = json.loads((ROOT / "tests" / "data" / "sample_expected.json").read_text(encoding="utf-8"))


def _rows(folder: Path, key: str) -> list[dict]:
    manifest = read_manifest(folder)
    tables = [pq.read_table(folder / shard["path"]) for shard in manifest[key]]
    return pa.concat_tables(tables).to_pylist() if tables else []


def test_accounting_adds_up(sample_build) -> None:
    acc = sample_build.manifest["accounting"]
    assert acc["read"] == acc["kept"] + acc["dropped"] + acc["rejected"]
    assert acc["read"] == len(EXPECTED["documents"])
    assert sum(acc["by_split"].values()) == acc["kept"]
    assert sum(acc["by_reason"].values()) == acc["dropped"] + acc["rejected"]


def test_every_document_has_its_expected_outcome(sample_build) -> None:
    kept = {row["source"]["input_uri"]: row for row in _rows(sample_build.path, "shards")}
    rejects = {row["input_uri"]: row for row in _rows(sample_build.path, "rejects")}
    for expected in EXPECTED["documents"]:
        uri, outcome = expected["input"], expected["outcome"]
        if outcome == "kept":
            assert uri in kept, uri
            row = kept[uri]
            assert row["title"] == expected["title"], uri
            assert row["source"]["name"] == expected["publisher"], uri
            assert row["language"] == expected["language"], uri
        else:
            assert uri in rejects, uri
            assert rejects[uri]["status"] == outcome, uri
            assert rejects[uri]["reason"] == expected["reason"], uri
            assert uri.split("#")[0] in rejects[uri]["message"], "the message names the input"


def test_rejects_keep_what_was_read(sample_build) -> None:
    for row in _rows(sample_build.path, "rejects"):
        assert row["reason"] and row["stage"] and row["message"]
        if row["status"] == "dropped":
            assert json.loads(row["row_json"])["id"] == row["id"]
        elif row["input_sha256"] is not None:
            assert row["raw"], row["input_uri"]


def test_rows_validate_against_the_json_schema(sample_build) -> None:
    validator = Draft202012Validator(load_schema("article").json_schema())
    rows = _rows(sample_build.path, "shards")
    assert rows
    for row in rows:
        errors = [e.message for e in validator.iter_errors(row)]
        assert not errors, (row["source"]["input_uri"], errors[:3])


def test_shards_carry_the_schema(sample_build) -> None:
    article = load_schema("article")
    for shard in sample_build.manifest["shards"]:
        schema = pq.read_schema(sample_build.path / shard["path"])
        assert schema.equals(article.arrow(), check_metadata=False)
        assert json.loads(schema.metadata[b"curate.schema"])["fingerprint"] == article.fingerprint
    assert sample_build.manifest["schema"] == {"name": "article_v1", "fingerprint": article.fingerprint}


def test_text_and_spans_reproduce_the_document(sample_build) -> None:
    for row in _rows(sample_build.path, "shards"):
        document = reconstruct(row["text"], row["boilerplate"])
        assert len(document) >= len(row["text"])
        for span in row["boilerplate"]:
            assert document[span["start"]:span["end"]] == span["text"]
        assert row["flags"] == {kind: any(s["kind"] == kind for s in row["boilerplate"]) for kind in row["flags"]}
        for claim in row["claims"]:
            assert row["text"][claim["content_start"]:claim["content_end"]].startswith(
                row["text"][claim["content_parts"][0]["start"]:claim["content_parts"][0]["end"]])
            assert row["text"][claim["cue_start"]:claim["cue_end"]] == claim["cue"]
            if claim["source"] is not None:
                assert row["text"][claim["source_start"]:claim["source_end"]] == claim["source"]


def test_encodings_are_repaired(sample_build) -> None:
    texts = {row["source"]["input_uri"]: row["text"] for row in _rows(sample_build.path, "shards")}
    latin1 = next(t for uri, t in texts.items() if "latin1_" in uri)
    mojibake = next(t for uri, t in texts.items() if "mojibake_" in uri)
    for text in (latin1, mojibake):
        assert "Ã" not in text and "â€" not in text and "\ufffd" not in text
    assert any(ch in latin1 for ch in "éüàçö")


def test_same_inputs_give_byte_identical_shards(tmp_path: Path, sample_build) -> None:
    config = load_config(ROOT / "curate.toml", {"executor": {"workers": 1, "batch_size": 7}})
    again = build([SAMPLE], "sample", config, store=Store(tmp_path))
    digest = lambda manifest: [(s["path"], s["sha256"]) for s in manifest["shards"] + manifest["rejects"]]  # noqa: E731
    assert digest(again.manifest) == digest(sample_build.manifest)


def test_versions_are_immutable_and_chained(tmp_path: Path, sample_config) -> None:
    store = Store(tmp_path)
    one = SAMPLE / "txt" / "harbor-gazette"
    first = build([one], "news", sample_config, store=store)
    assert first.manifest["version"] == "1.0.0" and first.manifest["parent"] is None
    second = build([one], "news", sample_config, store=store)
    assert second.manifest["version"] == "1.1.0" and second.manifest["parent"] == "1.0.0"
    with pytest.raises(StoreError, match="immutable"):
        build([one], "news", sample_config, store=store, version="1.0.0")
    assert store.versions("news") == ["1.0.0", "1.1.0"]


def test_a_crashed_build_leaves_no_version(tmp_path: Path, sample_config) -> None:
    store = Store(tmp_path)

    def crash(stage: str, _documents: int) -> None:
        if stage == "annotate":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build([SAMPLE / "txt"], "news", sample_config, store=store, on_progress=crash)
    assert store.versions("news") == []
    build([SAMPLE / "txt"], "news", sample_config, store=store)
    assert store.versions("news") == ["1.0.0"]
    assert not list((tmp_path / "news" / ".staging").iterdir()), "the stale staging folder was removed"


def test_inputs_with_nothing_to_read_are_an_error_not_an_empty_version(tmp_path: Path, sample_config) -> None:
    store = Store(tmp_path / "store")
    pages = tmp_path / "pages"
    pages.mkdir()
    with pytest.raises(InputError, match=r"no input file to read in .*pages: it is empty"):
        build([pages], "news", sample_config, store=store)
    for n in range(5):
        (pages / f"{n}.pdf").write_bytes(b"%PDF-1.7")
    with pytest.raises(InputError, match=r"5 skipped \(0.pdf: unsupported file type .*; and 2 more\)"):
        build([pages], "news", sample_config, store=store)
    assert store.versions("news") == []


def test_load_gives_the_schema_features(sample_build) -> None:
    import curate

    store = sample_build.path.parents[2]
    dataset = curate.load("sample", store=store)
    features = load_schema("article").features()
    rows = 0
    for split in dataset.values():
        assert split.features == features
        rows += split.num_rows
    assert rows == sample_build.manifest["accounting"]["kept"]
    assert curate.load("sample", "1.0.0", split="test", store=store).features == features
