"""Fixtures for the report: a private copy of the session's sample version with its report written,
and a version built from hostile inputs with every page curate writes about it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from curate.config import load_config
from curate.pipeline.build import BuildResult, build
from curate.reporting import ReportResult, write_document, write_report
from curate.store import Store
from versioning.corpus import prose


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


# Hostile inputs: every field that reaches a page carries markup that would run if it were not
# escaped. Each payload sets `window.pwned` (or calls alert) with its own number, so a browser test
# can tell which one ran; `PAYLOADS` are the raw strings no page may contain.
def _run(n: int) -> str:
    return f"window.pwned={n}"


PAYLOADS = {
    "title": f"<img src=x onerror=\"{_run(1)};document.title='pwned'\">",
    "subtitle": f"<svg onload={_run(2)}>",
    "publisher": f"\"><script>{_run(3)}</script>",
    "author": f"<img src=x onerror={_run(4)}>",
    "claim_content": f"<b onmouseover={_run(5)}>We will finish on time</b>",
    "claim_source": f"<i onclick={_run(6)}>Mayor Jane Doe</i",
    "span_text": f"Follow us on Twitter <img src=x onerror={_run(7)}>",
    "dropped_title": f"<script>{_run(8)}</script> short",
    "dropped_publisher": f"'><svg onload={_run(9)}>",
    "domain_publisher": f"<img src=x onerror={_run(10)}>",  # from the config's domain mapping
    "file_name": f"<svg onload={_run(11)}>.txt",
    "file_title": f"<img src=x onerror={_run(12)}>",
    "empty_file_name": f"\"><img src=x onerror={_run(13)}>.txt",  # a reject: its message names the file
    "waiver": f"<script>{_run(14)}</script>",  # a config string
    "edited_id": f"<script>{_run(15)}</script>",  # a hand-edited shard (curate validate --data)
    "edited_kind": f"\"><svg onload={_run(16)}>",
    "edited_status": f"<img src=x onerror={_run(17)}>",
    "edited_language": f"<svg onload={_run(18)}>",
    "edited_reason": f"<img src=x onerror={_run(21)}>",  # a hand-edited reject: the report groups by it
    "folder": f"<img src=x onerror={_run(19)}>",  # where that shard lies: its label on the page
}
URL = "javascript:alert(20)"


def _write_inputs(root: Path) -> None:
    root.mkdir()
    quote = f'"{PAYLOADS["claim_content"]}," said {PAYLOADS["claim_source"]}>.'
    records = [
        {"title": PAYLOADS["title"], "subtitle": PAYLOADS["subtitle"], "url": URL, "publisher": PAYLOADS["publisher"],
         "authors": [PAYLOADS["author"]],
         "text": "\n\n".join([prose(0), quote, PAYLOADS["span_text"], prose(1), PAYLOADS["span_text"]])},
        {"title": PAYLOADS["dropped_title"], "text": "Too short to keep.", "url": "https://y.example/a",
         "publisher": PAYLOADS["dropped_publisher"]},
        {"title": "Plain", "text": prose(2), "url": "https://x.example/b"},
    ]
    lines = [json.dumps(r) for r in records] + ['{"title": "<script>window.pwned=0</script>", "text": ']
    (root / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / PAYLOADS["file_name"]).write_text(f"{PAYLOADS['file_title']}\n\n" + prose(3),
                                              encoding="utf-8")
    (root / PAYLOADS["empty_file_name"]).write_bytes(b"")


def _edit(path: Path, edit: Callable[[list[dict[str, Any]]], None]) -> None:
    table = pq.read_table(path)
    rows = table.to_pylist()
    edit(rows)
    pq.write_table(table.from_pylist(rows, schema=table.schema), path)


def _edit_article(rows: list[dict[str, Any]]) -> None:
    """Markup where the pipeline never puts it (ids, span kinds, claim status, language): the
    first row that has spans and claims, edited by hand."""
    row = next(r for r in rows if r["boilerplate"] and r["claims"])
    row["id"], row["language"] = PAYLOADS["edited_id"], PAYLOADS["edited_language"]
    row["boilerplate"][0]["kind"] = PAYLOADS["edited_kind"]
    row["claims"][0]["status"] = row["claims"][0]["kind"] = PAYLOADS["edited_status"]


def _edit_reject(rows: list[dict[str, Any]]) -> None:
    rows[0]["reason"] = PAYLOADS["edited_reason"]


@dataclass(frozen=True)
class Hostile:
    folder: Path  # the version
    checked: Path  # `validate_files` output for the edited shard
    pages: list[Path]  # every HTML file written


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    """A version built from the hostile inputs, its gate failed (payloads in its samples and
    values), one shard then edited by hand, the report and a page per document written, and the
    edited shard validated as a file too."""
    from curate.validation import validate_files, validate_version

    root = tmp_path_factory.mktemp("hostile")
    _write_inputs(root / "in")
    # The policy keeps the markup in the text (policy.drop_markup off), so the gate finds it and shows it;
    # its texts share BODY, so near-duplicate detection is off.
    config = load_config(None, {"executor": {"workers": 1}, "policy": {"drop_markup": False}, "dedup": {"enabled": False},
                                "sources": {"domains": {"x.example": PAYLOADS["domain_publisher"]}},
                                "validation": {"waivers": [{"expectation": "article_rows.source_name_present",
                                                            "reason": PAYLOADS["waiver"]}]}})
    store = Store(root / "store")
    built = build([root / "in"], "hostile", config, store=store)
    version = built.manifest["version"]
    edited = next(built.path / s["path"] for s in built.manifest["shards"]
                  if any(r["claims"] for r in pq.read_table(built.path / s["path"]).to_pylist()))
    _edit(edited, _edit_article)
    _edit(built.path / built.manifest["rejects"][0]["path"], _edit_reject)
    validate_version(store, "hostile", version, config)
    write_report(store, "hostile", version)
    for shard in built.manifest["shards"]:
        for doc_id in pq.read_table(built.path / shard["path"], columns=["id"]).column("id").to_pylist():
            write_document(store, "hostile", version, doc_id)
    outside = root / PAYLOADS["folder"] / "train.parquet"
    outside.parent.mkdir()
    shutil.copy(edited, outside)
    validate_files([outside], config, root / "checked")
    pages = sorted([*built.path.rglob("*.html"), *(root / "checked").rglob("*.html")])
    return Hostile(built.path, root / "checked", pages)


# A version with near-duplicate clusters: reprints of articles (one from a file whose name is
# markup), an exact copy; and a second version whose new reprints are near-copies of documents
# already in the first (its reference), both with their reports.
CLUSTER_FILE = "mirror <img src=x onerror=window.pwned=30>.jsonl"
CLUSTER_PAYLOADS = {"file_name": "<img src=x onerror=window.pwned=30>"}


@dataclass(frozen=True)
class Clustered:
    store: Store
    first: BuildResult  # 1.0.0: clusters within the build
    second: BuildResult  # 1.1.0: near-copies of 1.0.0's documents, and 1.0.0's documents again


def _feed(folder: Path, name: str, records: list[dict[str, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def clustered(tmp_path_factory: pytest.TempPathFactory) -> Clustered:
    from pipeline.test_near_duplicates import near_copy
    from versioning.corpus import article, tiny_config

    root = tmp_path_factory.mktemp("clustered")
    config = tiny_config(sources={"default": "Wire"}, validation={"split_tolerance": 1.0})
    store = Store(root / "store")
    papers = [{"url": f"https://paper.example/{n}", "text": article(n)} for n in range(6)]
    mirrors = [{"url": "https://mirror.example/a", "text": near_copy(article(0), 1)},
               {"url": "https://mirror.example/b", "text": near_copy(article(1), 2)},
               {"url": "https://mirror.example/c", "text": near_copy(article(0), 3)},
               {"url": "https://mirror.example/exact", "text": article(2)}]
    _feed(root / "in", "feed.jsonl", papers + mirrors)
    _feed(root / "in", CLUSTER_FILE, [{"url": "https://mirror.example/d", "text": near_copy(article(0), 4)}])
    first = build([root / "in"], "news", config, store=store)
    reprints = [{"url": f"https://new{n}.example/3", "text": near_copy(article(3), n)} for n in range(2)]
    again = [record for record in papers if record["url"] != "https://paper.example/3"]
    second = build([_feed(root / "in2", "feed.jsonl", reprints + again)], "news", config, store=store)
    for result in (first, second):
        write_report(store, "news", result.manifest["version"])
    return Clustered(store, first, second)
