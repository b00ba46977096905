"""End to end on the embedded sample: accounting, rejects, schema, determinism, atomic versions."""

from __future__ import annotations

import gzip
import json
import os
from collections import Counter
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, SAMPLE
from curate.boilerplate import reconstruct
from curate.config import load_config
from curate.errors import InputError, StoreError
from curate.pipeline import build as build_module
from curate.pipeline.build import build
from curate.schema import load_schema
from curate.store import Store, read_manifest
from curate.store.read import input_file_counts
from curate.validation.dataset import accounting_frame

EXPECTED = json.loads((ROOT / "tests" / "data" / "sample_expected.json").read_text(encoding="utf-8"))


def _rows(folder: Path, key: str) -> list[dict]:
    manifest = read_manifest(folder)
    tables = [pq.read_table(folder / shard["path"]) for shard in manifest[key]]
    return pa.concat_tables(tables).to_pylist() if tables else []


def _counts(folder: Path) -> dict[str, Counter[str]]:
    """Rows of a version by split, status, reason and input file, counted as the gate does."""
    manifest = read_manifest(folder)
    counts: dict[str, Counter[str]] = {key: Counter() for key in ("split", "status", "reason", "input")}
    for shard in manifest["shards"]:
        table = pq.read_table(folder / shard["path"], columns=["split", "source"])
        counts["split"].update(table.column("split").to_pylist())
        counts["input"].update(input_file_counts(pc.struct_field(table.column("source"), "input_uri")))
    for shard in manifest["rejects"]:
        table = pq.read_table(folder / shard["path"], columns=["status", "reason", "input_uri"])
        counts["status"].update(table.column("status").to_pylist())
        counts["reason"].update(table.column("reason").to_pylist())
        counts["input"].update(input_file_counts(table.column("input_uri")))
    return counts


def _accounting_off(folder: Path) -> dict[str, int]:
    """The gate's accounting row for a version: every value 0 when nothing was lost or invented."""
    manifest = read_manifest(folder)
    frame, _ = accounting_frame(manifest["accounting"], manifest["inputs"], _counts(folder))
    return {key: int(value) for key, value in frame.iloc[0].items()}


def test_accounting_adds_up(sample_build) -> None:
    acc = sample_build.manifest["accounting"]
    assert acc["read"] == acc["kept"] + acc["dropped"] + acc["rejected"]
    assert acc["read"] == len(EXPECTED["documents"])
    assert sum(acc["by_split"].values()) == acc["kept"]
    assert sum(acc["by_reason"].values()) == acc["dropped"] + acc["rejected"]
    assert acc["not_documents"] == {record["record_type"]: 1 for record in EXPECTED["skipped"]}
    inputs = {entry["uri"]: entry for entry in sample_build.manifest["inputs"]}
    assert inputs["warc/crawl-2024-05.warc.gz"]["documents"] == 2
    assert inputs["warc/crawl-2024-05.warc.gz"]["not_documents"] == {"request": 1, "warcinfo": 1}
    assert sum(entry["documents"] for entry in inputs.values()) == acc["read"]
    assert set(_accounting_off(sample_build.path).values()) == {0}


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
    assert sample_build.manifest["schema"] == {"name": "article_v3", "fingerprint": article.fingerprint}


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
    with pytest.warns(UserWarning, match="its quality gate never ran"):  # the fixture runs no gate
        dataset = curate.load("sample", store=store, allow_failed=True)
    features = load_schema("article").features()
    rows = 0
    for split in dataset.values():
        assert split.features == features
        rows += split.num_rows
    assert rows == sample_build.manifest["accounting"]["kept"]
    with pytest.warns(UserWarning, match="its quality gate never ran"):
        assert curate.load("sample", "1.0.0", split="test", store=store, allow_failed=True).features == features


