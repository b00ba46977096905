"""The report's sections a curator audits decisions with: claims, duplicates, near-duplicate
clusters, rejects by reason, changes since the parent version, and the documents the viewer shows.
"""

from __future__ import annotations

from html import escape
from typing import Any

from curate.reporting import charts
from curate.reporting.clusters import DROP_NOTES
from curate.reporting.html import Cell, Markup, cards, figure, link, note, percent, section, table
from curate.reporting.style import status_color

Pages = dict[str, str]  # document id -> its viewer page, relative to index.html


def _doc_link(doc_id: str | None, pages: Pages) -> Markup | str | None:
    if doc_id is None:
        return None
    return link(pages[doc_id], doc_id) if doc_id in pages else doc_id


def claims(summary: dict[str, Any]) -> str:
    c = summary["claims"]
    status = charts.bars([(s, n, status_color(s)) for s, n in c["status"].items()], "claims by status",
                         unit=" claims", width=420)
    kind = charts.bars([(k, n, charts.BAR) for k, n in c["kind"].items()], "claims by kind", unit=" claims",
                       width=420)
    by_kind = table(["kind", *c["status"]], [[k, *(row.get(s, 0) for s in c["status"])]
                                             for k, row in c["status_by_kind"].items()],
                    numeric=range(1, len(c["status"]) + 1))
    top = [[t["source"], t["claims"] if not t["max_error"] else f"{t['claims']:,} (±{t['max_error']:,})"]
           for t in c["top_sources"]]
    return section(
        "claims", "Claims",
        cards([("claims", c["claims"], f"{c['claims'] / max(c['documents'], 1):.2f} per document"),
               ("documents with claims", c["documents_with_claims"], percent(c["documents_with_claims"], c["documents"])),
               ("no source written", c["unsourced"], percent(c["unsourced"], c["claims"])),
               ("pronoun sources resolved", c.get("resolved_sources", 0),
                f"of {c.get('pronoun_sources', 0):,} written as a pronoun")]),
        '<div class="grid">',
        figure("Claims per document", charts.histogram(c["per_document"], "claims in a document")),
        figure("Status", status) if status else "", figure("Kind", kind) if kind else "", "</div>",
        "<h3>Status by kind</h3>", by_kind if c["kind"] else note("No claims were found."),
        "<h3>Most cited sources</h3>",
        note("Compared case-folded; a pronoun resolved within its article (\"he\" after \"Amir Hatami said\") "
             "counts as that name, one left unresolved as written."),
        table(["source", "claims"], top, numeric=[1]) if top else note("No claim names its source."))


def duplicates(summary: dict[str, Any], pages: Pages) -> str:
    exact, inside = summary["duplicates"]["exact"], summary["duplicates"]["within_documents"]
    return section(
        "duplicates", "Duplicates",
        cards([("exact duplicates dropped", exact["documents"], exact["reason"]),
               ("documents with a repeated paragraph", inside["documents_with_duplicate_paragraphs"],
                "duplicate_paragraph_ratio > 0"),
               ("repetitive documents", inside["documents_over_gopher_duplicate_5gram"],
                "duplicate 5-gram share > 0.15 (Gopher)"),
               ("duplicate lines removed", inside["duplicate_line_spans"], "boilerplate kind duplicate_line")]),
        note("Across documents the build drops exact copies of a text (same content_hash), keeping the first "
             "in input order; near-copies are in the next section. Inside a document, the quality signals and the "
             "duplicate_line spans measure repetition."),
        "<h3>Exact duplicates by source</h3>",
        table(["source", "dropped copies"], list(exact["by_source"].items()), numeric=[1])
        if exact["by_source"] else note("No exact duplicate was found."),
        _examples(exact["examples"], pages) if exact["examples"] else "")


def _examples(examples: list[dict[str, Any]], pages: Pages) -> str:
    """Reject examples; for a near-duplicate, the document kept instead and the two texts' similarity."""
    head = ["example", "source", "input", "message"]
    rows: list[list[Cell]] = [[_doc_link(e["id"], pages) or "-", e["source"], e["input_uri"], e["message"]]
                              for e in examples]
    if any(e.get("duplicate_of") for e in examples):
        head += ["duplicate of", "similarity"]
        for row, e in zip(rows, examples):
            kept = e.get("duplicate_of") or "-"
            row += [link(e["duplicate_of_page"], kept) if e.get("duplicate_of_page") else kept, e["similarity"]]
    return table(head, rows, numeric=[5])


