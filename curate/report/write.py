"""Write `versions/V/report/` (index.html, summary.json, docs/<id>.html) and single viewer pages.

The report is derived from the version and can be rewritten at any time: it is built in a fresh
folder beside the old one and swapped in, so a reader never sees half a report.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curate.errors import StoreError
from curate.report.page import render_index
from curate.report.scan import find_rows, shard_paths
from curate.report.summary import Collected, Document, summarize
from curate.report.viewer import page_name, render_document
from curate.store import Store, read_manifest
from curate.store.replace import replacing

REPORT = "report"
DOCS = "docs"


@dataclass(frozen=True)
class ReportResult:
    index: Path
    summary: dict[str, Any]
    seconds: float


def _entry(document: Document) -> dict[str, Any]:
    row = document.row
    return {"id": row["id"], "title": row["title"], "source": row["source"]["name"], "reason": document.reason,
            "words": row["quality"]["n_words"], "removed_spans": len(row["boilerplate"]),
            "claims": len(row["claims"]), "page": f"{DOCS}/{page_name(row['id'])}"}


def write_report(store: Store, name: str, version: str, *, batch_rows: int | None = None) -> ReportResult:
    """Compute the figures of version `version` of `name` and write its report folder (under the
    dataset's lock: a report is part of the version)."""
    with store.lock(name, f"report {version}"):
        return _write_report(store, name, version, batch_rows)


def _write_report(store: Store, name: str, version: str, batch_rows: int | None) -> ReportResult:
    started = time.perf_counter()
    collected: Collected = summarize(store, name, version, batch_rows=batch_rows)
    folder = store.require(name, version)
    label = f"{name} {version}"
    summary = {**collected.summary, "documents": [_entry(d) for d in collected.documents]}
    with replacing(folder / REPORT) as fresh:
        (fresh / DOCS).mkdir()
        for document in collected.documents:
            html = render_document(document.row, dataset=label, reason=document.reason, back="../index.html")
            (fresh / DOCS / page_name(document.row["id"])).write_text(html, encoding="utf-8")
        (fresh / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
                                            encoding="utf-8")
        (fresh / "index.html").write_text(render_index(summary), encoding="utf-8")
    return ReportResult(folder / REPORT / "index.html", summary, time.perf_counter() - started)


def find_document(store: Store, name: str, version: str, doc_id: str) -> Document:
    """The article row with `doc_id`: a kept one, else a dropped one from the rejects."""
    folder = store.require(name, version)
    manifest = read_manifest(folder)
    for row in find_rows(shard_paths(folder, manifest, "shards"), {doc_id}):
        return Document(row)
    for reject in find_rows(shard_paths(folder, manifest, "rejects"), {doc_id}):
        if reject["status"] == "dropped" and reject["row_json"]:
            return Document(json.loads(reject["row_json"]), reject["reason"])
        raise StoreError(f"document {doc_id!r} of {name} {version} was rejected ({reject['reason']}) "
                         "before it had a row to show")
    raise StoreError(f"no document with id {doc_id!r} in {name} {version} "
                     f"({manifest['accounting']['kept']} kept, {manifest['accounting']['dropped']} dropped)")


def write_document(store: Store, name: str, version: str, doc_id: str, out: Path | None = None) -> Path:
    """One viewer page; by default into the version's `report/docs/`, beside the sampled ones."""
    if out is None:
        with store.lock(name, f"report {version}"):
            return _write_document(store, name, version, doc_id, None)
    return _write_document(store, name, version, doc_id, out)


def _write_document(store: Store, name: str, version: str, doc_id: str, out: Path | None) -> Path:
    document = find_document(store, name, version, doc_id)
    folder = store.require(name, version)
    target = out or folder / REPORT / DOCS / page_name(doc_id)
    back = "../index.html" if out is None and (folder / REPORT / "index.html").is_file() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_document(document.row, dataset=f"{name} {version}", reason=document.reason, back=back),
                      encoding="utf-8")
    return target
