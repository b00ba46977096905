"""`report/index.html`: the summary rendered as one page, sections in the order a curator reads."""

from __future__ import annotations

from html import escape
from typing import Any

from curate.reporting import audit, sections
from curate.reporting.style import page

TOC = [("accounting", "Accounting"), ("sources", "Sources"), ("distributions", "Distributions"),
       ("boilerplate", "Boilerplate"), ("languages", "Languages"), ("claims", "Claims"),
       ("duplicates", "Duplicates"), ("near-duplicates", "Near-duplicates"), ("rejects", "Rejects"),
       ("changes", "Changes since parent"), ("documents", "Documents")]


def render_index(summary: dict[str, Any]) -> str:
    data = summary["dataset"]
    pages = {e["id"]: e["page"] for e in summary["documents"]}
    parent = f"parent {data['parent']}" if data["parent"] else "first version"
    header = (f'<header class="top"><h1>{escape(data["name"])} {escape(data["version"])}: quality report</h1>'
              f'<p>{escape(parent)} · built {escape(data["created"])} · curate {escape(data["pipeline_version"])} · '
              f'config {escape(data["config_hash"])} · schema {escape(data["schema"]["name"])} · '
              f'<a href="summary.json">summary.json</a></p></header>\n')
    toc = '<nav class="toc">' + "".join(f'<a href="#{a}">{escape(t)}</a>' for a, t in TOC) + "</nav>\n"
    body = "".join([
        sections.accounting(summary), sections.sources(summary), sections.distributions(summary),
        sections.boilerplate(summary), sections.languages(summary), audit.claims(summary),
        audit.duplicates(summary, pages), audit.near_duplicates(summary, pages), audit.rejects(summary, pages),
        audit.changes(summary), audit.documents(summary["documents"]),
    ])
    return page(f"{data['name']} {data['version']} quality report", f"{header}{toc}<main>{body}</main>")
