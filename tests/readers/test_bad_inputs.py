"""Each broken input a user met becomes error documents naming the input, with the bytes read;
the documents around it are kept, and no reader raises."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ROOT
from curate.config import ReadersConfig
from curate.document import NotDocument, RawDoc
from curate.readers import discover, read_input, read_lazily
from curate.readers import files as files_module
from curate.readers.parquet import _group_span

CONFIG = ReadersConfig()
PAGE = b"<html><body><article><p>The council met on Monday and voted to keep the library open.</p></article></body></html>"


def _records(path: Path, config: ReadersConfig = CONFIG) -> list[RawDoc | NotDocument]:
    inputs, _ = discover([path])
    return [record for item in inputs for record in read_input(item, config)]


def _outcome(doc: RawDoc) -> tuple[str, str | None]:
    return doc.input_uri, doc.error.reason if doc.error else None


def test_a_lone_surrogate_escape_becomes_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(b'{"text": "Body \\ud800 text", "title": "T\\udc00", "authors": ["A\\ud83d"]}\n')
    [line] = list(read_lazily(discover([path])[0][0], CONFIG))
    doc = line.load(CONFIG)
    assert (doc.text, doc.title, doc.authors) == ("Body \ufffd text", "T\ufffd", ["A\ufffd"])
    path.write_bytes(b'{"text": "a pair: \\ud83d\\ude00"}\n')
    [line] = list(read_lazily(discover([path])[0][0], CONFIG))
    assert line.load(CONFIG).text == "a pair: \U0001f600"


def test_a_csv_row_with_a_cell_too_many_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"title,text\nA,body one\nB,body two,extra\nC,\"body, three\"\n")
    docs = _records(path)
    assert [_outcome(d) for d in docs] == [("a.csv#0", None), ("a.csv#1", "read_malformed_record"), ("a.csv#2", None)]
    assert docs[1].raw == b"B,body two,extra\n" and "3 cells, the header 2" in str(docs[1].error)
    assert docs[2].text == "body, three"


def test_an_unterminated_csv_quote_costs_its_line_only(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'title,text\nA,"never closed\nB,two\nC,three\n')
    docs = _records(path)
    assert [_outcome(d) for d in docs] == [("a.csv#0", "read_malformed_record"), ("a.csv#1", None), ("a.csv#2", None)]
    assert docs[0].raw == b'A,"never closed\n' and "never closed" in str(docs[0].error)
    assert (docs[1].text, docs[2].text) == ("two", "three")
    # a doubled quote does not close the field: still never closed
    path.write_bytes(b'title,text\nA,"one ""quoted""\nB,two\n')
    docs = _records(path)
    assert [_outcome(d) for d in docs] == [("a.csv#0", "read_malformed_record"), ("a.csv#1", None)]
    assert docs[0].raw == b'A,"one ""quoted""\n'


def test_an_oversized_csv_field_costs_its_row_only(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b'title,text\nA,"' + b"x" * 300_000 + b'\n\nmore"\nB,body two\n')
    docs = _records(path, ReadersConfig(max_document_bytes=200_000))
    assert [_outcome(d) for d in docs] == [("a.csv#0", "read_too_large"), ("a.csv#1", None)]
    assert docs[0].raw == (b'A,"' + b"x" * 300_000)[:200_000] and docs[0].raw_size == 300_011
    # under the limit, a field past csv's own 128 KiB default is read
    big, _ = _records(path)
    assert big.text is not None and len(big.text) == 300_006


def test_a_csv_row_that_is_not_utf8_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes("\ufefftitle,text\nA,caf\xe9 au lait\nB,fine\n".encode("utf-8").replace(b"\xc3\xa9", b"\xe9"))
    docs = _records(path)
    assert [_outcome(d) for d in docs] == [("a.csv#0", "read_undecodable"), ("a.csv#1", None)]
    assert docs[0].raw == b"A,caf\xe9 au lait\n" and docs[1].title == "B"


def test_a_utf16_text_with_an_odd_byte_count_is_a_reject(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfeH\x00i\x00!")
    [doc] = _records(path)
    assert doc.error is not None and doc.error.reason == "read_undecodable" and doc.raw == path.read_bytes()


def test_json_nested_too_deep_is_one_reject_and_the_next_record_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b"[" + b"[" * 100_000 + b"]" * 100_000 + b', {"text": "after"}]')
    deep, after = _records(path)
    assert _outcome(deep) == ("a.json#0", "read_malformed_record") and "nested too deeply" in str(deep.error)
    assert len(deep.raw) == 200_000 and after.text == "after"
    (tmp_path / "b.json").write_bytes(b"{" * 100_000)
    [alone] = _records(tmp_path / "b.json")
    assert alone.error is not None and alone.raw == b"{" * 100_000


def test_a_broken_json_element_costs_itself_only(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b'[{"text": "one"}, {"text": bad}, "string", {"text": "four", "x": [1, "]"]}]')
    docs = _records(path)
    assert [_outcome(d) for d in docs] == [("a.json#0", None), ("a.json#1", "read_malformed_record"),
                                           ("a.json#2", "read_malformed_record"), ("a.json#3", None)]
    assert docs[1].raw == b'{"text": bad}' and docs[3].raw == b'{"text": "four", "x": [1, "]"]}'


def test_a_cut_json_array_keeps_the_elements_before_the_cut(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_bytes(b'[{"text": "one"}, {"text": "tw')
    docs = _records(path)
    assert [_outcome(d) for d in docs] == [("a.json#0", None), ("a.json#1", "read_truncated_record")]
    assert docs[1].raw == b'{"text": "tw'


def _row_groups(path: Path, rows: int = 30, per_group: int = 10) -> None:
    pq.write_table(pa.table({"text": [f"row {i}" for i in range(rows)]}), path, row_group_size=per_group,
                   compression="none")


def test_a_corrupt_parquet_row_group_costs_only_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    _row_groups(path)
    start, stop = _group_span(pq.ParquetFile(path).metadata, 1)
    data = bytearray(path.read_bytes())
    original = bytes(data[start:stop])
    data[start:stop] = b"\xff" * (stop - start)
    path.write_bytes(bytes(data))
    docs = _records(path)
    assert [d.text for d in docs[:10] + docs[11:]] == [f"row {i}" for i in range(30) if not 10 <= i < 20]
    bad = docs[10]
    assert _outcome(bad) == ("a.parquet#10-19", "read_malformed_row_group") and "rows 10 to 19" in str(bad.error)
    assert bad.raw == b"\xff" * len(original)  # the row group's bytes, as the footer locates them


def test_a_parquet_file_with_a_bad_footer_keeps_its_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    _row_groups(path)
    path.write_bytes(path.read_bytes()[:-20])
    [doc] = _records(path, ReadersConfig(max_document_bytes=100))
    assert _outcome(doc) == ("a.parquet", "read_malformed_file")
    assert doc.raw == path.read_bytes()[:100] and doc.raw_size == path.stat().st_size


def test_an_unreadable_file_is_a_reject_naming_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text("T\n\nBody.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("T\n\nBody.", encoding="utf-8")
    real_open = os.open

    def refuse(path: os.PathLike[str], flags: int, *args: int) -> int:
        if Path(path).name == "a.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(files_module.os, "open", refuse)
    refused, read = _records(tmp_path)
    assert _outcome(refused) == ("a.txt", "read_unreadable") and "Permission denied" in str(refused.error)
    assert read.text == "Body."


def test_a_file_swapped_for_a_folder_after_discovery_is_a_reject(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "Body."}\n', encoding="utf-8")
    [item], _ = discover([tmp_path])
    (tmp_path / "a.jsonl").unlink()
    (tmp_path / "a.jsonl").mkdir()
    [doc] = list(read_lazily(item, CONFIG))
    assert isinstance(doc, RawDoc) and _outcome(doc) == ("a.jsonl", "read_not_regular_file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_a_file_without_read_permission_is_a_reject(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("T\n\nBody.", encoding="utf-8")
    (tmp_path / "a.txt").chmod(0)
    [doc] = _records(tmp_path)
    assert _outcome(doc) == ("a.txt", "read_unreadable")


def test_a_failing_reader_costs_the_rest_of_its_file_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import curate.readers.records as records

    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n{"text": "two"}\n{"text": "three"}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_text("T\n\nBody.", encoding="utf-8")
    real = records.parse_object

    def flaky(data: bytes, where: str, *args: object, **kwargs: object) -> RawDoc:
        if where.endswith("#1"):
            raise AttributeError("'NoneType' object has no attribute 'x'")  # what a library may do
        return real(data, where, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(records, "parse_object", flaky)
    docs = _records(tmp_path)
    assert [_outcome(d) for d in docs] == [("a.jsonl#0", None), ("a.jsonl#1", "read_unexpected_error"),
                                           ("b.txt", None)]
    assert "AttributeError" in str(docs[1].error) and "after 1 records" in str(docs[1].error)


def _warc(records: list[tuple[str, str, bytes, str]], gz: bool = True) -> bytes:
    """A WARC of (type, uri, payload, content type) records; responses get HTTP headers."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("x.warc", {"software": "test"}))
    for kind, uri, payload, content_type in records:
        if kind == "response":
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, kind, payload=io.BytesIO(payload), http_headers=http)
        else:
            record = writer.create_warc_record(uri, kind, payload=io.BytesIO(payload), warc_content_type=content_type)
        writer.write_record(record)
    return out.getvalue()