def near_duplicates(summary: dict[str, Any], pages: Pages) -> str:
    near = summary["near_duplicates"]
    title = "Near-duplicates"
    if near["note"]:
        return section("near-duplicates", title, note(near["note"]))
    dropped = near["dropped"]
    threshold = near["params"]["threshold"]
    parts = [
        note(f"{near['method']} Compared: {near['compared_with']}."),
        *(note(text) for text in near["notes"]),
        cards([("clusters", near["clusters"], f"{near['same_document']:,} of them a document built again and "
                                              "its copy in the reference" if near["same_document"]
                else "of two or more documents"),
               ("documents in clusters", near["documents"],
                f"of this version's build, and {near['reference_documents']:,} of the reference"),
               *((reason, n, DROP_NOTES[reason]) for reason, n in dropped.items())]),
    ]
    if not near["clusters"]:
        return section("near-duplicates", title, *parts, note("No two documents were near-duplicates: there are "
                                                              "no clusters."))
    parts += ['<div class="grid">',
              figure("Cluster sizes", charts.histogram(near["sizes"], "members per cluster")),
              figure("Similarity to the kept document" if near["drop"] else "Similarity of the other members",
                     charts.histogram(near["similarity"], "estimated Jaccard", marks=[(threshold, f"threshold {threshold:g}")])),
              "</div>", f"<h3>The {len(near['largest'])} largest clusters</h3>",
              note("Members: the kept document first. Any cluster, by its id or a member's: "
                   "curate show NAME V --cluster ID (--html writes its side-by-side page).")]
    for cluster in near["largest"]:
        rows: list[list[Cell]] = [[link(m["page"], m["id"]) if m["page"] else m["id"],
                                   m["input_uri"] or "-", _member_status(m), f"{m['similarity']:.3f}"]
                                  for m in cluster["members"]]
        parts += [f"<h4>{escape(cluster['cluster'])} <small>({cluster['size']:,} members, split "
                  f"{escape(cluster['split'])}) · {link(cluster['page'], 'side by side')}</small></h4>",
                  table(["member", "input", "status", "similarity"], rows, numeric=[3]),
                  note(f"... and {cluster['more']:,} more.") if cluster["more"] else ""]
    return section("near-duplicates", title, *parts)


def _member_status(member: dict[str, Any]) -> str:
    if member["reference"]:
        return "in the reference dataset"
    return "kept" if member["kept"] else "dropped"


def rejects(summary: dict[str, Any], pages: Pages) -> str:
    groups = summary["rejects"]
    if not groups:
        return section("rejects", "Rejects by reason", note("Every document read was kept."))
    parts = [note("Dropped documents keep their whole row (open one to see what the rule saw); rejected ones "
                  "keep their raw bytes in rejects/.")]
    for group in groups:
        parts.append(f'<h3 id="reject-{escape(group["reason"])}">{escape(group["reason"])} '
                     f'<small>({escape(group["status"])} at stage {escape(group["stage"])}, '
                     f'{group["documents"]:,} documents)</small></h3>')
        parts.append(_examples(group["examples"], pages))
    return section("rejects", "Rejects by reason", *parts)


def changes(summary: dict[str, Any]) -> str:
    diff = summary["changes"]
    title = "Changes since parent version"
    if diff is None:
        return section("changes", title, note("This is the first version of the dataset: it has no parent."))
    if "missing" in diff:
        return section("changes", title, note(f"Parent {diff['parent']} cannot be read: {diff['missing']}"))

    def rows(deltas: dict[str, dict[str, int]]) -> list[list[Any]]:
        return [[k, d["parent"], d["this"], f"{d['change']:+,}"] for k, d in deltas.items()]

    head = ["", f"parent {diff['parent']}", "this version", "change"]
    same = [["config", "same" if diff["same_config"] else "changed"],
            ["inputs", "same" if diff["same_inputs"] else "changed"],
            ["schema", "same" if diff["same_schema"] else "changed"],
            ["gate", f"{diff['gate']['parent']} -> {diff['gate']['this']}"],
            ["stages added", ", ".join(diff["stages"]["added"]) or "-"],
            ["stages removed", ", ".join(diff["stages"]["removed"]) or "-"]]
    docs = diff["documents"]
    counts = [[kind, f"{docs[kind]:,}", ", ".join(docs["examples"].get(kind, [])[:3]) or "-"]
              for kind in ("added", "removed", "changed", "unchanged", "moved")]
    suggested = diff["suggested"]
    return section(
        "changes", title,
        note(f"Articles by id and content hash against {diff['parent']}; the diff calls this a "
             f"{suggested['bump']} change ({suggested['reason']}): version {suggested['version']}."),
        table(["articles", "count", "examples (ids)"], counts, numeric=[1]),
        table(head, rows(diff["accounting"]) + rows(diff["by_split"]), numeric=[1, 2, 3]),
        "<h3>Reasons whose counts changed</h3>",
        table(head, rows(diff["by_reason"]), numeric=[1, 2, 3]) if diff["by_reason"]
        else note("Every reason has the same count as in the parent."),
        table(["what", "parent to this"], same))


def documents(entries: list[dict[str, Any]]) -> str:
    kept = [e for e in entries if e["reason"] is None]
    dropped = [e for e in entries if e["reason"] is not None]

    def rows(items: list[dict[str, Any]]) -> list[list[Any]]:
        return [[link(e["page"], e["title"] or e["id"]), e["source"], e["words"], e["removed_spans"], e["claims"],
                 *([e["reason"]] if e["reason"] else [])] for e in items]

    head = ["document", "source", "words", "removed spans", "claims"]
    return section(
        "documents", "Document viewer",
        note("Each page shows the normalized document with its removed spans marked by kind and its claims "
             "marked. Sample: the documents with the smallest ids (ids are hashes: a fixed random sample) and "
             "the first document of each large source. Any id: curate show NAME V --id ID --html."),
        table(head, rows(kept), numeric=[2, 3, 4]) if kept else note("No kept documents."),
        "<h3>Dropped examples</h3>" if dropped else "",
        note("Claims are looked for only in the documents a version keeps.") if dropped else "",
        table([*head, "dropped by"], rows(dropped), numeric=[2, 3, 4]) if dropped else "")