def _bad_corpus(folder: Path, outside: Path) -> None:
    """A corpus of the inputs that used to end a build, lose documents or leak a file."""
    folder.mkdir()
    outside.mkdir()
    (outside / "creds.json").write_text('{"text": "API_KEY=sk-live-123"}', encoding="utf-8")
    (folder / "creds.json").symlink_to(outside / "creds.json")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    os.mkfifo(folder / "pipe.jsonl")
    (folder / ".draft.txt").write_text("Draft\n\nNot for publication.", encoding="utf-8")
    # One line without commas (CSV cells), and no sentence twice: the policy drops repeated text.
    body = ("The harbour board voted on Tuesday to extend the night ferry to the islands through the winter. "
            "Residents of the outer villages had asked for the service after storms closed the road twice in March. "
            "The board said the extra crossings would cost about two million dollars a year and come from fares. ")
    (folder / "surrogate.jsonl").write_text(
        json.dumps({"text": body + "\ud800", "title": "Lone \udc00 surrogate"}, ensure_ascii=True) + "\n"
        + json.dumps({"text": ["First paragraph. " + body, "Second paragraph. The timetable follows next month."],
                    "title": 1984}) + "\n"
        + json.dumps({"text": {"nested": body}}) + "\n", encoding="utf-8")
    (folder / "rows.csv").write_text(f'title,text\nOne,"{body}"\nTwo,{body.replace(",", "")},extra\nThree,"{body}\n'
                                     f'Four,Four. {body}\n', encoding="utf-8")
    (folder / "utf16.txt").write_bytes(b"\xff\xfeH\x00i\x00!")
    (folder / "deep.json").write_bytes(b"[" + b"[" * 100_000 + b"]" * 100_000 + b"]")
    pq.write_table(pa.table({"text": [f"Row {n}. {body}" for n in range(6)]}), folder / "rows.parquet",
                   row_group_size=2, compression="none")
    metadata = pq.ParquetFile(folder / "rows.parquet").metadata
    start = metadata.row_group(1).column(0).data_page_offset
    data = bytearray((folder / "rows.parquet").read_bytes())
    data[start:start + 40] = b"\xff" * 40
    (folder / "rows.parquet").write_bytes(bytes(data))
    (folder / "notes.warc").write_bytes(b"not an archive\n" * 50)
    (folder / "cut.warc.gz").write_bytes((ROOT / "data" / "raw" / "bad" / "truncated.warc.gz").read_bytes())
    (folder / "bomb.jsonl.gz").write_bytes(gzip.compress(b'{"text": "' + b"x" * 5_000_000 + b'"}\n'))