def test_every_warc_record_is_counted(tmp_path: Path) -> None:
    path = tmp_path / "c.warc.gz"
    path.write_bytes(_warc([("request", "https://n.example/a", b"GET / HTTP/1.1\r\n\r\n", "application/http"),
                            ("response", "https://n.example/a", PAGE, "text/html; charset=utf-8"),
                            ("resource", "https://n.example/b", PAGE, "text/html"),
                            ("revisit", "https://n.example/a", b"", "application/http"),
                            ("response", "https://n.example/i.png", b"\x89PNG", "image/png"),
                            ("metadata", "https://n.example/a", b"via: x", "application/warc-fields")]))
    records = _records(path)
    pages = [r for r in records if isinstance(r, RawDoc)]
    assert [(p.input_uri, p.url, p.error) for p in pages] == [
        ("c.warc.gz#2", "https://n.example/a", None), ("c.warc.gz#3", "https://n.example/b", None)]
    assert all(p.html == PAGE.decode() and p.raw == PAGE for p in pages)
    assert [(r.input_uri, r.kind) for r in records if isinstance(r, NotDocument)] == [
        ("c.warc.gz#0", "warcinfo"), ("c.warc.gz#1", "request"), ("c.warc.gz#4", "revisit"),
        ("c.warc.gz#5", "response_not_html"), ("c.warc.gz#6", "metadata")]


