from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from curate.config import FieldMap, ReadersConfig
from curate.document import NotDocument
from curate.errors import InputError
from curate.readers import JsonLine, discover, read_input, read_lazily
from curate.readers.text import split_title_dek

CONFIG = ReadersConfig()
PAGE = ("<html><head><title>Dock strike ends</title></head><body><article><p>The strike at the port ended "
        "on Monday after nine days, the union said in a statement to reporters.</p></article></body></html>")


def _records(path: Path, config: ReadersConfig = CONFIG) -> list:
    inputs, _ = discover([path])
    return [doc for item in inputs for doc in read_input(item, config)]


def _read(path: Path, config: ReadersConfig = CONFIG) -> list:
    """The documents (records that are not documents left out)."""
    return [doc for doc in _records(path, config) if not isinstance(doc, NotDocument)]


def test_split_title_dek() -> None:
    text = "Big Title\n\nA short dek without a period\n\nBody paragraph one.\n\nBody two."
    assert split_title_dek(text) == ("Big Title", "A short dek without a period", "Body paragraph one.\n\nBody two.")
    assert split_title_dek("Title\n\nThe body starts here.\n\nMore.") == ("Title", None, "The body starts here.\n\nMore.")


def test_txt(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Headline\n\nDek line\n\nBody text here.\n", encoding="utf-8")
    [doc] = _read(tmp_path / "a.txt")
    assert (doc.title, doc.subtitle, doc.text, doc.input_uri, doc.input_format) == (
        "Headline", "Dek line", "Body text here.", "a.txt", "txt")


def test_gzipped_pages_and_articles_read_as_the_plain_files(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "a.txt").write_text("Headline\n\nBody text here.\n", encoding="utf-8")
    (tmp_path / "a.TXT.gz").write_bytes(gzip.compress(b"Headline\n\nBody text here.\n"))
    plain_page, gz_page = _read(tmp_path / "page.html") + _read(tmp_path / "page.html.gz")
    assert (gz_page.html, gz_page.raw, gz_page.input_format, gz_page.input_uri) == (
        plain_page.html, plain_page.raw, "html", "page.html.gz")
    plain_text, gz_text = _read(tmp_path / "a.txt") + _read(tmp_path / "a.TXT.gz")
    assert (gz_text.title, gz_text.text, gz_text.input_format) == (plain_text.title, plain_text.text, "txt")


@pytest.mark.parametrize(("stored", "reason"), [
    (gzip.compress(PAGE.encode())[:-12], "read_truncated_file"),
    (b"<html>not gzip at all</html>", "read_corrupt_gzip"),
])
def test_an_unreadable_gzip_page_is_an_error_document(tmp_path: Path, stored: bytes, reason: str) -> None:
    (tmp_path / "page.html.gz").write_bytes(stored)
    [doc] = _read(tmp_path / "page.html.gz")
    assert doc.error is not None and doc.error.reason == reason and "page.html.gz" in str(doc.error)
    assert doc.raw == stored  # the reject keeps what was read


def test_a_page_past_the_size_limit_is_cut_and_says_so(tmp_path: Path) -> None:
    (tmp_path / "big.html.gz").write_bytes(gzip.compress(b"<p>" + b"x" * 5_000_000))
    [doc] = _read(tmp_path / "big.html.gz", ReadersConfig(max_document_bytes=1000))
    assert doc.error is not None and doc.error.reason == "read_too_large"
    assert (doc.raw, doc.raw_size) == (b"<p>" + b"x" * 997, 5_000_003)


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    for name in ("b/2.txt", "a/1.txt", "a/0.htm", "notes.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("T\n\nBody.", encoding="utf-8")
    inputs, skipped = discover([tmp_path])
    assert [i.uri for i in inputs] == ["a/0.htm", "a/1.txt", "b/2.txt"]
    assert skipped and skipped[0].startswith("notes.md: unsupported file type")


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        discover([tmp_path / "nope"])


def test_jsonl_with_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text(json.dumps({"headline": "H", "body": "B", "link": "https://x.example/a", "author": "A; B"})
                    + "\n" + '{"title": "cut', encoding="utf-8")
    good, bad = _read(path)
    assert (good.title, good.text, good.url, good.authors) == ("H", "B", "https://x.example/a", ["A", "B"])
    assert good.input_uri == "f.jsonl#0"
    assert bad.error is not None and bad.error.reason == "read_truncated_record"
    assert "f.jsonl#1" in str(bad.error) and bad.raw == b'{"title": "cut'


def test_jsonl_bad_line_in_the_middle(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_text('[1, 2]\n{"text": "Body"}\n', encoding="utf-8")
    bad, good = _read(path)
    assert bad.error is not None and bad.error.reason == "read_malformed_record"
    assert "expected a JSON object" in str(bad.error) and good.text == "Body"


def test_the_build_reads_jsonl_undecoded(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl.gz"
    with gzip.open(path, "wb") as handle:
        handle.write(b'{"text": "Body"}\n\n[1]\n{"text": "cut')
    [item], _ = discover([path])
    lazy = list(read_lazily(item, CONFIG))
    assert all(isinstance(line, JsonLine) for line in lazy)
    assert [line.input_uri for line in lazy] == ["f.jsonl.gz#0", "f.jsonl.gz#1", "f.jsonl.gz#2"]
    def seen(doc: Any) -> tuple:  # errors compare by identity
        return doc.input_uri, doc.raw, doc.text, doc.error and (doc.error.reason, str(doc.error))
    assert [seen(line.load(CONFIG)) for line in lazy] == [seen(doc) for doc in read_input(item, CONFIG)]


def test_jsonl_gz_and_custom_field_map(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"story": "Body", "hed": "Title"}) + "\n")
    config = ReadersConfig(fields=FieldMap(text=["story"], title=["hed"]))
    [doc] = _read(path, config)
    assert (doc.text, doc.title) == ("Body", "Title")


def test_record_without_text_is_an_error_document(tmp_path: Path) -> None:
    (tmp_path / "f.json").write_text(json.dumps([{"title": "only a title"}]), encoding="utf-8")
    [doc] = _read(tmp_path / "f.json")
    assert doc.error is not None and doc.error.reason == "read_no_text_field"
    assert "f.json#0" in str(doc.error)


def test_csv_and_parquet(tmp_path: Path) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=["title", "text", "published"])
    writer.writeheader()
    writer.writerow({"title": "T", "text": "Line one,\n\nline two", "published": "2024-01-02"})
    (tmp_path / "a.csv").write_text(buffer.getvalue(), encoding="utf-8")
    pq.write_table(pa.table({"title": ["P"], "html": [PAGE]}), tmp_path / "b.parquet")
    csv_doc, parquet_doc = _read(tmp_path)
    assert (csv_doc.text, csv_doc.published, csv_doc.input_uri) == ("Line one,\n\nline two", "2024-01-02", "a.csv#0")
    assert parquet_doc.html == PAGE and parquet_doc.text is None


def _warc(path: Path, cut: bool = False) -> None:
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warcinfo_record("x.warc.gz", {"software": "test"}))
        for n in range(2):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://news.example/{n}", "response",
                                                          payload=io.BytesIO(PAGE.encode()), http_headers=headers))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/i.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG"), http_headers=headers))
    if cut:
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * 0.6)])


