"""The attacker's inputs: files a real crawl or a hostile user hands curate, one maker each.

Each maker writes into `root` (the input folder a build reads) and may write into `outside` (a
folder beside it that must never be read: it holds a secret). Makers are small and named after
what they break; `CASES` lists them all, and `tests/fuzz/test_hostile_builds.py` builds each one
alone and all of them together.
"""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from versioning.corpus import article

SECRET = "sk-live-THIS-KEY-MUST-NEVER-BE-PUBLISHED"
Maker = Callable[[Path, Path], None]
CASES: dict[str, Maker] = {}


def case(maker: Maker) -> Maker:
    CASES[maker.__name__] = maker
    return maker


def _record(n: int, **fields: object) -> dict[str, object]:
    return {"url": f"https://hostile.example/{n}", "title": f"Story {n}", "text": article(n), **fields}


def _jsonl(records: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


# -- JSON Lines, JSON ----------------------------------------------------------------------


@case
def jsonl_lone_surrogate(root: Path, _outside: Path) -> None:
    line = json.dumps(_record(1)).replace('"Story 1"', '"Story \\ud800 1"')
    (root / "surrogate.jsonl").write_text(line + "\n" + json.dumps(_record(2)) + "\n", encoding="ascii")


@case
def jsonl_garbage_lines(root: Path, _outside: Path) -> None:
    (root / "garbage.jsonl").write_bytes(_jsonl([_record(3)]) + b"{not json\n[1, 2]\n\"a string\"\nnull\n\x00\x01\x02\n"
                                         + _jsonl([_record(4)]) + b'{"text": ')


@case
def jsonl_wrong_types(root: Path, _outside: Path) -> None:
    (root / "types.jsonl").write_bytes(_jsonl([
        _record(5, text=article(5).split("\n\n")),  # paragraphs as a list
        _record(6, text={"body": article(6)}),
        _record(7, text=12345),
        _record(8, title=["a", "b"], authors=[{"name": "Ana Abbott"}, {"name": "Ben Brennan"}]),
        _record(9, url=42, published={"date": "2024"}),
        _record(10, text=None, html=None),
        _record(11, text=True),
    ]))


@case
def jsonl_huge_line(root: Path, _outside: Path) -> None:
    (root / "huge.jsonl").write_bytes(_jsonl([_record(12)]) + b'{"text": "' + b"a " * (5 * 2**20) + b'"}\n'
                                      + _jsonl([_record(13)]))


def bomb(head: bytes, filler: bytes, mebibytes: int, tail: bytes = b"") -> bytes:
    """A gzip file of `head`, `mebibytes` MiB of `filler` and `tail` when inflated: one member per
    MiB, compressed once and repeated, so a 1 GiB bomb costs a millisecond to make."""
    block = gzip.compress(filler * max(1, 2**20 // len(filler)), 9)
    return gzip.compress(head) + block * mebibytes + gzip.compress(tail)


@case
def jsonl_gzip_bomb(root: Path, _outside: Path) -> None:
    """About 1 MB on disk, 1 GiB of one line inflated; and 24 lines of 9 MiB, each over the
    document limit, so each is a reject that keeps the first 8 MiB as evidence."""
    (root / "bomb.jsonl.gz").write_bytes(bomb(b'{"text": "', b"A", 1024, b'"}\n'))
    line = b'{"text": "' + b"B" * (9 * 2**20) + b'"}\n'
    (root / "long-lines.jsonl.gz").write_bytes(gzip.compress(line, 9) * 24)


@case
def jsonl_gzip_truncated(root: Path, _outside: Path) -> None:
    data = gzip.compress(_jsonl([_record(n) for n in range(14, 18)]))
    (root / "cut.jsonl.gz").write_bytes(data[: len(data) * 2 // 3])


@case
def json_deeply_nested(root: Path, _outside: Path) -> None:
    (root / "deep.json").write_bytes(b"[" * 100_000 + b"]" * 100_000)


@case
def json_scalars_and_mixed(root: Path, _outside: Path) -> None:
    (root / "scalar.json").write_bytes(b"42")
    (root / "mixed.json").write_bytes(json.dumps([_record(18), "x", None, [1], _record(19)]).encode())


# -- CSV -------------------------------------------------------------------------------------


@case
def csv_extra_cell(root: Path, _outside: Path) -> None:
    (root / "extra.csv").write_text(f'title,text\nOne,"{article(20)}"\nTwo,"{article(21)}",surplus\n'
                                    f'Three,"{article(22)}"\n', encoding="utf-8")


@case
def csv_unterminated_quote(root: Path, _outside: Path) -> None:
    (root / "quote.csv").write_text(f'title,text\nOne,"{article(23)}"\nTwo,"never closed\n', encoding="utf-8")


@case
def csv_oversized_field(root: Path, _outside: Path) -> None:
    big = "word " * 60_000  # 300 kB: over the csv module's default field limit
    (root / "big.csv").write_text(f'title,text\nBig,"{big}"\nAfter,"{article(24)}"\n', encoding="utf-8")


@case
def csv_bad_encoding_and_nul(root: Path, _outside: Path) -> None:
    (root / "mixed.csv").write_bytes(b"title,text\nOne,\"" + article(25).encode() + b"\"\nTwo,\"caf\xe9 \x00 au lait\"\n")


# -- text and HTML ------------------------------------------------------------------------------


@case
def txt_utf16_odd_bytes(root: Path, _outside: Path) -> None:
    (root / "utf16.txt").write_bytes(b"\xff\xfe" + article(26).encode("utf-16-le") + b"\x00\xd8\x41")


@case
def txt_binary_empty_bom_only(root: Path, _outside: Path) -> None:
    (root / "binary.txt").write_bytes(os.urandom(4096))
    (root / "empty.txt").write_bytes(b"")
    (root / "bom.txt").write_bytes(b"\xef\xbb\xbf")
    (root / "invalid-utf8.txt").write_bytes(article(27).encode() + b"\xc3\x28\xa0\xa1")


@case
def gzip_bombs_single_documents(root: Path, _outside: Path) -> None:
    (root / "bomb.txt.gz").write_bytes(bomb(b"Title\n\n", b"x", 256))
    (root / "bomb.html.gz").write_bytes(bomb(b"<html><body>", b"<p>a", 256))


@case
def html_hostile(root: Path, _outside: Path) -> None:
    (root / "nested.html").write_bytes(b"<div>" * 200_000 + b"deep" + b"</div>" * 200_000)
    (root / "script-only.html").write_bytes(b"<html><script>alert(1)</script></html>")
    (root / "xss.html").write_text(
        f'<html><head><title>&lt;img src=x onerror=alert(1)&gt;</title><meta property="og:site_name" '
        f'content="&lt;script&gt;alert(2)&lt;/script&gt;"></head><body><article><p>'
        f'{article(28).replace(chr(10), "</p><p>")}</p></article></body></html>', encoding="utf-8")


@case
def huge_text_file(root: Path, _outside: Path) -> None:
    (root / "huge.txt").write_bytes(b"Title\n\n" + b"lorem ipsum dolor " * (600_000))


# -- Parquet ---------------------------------------------------------------------------------


@case
def parquet_corrupt_row_group(root: Path, _outside: Path) -> None:
    table = pa.table({"title": [f"Story {n}" for n in range(30, 36)], "text": [article(n) for n in range(30, 36)]})
    sink = io.BytesIO()
    pq.write_table(table, sink, row_group_size=2, compression="none")
    data = bytearray(sink.getvalue())
    meta = pq.ParquetFile(io.BytesIO(bytes(data))).metadata.row_group(1).column(1)
    start = meta.data_page_offset
    data[start:start + 64] = b"\xff" * 64  # the second row group's text pages
    (root / "corrupt.parquet").write_bytes(bytes(data))
    (root / "not-really.parquet").write_bytes(b"PAR1 but nothing else")


@case
def parquet_wrong_types(root: Path, _outside: Path) -> None:
    pq.write_table(pa.table({"text": [[1, 2], [3]], "title": [b"\x00\xff", b"ok"]}), root / "types.parquet")


# -- WARC -------------------------------------------------------------------------------------


def _warc(records: list[tuple[str, str, bytes, str | None]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for kind, uri, payload, content_type in records:
        http = None
        if kind == "response":
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type or "text/html")], protocol="HTTP/1.1")
        headers = {"WARC-Content-Type": content_type} if kind in ("resource", "metadata") and content_type else None
        record = writer.create_warc_record(uri, kind, payload=io.BytesIO(payload), http_headers=http,
                                           warc_headers_dict=headers)
        writer.write_record(record)
    return out.getvalue()


def _page(n: int) -> bytes:
    return f"<html><body><article><p>{article(n).replace(chr(10), '</p><p>')}</p></article></body></html>".encode()


@case
def warc_every_record_kind(root: Path, _outside: Path) -> None:
    (root / "kinds.warc.gz").write_bytes(_warc([
        ("response", "https://hostile.example/40", _page(40), "text/html"),
        ("request", "https://hostile.example/40", b"GET / HTTP/1.1\r\n\r\n", None),
        ("metadata", "https://hostile.example/40", b"outlinks: none", "application/warc-fields"),
        ("resource", "https://hostile.example/41", _page(41), "text/html"),
        ("response", "https://hostile.example/logo.png", b"\x89PNG\r\n", "image/png"),
        ("revisit", "https://hostile.example/40", b"", None),
    ]))


@case
def warc_truncated(root: Path, _outside: Path) -> None:
    data = _warc([("response", f"https://hostile.example/{n}", _page(n), "text/html") for n in (42, 43, 44)])
    (root / "cut.warc.gz").write_bytes(data[: len(data) - 700])
    plain = gzip.decompress(data)
    (root / "cut-plain.warc").write_bytes(plain[: len(plain) // 2])


@case
def warc_not_a_warc(root: Path, _outside: Path) -> None:
    (root / "notes.warc").write_text("\n".join(f"line {n} of a text file" for n in range(50)), encoding="utf-8")


@case
def warc_gzip_bomb(root: Path, _outside: Path) -> None:
    header = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://hostile.example/bomb\r\n"
              b"Content-Type: application/http; msgtype=response\r\nContent-Length: 1073741900\r\n\r\n"
              b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")
    (root / "bomb.warc.gz").write_bytes(bomb(header, b"<", 1024))


# -- the file system --------------------------------------------------------------------------


@case
def symlinks_out_of_the_root(root: Path, outside: Path) -> None:
    (outside / "creds.json").write_text(json.dumps({"text": f"api key {SECRET} " * 40, "title": "creds"}))
    (outside / "secret.txt").write_text(f"Secret\n\n{SECRET} " * 100)
    (root / "creds.json").symlink_to(outside / "creds.json")
    (root / "linked-dir").symlink_to(outside, target_is_directory=True)
    (root / "passwd.txt").symlink_to("/etc/passwd")


@case
def symlink_dangling_and_loop(root: Path, _outside: Path) -> None:
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    loop = root / "loop"
    loop.mkdir()
    (loop / "story.txt").write_text(article(50), encoding="utf-8")
    (loop / "again").symlink_to(loop, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    (root / "same-story.txt").symlink_to(loop / "story.txt")


@case
def special_files(root: Path, _outside: Path) -> None:
    os.mkfifo(root / "fifo.jsonl")
    (root / "zero.txt").symlink_to("/dev/zero")
    (root / "urandom.jsonl").symlink_to("/dev/urandom")


@case
def hidden_files(root: Path, _outside: Path) -> None:
    (root / ".hidden.txt").write_text(article(51), encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "config.txt").write_text(article(52), encoding="utf-8")


@case
def unreadable_file(root: Path, _outside: Path) -> None:
    path = root / "locked.txt"
    path.write_text(article(53), encoding="utf-8")
    path.chmod(0)


@case
def names_with_markup(root: Path, _outside: Path) -> None:
    (root / "<img src=x onerror=alert(1)>.txt").write_text(article(54), encoding="utf-8")
    (root / "new\nline.txt").write_text(article(55), encoding="utf-8")
    (root / "caf\udce9.txt".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape")).write_bytes(
        article(56).encode())


@case
def duplicate_urls(root: Path, _outside: Path) -> None:
    (root / "recrawl.jsonl").write_bytes(_jsonl([_record(60), _record(61), _record(60, text=article(60, edition=1))]))