def test_a_text_file_named_warc_is_one_reject(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_bytes(b"a line of notes\n" * 50)
    [doc] = _records(path)
    assert _outcome(doc) == ("notes.warc", "read_not_warc") and doc.raw == path.read_bytes()


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_a_warc_cut_anywhere_keeps_the_records_before_the_cut(tmp_path: Path, gz: bool) -> None:
    whole = _warc([("response", f"https://n.example/{n}", PAGE, "text/html") for n in range(2)], gz=gz)
    path = tmp_path / "c.warc.gz"
    complete = _records_of(path, whole)
    assert [type(r).__name__ for r in complete] == ["NotDocument", "RawDoc", "RawDoc"]
    for cut in range(1, len(whole), 7):
        records = _records_of(path, whole[:cut])
        errors = [r for r in records if isinstance(r, RawDoc) and r.error is not None]
        assert len(errors) <= 1, cut
        assert all(r.input_uri.startswith("c.warc.gz") for r in records)
        good = [r for r in records if isinstance(r, RawDoc) and r.error is None]
        assert all(r.html == PAGE.decode() for r in good), cut
        if errors:
            assert records[-1] is errors[0] and errors[0].error.reason in (
                "read_truncated_record", "read_not_warc", "read_corrupt_gzip"), (cut, errors[0].error)


def _records_of(path: Path, data: bytes) -> list[RawDoc | NotDocument]:
    path.write_bytes(data)
    return _records(path)


def test_a_warc_payload_past_the_limit_is_cut_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "c.warc"
    payload = b"<html><body>" + b"<p>long</p>" * 10_000 + b"</body></html>"
    path.write_bytes(_warc([("response", "https://n.example/big", payload, "text/html"),
                            ("response", "https://n.example/small", PAGE, "text/html")], gz=False))
    big, small = [r for r in _records(path, ReadersConfig(max_document_bytes=1000)) if isinstance(r, RawDoc)]
    assert _outcome(big) == ("c.warc#1", "read_too_large") and big.url == "https://n.example/big"
    assert len(big.raw) == 1000 and big.raw_size == len(payload)
    assert small.html == PAGE.decode()


def test_wrong_typed_fields_are_converted_or_rejected_by_name(tmp_path: Path) -> None:
    rows = [{"text": ["para one", "para two"], "title": 1984, "authors": [{"name": "A. Writer"}, "B. Other"],
             "published": 20240105},
            {"text": {"en": "body"}},
            {"body": 42},
            {"text": "fine", "authors": [[1]]}]
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    first, obj, number, authors = _records(path)
    assert (first.text, first.title, first.authors, first.published) == (
        "para one\n\npara two", "1984", ["A. Writer", "B. Other"], "20240105")
    assert _outcome(obj) == ("a.jsonl#1", "read_wrong_type") and "field 'text' holds an object" in str(obj.error)
    assert "field 'body' holds a number" in str(number.error)
    assert "field 'authors' holds a list" in str(authors.error) and authors.raw == (json.dumps(rows[3]) + "\n").encode()


def test_a_cut_gzip_jsonl_keeps_the_bytes_of_the_cut_record(tmp_path: Path) -> None:
    lines = b"".join(json.dumps({"text": f"record {n} " + "x" * 200}).encode() + b"\n" for n in range(200))
    stored = gzip.compress(lines)
    path = tmp_path / "a.jsonl.gz"
    path.write_bytes(stored[: len(stored) * 2 // 3])
    docs = [r.load(CONFIG) if hasattr(r, "load") else r for r in read_lazily(discover([path])[0][0], CONFIG)]
    good, last = docs[:-1], docs[-1]
    assert good and all(d.error is None for d in good)
    assert last.error is not None and last.error.reason == "read_truncated_file"
    assert last.raw and lines.startswith(b"".join(d.raw + b"\n" for d in good) + last.raw)


def test_a_warc_record_warcio_cannot_decode_is_one_reject_within_the_limit(tmp_path: Path) -> None:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
    record = (b"WARC/1.\x000\r\nWARC-Type: response\r\nContent-Length: %d\r\n\r\n" % len(http)) + http + b"\r\n\r\n"
    path = tmp_path / "c.warc"
    path.write_bytes(record + _warc([("response", "https://n.example/a", PAGE, "text/html")], gz=False))
    bad, *rest = _records(path, ReadersConfig(max_document_bytes=64))
    assert _outcome(bad) == ("c.warc#0", "read_malformed_record") and "cannot be decoded" in str(bad.error)
    assert (bad.raw, bad.raw_size) == (http[:64], len(http))
    assert [r.input_uri for r in rest] == ["c.warc#1", "c.warc#2"]  # read on: warcinfo, the page (too large here)


def test_a_row_group_that_gives_fewer_rows_than_its_footer_declares_is_a_reject(tmp_path: Path) -> None:
    # Found by the fuzz suite: one flipped byte, and row group 2 reads as empty without an error.
    path = tmp_path / "a.parquet"
    path.write_bytes((ROOT / "tests" / "data" / "readers" / "short_row_group.parquet").read_bytes())
    docs = _records(path, ReadersConfig(max_document_bytes=64))
    assert [d.input_uri for d in docs] == [f"a.parquet#{n}" for n in range(4)] + ["a.parquet#4-5"] + [
        f"a.parquet#{n}" for n in range(6, 12)]
    assert docs[4].error is not None and docs[4].error.reason == "read_malformed_row_group"
    assert "gives 0 of its 2 rows" in str(docs[4].error) and docs[4].raw