def test_bad_inputs_never_end_a_build_nor_lose_a_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    _bad_corpus(corpus, tmp_path / "outside")
    (corpus / "locked.txt").write_text("Locked\n\nUnreadable.", encoding="utf-8")
    real_open = os.open

    def refuse(path: os.PathLike[str], flags: int, *args: int, **kwargs: int) -> int:  # chmod 000, non-root
        if Path(path).name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr("curate.readers.files.os.open", refuse)
    # dedup off: the bad inputs share one body on purpose, and this test counts every row they give
    config = load_config(ROOT / "curate.toml", {"executor": {"workers": 1}, "readers": {"max_document_bytes": 2**20},
                                                "dedup": {"enabled": False}})
    result = build([corpus], "bad", config, store=Store(tmp_path / "store"))
    manifest = result.manifest
    assert set(_accounting_off(result.path).values()) == {0}, _accounting_off(result.path)
    by_input = {entry["uri"]: entry["documents"] for entry in manifest["inputs"]}
    assert by_input == {"bomb.jsonl.gz": 1, "cut.warc.gz": 2, "deep.json": 1, "locked.txt": 1, "notes.warc": 1,
                        "rows.csv": 4, "rows.parquet": 5, "surrogate.jsonl": 3, "utf16.txt": 1}
    assert manifest["accounting"]["read"] == sum(by_input.values())
    assert manifest["skipped_inputs"] == [
        ".draft.txt: hidden file, not read", "creds.json: symlink to outside the input root, not read",
        "gone.txt: dangling symlink, not read", "pipe.jsonl: a FIFO, not a regular file",
        "zero.txt: symlink to outside the input root, not read"]
    rejects = {row["input_uri"]: row for row in _rows(result.path, "rejects")}
    assert {uri: row["reason"] for uri, row in rejects.items() if row["status"] == "rejected"} == {
        "bomb.jsonl.gz#0": "read_too_large", "cut.warc.gz#1": "read_truncated_record",
        "deep.json#0": "read_malformed_record", "locked.txt": "read_unreadable", "notes.warc": "read_not_warc",
        "rows.csv#1": "read_malformed_record", "rows.csv#2": "read_malformed_record",
        "rows.parquet#2-3": "read_malformed_row_group", "surrogate.jsonl#2": "read_wrong_type",
        "utf16.txt": "read_undecodable"}
    assert [uri for uri, row in rejects.items() if row["status"] == "rejected" and not row["raw"]] == [
        "locked.txt"], "bytes read are kept"
    kept = {row["source"]["input_uri"]: row for row in _rows(result.path, "shards")}
    lone = rejects["surrogate.jsonl#0"]  # decoded with U+FFFD for the surrogates, which the gate rejects
    assert (lone["status"], lone["reason"]) == ("dropped", "policy_replacement_char_in_text")
    assert json.loads(lone["row_json"])["title"] == "Lone \ufffd surrogate"
    assert kept["surrogate.jsonl#1"]["text"].startswith("First paragraph.") and kept["surrogate.jsonl#1"]["title"] == "1984"
    assert {"rows.csv#0", "rows.csv#3", "rows.parquet#0", "rows.parquet#5", "cut.warc.gz#0"} <= kept.keys()
    published = [json.dumps(row, default=str) for row in _rows(result.path, "shards") + _rows(result.path, "rejects")]
    assert not any("sk-live-123" in row for row in published), "a file outside the input root was read"


def test_a_document_lost_after_reading_shows_in_the_accounting(tmp_path: Path, sample_config,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    real_add = build_module._Rejects.add

    def lose_rejects(self: build_module._Rejects, table: object) -> None:
        real_add(self, None)  # every reject table dropped on its way to the shards

    monkeypatch.setattr(build_module._Rejects, "add", lose_rejects)
    result = build([SAMPLE / "bad"], "lossy", sample_config, store=Store(tmp_path))
    acc = result.manifest["accounting"]
    lost = acc["read"] - acc["kept"]
    assert acc["dropped"] == acc["rejected"] == 0 and lost >= 4, acc  # the bad sample's rejects
    off = _accounting_off(result.path)
    assert off["read_balance"] == off["inputs_vs_rows"] == lost


_PARENT_PANDAS = """
import sys
from pathlib import Path
from curate.config import load_config
from curate.pipeline.build import build
from curate.store import Store
build([Path(sys.argv[1])], "news", load_config(None, {"executor": {"workers": 2}}), store=Store(Path(sys.argv[2])))
print("pandas" in sys.modules, len(list(Path(sys.argv[2]).rglob("clusters.parquet"))))
"""


def test_a_build_does_not_import_pandas(tmp_path: Path) -> None:
    """Importing pandas costs a second of CPU; nothing a build does needs it (pyarrow imports it
    for `to_numpy` on a chunked array, or to convert a Python fill value: the writer avoids both)."""
    import subprocess
    import sys

    from versioning.corpus import write_corpus

    corpus = write_corpus(tmp_path / "in", dict.fromkeys(range(20), 0))
    for n in range(3):  # near-copies: the clusters file is written too
        (corpus / f"copy-{n}.txt").write_text((corpus / f"doc-{n:03d}.txt").read_text() + "\n\nUpdated.")
    done = subprocess.run([sys.executable, "-c", _PARENT_PANDAS, str(corpus), str(tmp_path / "store")],
                          capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False 1"
