"""Write `versions/V/report/` (index.html, summary.json, docs/<id>.html, docs/cluster-<id>.html)
and single viewer or cluster pages.

The report is derived from the version and can be rewritten at any time: it is built in a fresh
folder beside the old one and swapped in, so a reader never sees half a report.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curate.errors import StoreError
from curate.reporting.cluster_page import render_cluster
from curate.reporting.clusters import MEMBERS_SHOWN, find_cluster
from curate.reporting.documents import Document, find_document, find_documents, reference_documents
from curate.reporting.page import render_index
from curate.reporting.summary import Collected, summarize
from curate.reporting.viewer import DOCS, cluster_page_name, page_name, render_document
from curate.store import Store, load_manifest
from curate.store.replace import replacing

REPORT = "report"
BACK = "../index.html"  # from a page in docs/ to the report


@dataclass(frozen=True)
class ReportResult:
    index: Path
    summary: dict[str, Any]
    seconds: float


def _entry(document: Document) -> dict[str, Any]:
    row = document.row
    return {"id": row["id"], "title": row["title"], "source": row["source"]["name"], "reason": document.reason,
            "words": row["quality"]["n_words"], "removed_spans": len(row["boilerplate"]),
            "claims": len(row["claims"]) if "claims" in row else None, "page": f"{DOCS}/{page_name(row['id'])}"}


def _document_page(document: Document, label: str, back: str | None, kept_page: str | None) -> str:
    return render_document(document.row, dataset=label, reason=document.reason, back=back,
                           duplicate_of=document.duplicate_of, similarity=document.similarity, kept_page=kept_page)


def _write_pages(docs: Path, documents: dict[str, Document], label: str, back: str | None) -> dict[str, str]:
    """A viewer page for each of `documents` in `docs`, a dropped one linking the one kept instead
    when it is among them; their pages by id, relative to `docs`."""
    pages = {doc_id: page_name(doc_id) for doc_id in documents}
    for doc_id, document in documents.items():
        kept_page = pages.get(document.duplicate_of) if document.duplicate_of else None
        (docs / pages[doc_id]).write_text(_document_page(document, label, back, kept_page), encoding="utf-8")
    return pages


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
    documents = {**collected.members, **{d.row["id"]: d for d in collected.documents}}
    with replacing(folder / REPORT) as fresh:
        (fresh / DOCS).mkdir()
        pages = _write_pages(fresh / DOCS, documents, label, BACK)
        for cluster in summary["near_duplicates"].get("largest", []):
            html = render_cluster(cluster["cluster"], cluster["members"], more=cluster["more"], dataset=label,
                                  documents=documents, references=collected.references, pages=pages, back=BACK)
            (fresh / DOCS / cluster_page_name(cluster["cluster"])).write_text(html, encoding="utf-8")
        (fresh / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False, allow_nan=False) + "\n",
                                            encoding="utf-8")
        (fresh / "index.html").write_text(render_index(summary), encoding="utf-8")
    return ReportResult(folder / REPORT / "index.html", summary, time.perf_counter() - started)


def _back(folder: Path, out: Path | None) -> str | None:
    """The link back to the report from a page written into it (and only when it has one)."""
    return BACK if out is None and (folder / REPORT / "index.html").is_file() else None


def _written(store: Store, name: str, version: str, out: Path | None, write: Callable[[], Path]) -> Path:
    """`write()` a page: under the dataset's lock when it goes into the version (`out` is None),
    as the report is; a page written elsewhere touches nothing of the store."""
    if out is not None:
        return write()
    with store.lock(name, f"report {version}"):
        return write()


def write_document(store: Store, name: str, version: str, doc_id: str, out: Path | None = None) -> Path:
    """One viewer page; by default into the version's `report/docs/`, beside the sampled ones
    (with the page of the document kept instead of a dropped one, which it links)."""
    return _written(store, name, version, out, lambda: _write_document(store, name, version, doc_id, out))


def _write_document(store: Store, name: str, version: str, doc_id: str, out: Path | None) -> Path:
    document = find_document(store, name, version, doc_id)
    folder = store.require(name, version)
    docs = folder / REPORT / DOCS
    target = out or docs / page_name(doc_id)
    label, back = f"{name} {version}", _back(folder, out)
    kept_page = None
    if out is None and document.duplicate_of is not None:
        kept_page = _kept_page(store, name, version, document.duplicate_of, docs, back)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_document_page(document, label, back, kept_page), encoding="utf-8")
    return target


def _kept_page(store: Store, name: str, version: str, doc_id: str, docs: Path, back: str | None) -> str | None:
    """The viewer page of kept document `doc_id` in `docs`, written when missing; None when the
    version does not keep it (it is in the reference dataset)."""
    page = page_name(doc_id)
    if not (docs / page).is_file():
        try:
            kept = find_document(store, name, version, doc_id)
        except StoreError:
            return None
        if kept.reason is not None:
            return None
        docs.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(_document_page(kept, f"{name} {version}", back, None), encoding="utf-8")
    return page


def write_cluster(store: Store, name: str, version: str, doc_id: str, out: Path | None = None) -> Path:
    """The side-by-side page of the near-duplicate cluster with id `doc_id`, or with a member of
    that id; by default into the version's `report/docs/`, with the viewer pages of the members
    whose texts it shows."""
    return _written(store, name, version, out, lambda: _write_cluster(store, name, version, doc_id, out))


def _write_cluster(store: Store, name: str, version: str, doc_id: str, out: Path | None) -> Path:
    cluster = find_cluster(store, name, version, doc_id)
    folder = store.require(name, version)
    manifest = load_manifest(folder)
    shown = cluster.members[:MEMBERS_SHOWN]
    documents = find_documents(folder, manifest, {m["id"] for m in shown if not m["reference"]})
    references = reference_documents(store, manifest, {m["id"] for m in shown if m["reference"]})
    label, back = f"{name} {version}", _back(folder, out)
    docs = folder / REPORT / DOCS
    pages: dict[str, str] = {}
    if out is None:
        docs.mkdir(parents=True, exist_ok=True)
        pages = _write_pages(docs, documents, label, back)
    target = out or docs / cluster_page_name(cluster.id)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_cluster(cluster.id, cluster.members, dataset=label, documents=documents,
                                     references=references, pages=pages, back=back),
                      encoding="utf-8")
    return target