def test_warc(tmp_path: Path) -> None:
    _warc(tmp_path / "c.warc.gz")
    info, first, second, image = _records(tmp_path / "c.warc.gz")
    assert first.html == PAGE and first.url == "https://news.example/0" and first.input_uri == "c.warc.gz#1"
    assert second.input_uri == "c.warc.gz#2"
    assert info == NotDocument("c.warc.gz#0", "warcinfo")
    assert image == NotDocument("c.warc.gz#3", "response_not_html")  # counted, not an error


def test_truncated_warc_keeps_what_came_before(tmp_path: Path) -> None:
    _warc(tmp_path / "c.warc.gz", cut=True)
    docs = _read(tmp_path / "c.warc.gz")
    assert docs[0].html == PAGE
    assert docs[-1].error is not None and docs[-1].error.reason == "read_truncated_record"
    assert "c.warc.gz#" in str(docs[-1].error)


def test_saved_hf_dataset(tmp_path: Path) -> None:
    import datasets

    datasets.Dataset.from_list([{"title": "T", "text": "Body one."}]).save_to_disk(str(tmp_path / "saved"))
    [doc] = _read(tmp_path / "saved")
    assert (doc.title, doc.text, doc.input_format, doc.input_uri) == ("T", "Body one.", "hf", "saved/train#0")


def test_local_hf_dataset_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    pq.write_table(pa.table({"headline": ["T"], "text": ["Body."]}), repo / "data" / "train-00000-of-00001.parquet")
    inputs, _ = discover([Path(f"hf:{repo}")])
    [doc] = [doc for item in inputs for doc in read_input(item, CONFIG)]
    assert (doc.title, doc.text, doc.input_uri) == ("T", "Body.", "repo/train#0")
    with pytest.raises(InputError, match="not a local dataset folder"):
        discover([Path(f"hf:{tmp_path / 'missing'}")])
