"""Every figure of the report, from one streaming pass over the article shards and one over the
rejects, plus the manifest: the dict that becomes `summary.json` and that the page renders.

The figures depend only on the rows, never on how they are sharded or batched (a test checks).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from curate.config import SourcesConfig
from curate.reporting.articles import ArticleFigures
from curate.reporting.changes import compare_with_parent
from curate.reporting.claims import ClaimFigures
from curate.reporting.clusters import summarize_clusters
from curate.reporting.documents import Document, find_documents, reference_documents
from curate.reporting.rejects import RejectFigures
from curate.reporting.removed import RemovedFigures
from curate.reporting.scan import BATCH_ROWS, REJECT_BATCH_ROWS, article_columns, find_rows, reject_batches, shard_paths
from curate.reporting.viewer import DOCS, cluster_page_name, page_name
from curate.store import Manifest, Store, load_manifest
from curate.store.read import row_group_batches

FORMAT = 3  # 2: the gate links its validation page (`page`), no longer GX Data Docs; 3: near_duplicates


@dataclass(frozen=True)
class Collected:
    summary: dict[str, Any]
    documents: list[Document]  # the viewer's sample and the reject examples, listed on the page
    members: dict[str, Document]  # more pages: the largest clusters' members, the documents kept for dropped examples
    references: dict[str, tuple[str, Document]]  # the largest clusters' members from a reference dataset


def collect_articles(paths: list[Path], batch_rows: int = BATCH_ROWS) -> tuple[ArticleFigures, RemovedFigures, ClaimFigures]:
    articles, removed, claims = ArticleFigures(), RemovedFigures(), ClaimFigures()
    for batch in row_group_batches(paths, article_columns(paths), batch_rows):
        articles.add(batch)
        removed.add(batch)
        claims.add(batch)
    return articles, removed, claims


def collect_rejects(paths: list[Path], sources: SourcesConfig, batch_rows: int = REJECT_BATCH_ROWS) -> RejectFigures:
    rejects = RejectFigures(sources)
    for batch in reject_batches(paths, batch_rows):
        rejects.add(batch)
    return rejects


def _gate(manifest: Manifest, folder: Path) -> dict[str, Any]:
    entry = manifest.validation
    if not entry:
        return {"status": "not run"}
    page = entry.page  # absent in versions validated before the page existed (curate.validation.record)
    return {"status": "passed" if entry.passed else "failed", "validated_at": entry.validated_at,
            "failed": entry.failed, "waivers": entry.waivers,
            "page": f"../{page}" if page and (folder / page).is_file() else None,
            "unsafe_data_docs": page is None and "data_docs" in (entry.model_extra or {})}


def _sources(figures: dict[str, Any], removed: dict[str, Any], rejects: dict[str, Any],
             templates: dict[str, Any]) -> list[dict[str, Any]]:
    """The per-source table: kept figures joined with removed characters, rejects and templates."""
    rows = {row["source"]: dict(row) for row in figures["sources"]}
    for name in rejects["by_source"]:
        rows.setdefault(name, {"source": name, "documents": 0, "words": 0, "chars": 0, "mean_words": 0.0,
                               "boilerplate_ratio": 0.0, "claims_per_document": 0.0, "languages": {}})
    for name, row in rows.items():
        removed_chars = removed["removed_chars_by_source"].get(name, 0)
        row["removed_char_share"] = round(removed_chars / (removed_chars + row["chars"]), 4) if removed_chars else 0.0
        counts = rejects["by_source"].get(name, {})
        row["dropped"], row["rejected"] = counts.get("dropped", 0), counts.get("rejected", 0)
        row["template_lines"] = templates.get(name, {}).get("template_lines", 0)
    return sorted(rows.values(), key=lambda r: (-r["documents"], -r["dropped"] - r["rejected"], r["source"]))


def summarize(store: Store, name: str, version: str, *, batch_rows: int | None = None) -> Collected:
    """The report's figures for version `version` of `name`, and the documents its viewer shows;
    `batch_rows` overrides both batch sizes (tests: figures must not depend on it)."""
    folder = store.require(name, version)
    manifest = load_manifest(folder)
    article_paths = shard_paths(folder, manifest.shards)
    articles, removed, claims = collect_articles(article_paths, batch_rows or BATCH_ROWS)
    sources_config = SourcesConfig.model_validate(manifest.config["sources"])
    rejects = collect_rejects(shard_paths(folder, manifest.rejects), sources_config, batch_rows or REJECT_BATCH_ROWS)
    figures, reject_figures = articles.to_json(), rejects.to_json()
    removed_figures = removed.to_json(figures["documents"])
    acc = manifest.accounting
    by_status: dict[str, dict[str, int]] = {"dropped": {}, "rejected": {}}
    for group in reject_figures["by_reason"]:
        by_status[group["status"]][group["reason"]] = group["documents"]
    summary = {
        "format": FORMAT,
        "dataset": {"name": name, "version": version, "parent": manifest.parent,
                    "created": manifest.created, "pipeline_version": manifest.pipeline_version,
                    "config_hash": manifest.config_hash, "schema": manifest.schema_.model_dump(),
                    "stages": manifest.stages, "policy": manifest.config["policy"]},
        "accounting": {"read": acc.read, "kept": figures["documents"],
                       "dropped": sum(by_status["dropped"].values()), "rejected": sum(by_status["rejected"].values()),
                       "by_split": figures["splits"], "dropped_by_reason": by_status["dropped"],
                       "rejected_by_reason": by_status["rejected"]},
        "gate": _gate(manifest, folder),
        "sources": _sources(figures, removed_figures, reject_figures, manifest.templates),
        "distributions": figures["distributions"],
        "boilerplate": {k: v for k, v in removed_figures.items() if k != "removed_chars_by_source"},
        "languages": figures["languages"],
        "claims": claims.to_json(),
        "duplicates": {"exact": reject_figures["exact_duplicates"],
                       "within_documents": {**figures["repetition"], "duplicate_line_spans": next(
                           (k["spans"] for k in removed_figures["by_kind"] if k["kind"] == "duplicate_line"), 0)}},
        "near_duplicates": summarize_clusters(folder, manifest, batch_rows or BATCH_ROWS),
        "rejects": reject_figures["by_reason"],
        "changes": compare_with_parent(store, manifest),
    }
    documents = [Document(row) for row in sorted(find_rows(article_paths, set(articles.sample_ids())),
                                                 key=lambda r: r["id"])]
    documents += rejects.example_documents()
    members, references = _link_members(store, folder, manifest, summary, {d.row["id"] for d in documents})
    return Collected(summary, documents, members, references)


def _link_members(store: Store, folder: Path, manifest: Manifest, summary: dict[str, Any],
                  listed: set[str]) -> tuple[dict[str, Document], dict[str, tuple[str, Document]]]:
    """The documents the near-duplicate figures name (members of the largest clusters, documents
    kept instead of a dropped example), with their viewer pages set in `summary` where this
    version has them; `listed` documents have their pages already."""
    largest = summary["near_duplicates"].get("largest", [])
    own = {m["id"] for c in largest for m in c["members"] if not m["reference"]}
    kept_for = {e["duplicate_of"] for group in summary["rejects"] for e in group["examples"] if e["duplicate_of"]}
    members = find_documents(folder, manifest, (own | kept_for) - listed)
    pages = {doc_id: f"{DOCS}/{page_name(doc_id)}" for doc_id in [*members, *listed]}
    for group in summary["rejects"]:
        for example in group["examples"]:
            example["duplicate_of_page"] = pages.get(example["duplicate_of"] or "")
    for cluster in largest:
        cluster["page"] = f"{DOCS}/{cluster_page_name(cluster['cluster'])}"
        for member in cluster["members"]:
            member["page"] = None if member["reference"] else pages.get(member["id"])
    references = reference_documents(store, manifest, {m["id"] for c in largest for m in c["members"]
                                                        if m["reference"]})
    return members, references
