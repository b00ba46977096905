"""One document as a curator audits it: the normalized document, removed spans struck through and
labelled by kind, claims marked (content by status, source, cue) and listed.

Offsets (schema article_v1): span `start`/`end` index the normalized document; claim offsets
index `text`, the document with every span cut out. So a span goes back into `text` at
`start - (characters removed before it)`, and the page walks `text` once, cutting it at every
claim boundary and span insertion point: each piece gets its own element, so overlapping claims
never need overlapping tags.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from html import escape
from typing import Any

from curate.reporting.html import labelled, link
from curate.reporting.style import kind_color, kind_description, page, status_color

_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")
DOCS = "docs"  # the viewer pages' folder in the report
CLUSTER_PAGE = "cluster-"  # the prefix of cluster pages, which no viewer page has


def page_name(doc_id: str) -> str:
    """The viewer page's file name: the id itself when it is file-safe (ids are hex hashes) and
    cannot be taken for a cluster's page."""
    if _SAFE_ID.match(doc_id) and not doc_id.startswith((".", CLUSTER_PAGE)):
        return f"{doc_id}.html"
    return f"id-{hashlib.sha256(doc_id.encode()).hexdigest()[:32]}.html"


def cluster_page_name(cluster: str) -> str:
    """The file name of a near-duplicate cluster's side-by-side page, beside the viewer pages."""
    return CLUSTER_PAGE + page_name(cluster)


def insertion_points(spans: list[dict[str, Any]]) -> list[int]:
    """Where each removed span goes back into `text` (the kept text)."""
    points, removed = [], 0
    for span in spans:
        points.append(span["start"] - removed)
        removed += len(span["text"])
    return points


def _marks(claims: list[dict[str, Any]]) -> list[tuple[int, int, str, int]]:
    """(start, end, role, claim number) of every marked range of `text`."""
    marks = []
    for number, claim in enumerate(claims, 1):
        for part in claim["content_parts"] or [{"start": claim["content_start"], "end": claim["content_end"]}]:
            marks.append((part["start"], part["end"], "content", number))
        if claim["source_start"] is not None and claim["source_end"] is not None:
            marks.append((claim["source_start"], claim["source_end"], "source", number))
        marks.append((claim["cue_start"], claim["cue_end"], "cue", number))
    return [m for m in marks if m[1] > m[0]]


def _removed(span: dict[str, Any]) -> str:
    kind = span["kind"]
    title = f"{kind}: {kind_description(kind)} (rule {span['rule']}, score {span['score']:.2f})"
    return (f'<del data-kind="{escape(kind)}" style="--k:{kind_color(kind)}" title="{escape(title)}">'
            f'<span class="kind">{escape(kind)}</span>{escape(span["text"])}</del>')


def _piece(text: str, active: list[tuple[int, int, str, int]], claims: list[dict[str, Any]]) -> str:
    if not active:
        return escape(text)
    roles = sorted({role for _, _, role, _ in active})
    numbers = sorted({n for _, _, _, n in active})
    content = [n for _, _, role, n in active if role == "content"]
    status = claims[max(content) - 1]["status"] if content else claims[numbers[-1] - 1]["status"]
    title = "; ".join(f"claim {n}: {claims[n - 1]['kind']}, {claims[n - 1]['status']}" for n in numbers)
    return (f'<span class="{" ".join("c-" + role for role in roles)}" data-claims="{" ".join(map(str, numbers))}" '
            f'style="--s:{status_color(status)}" title="{escape(title)}">{escape(text)}</span>')


def document_html(row: dict[str, Any]) -> str:
    """The body of the document: kept text, removed spans re-inserted, claims marked."""
    text, spans, claims = row["text"], row["boilerplate"], row.get("claims") or []
    marks = _marks(claims)
    points = insertion_points(spans)
    first: dict[int, int] = {}  # claim number -> where its content starts
    for start, _, role, number in marks:
        if role == "content":
            first[number] = min(first.get(number, start), start)
    anchors: dict[int, list[int]] = {}
    for number, start in sorted(first.items()):
        anchors.setdefault(start, []).append(number)
    cuts = sorted({0, len(text), *points, *(m[0] for m in marks), *(m[1] for m in marks)})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    out, span_index = [], 0
    for position, end in zip(cuts, cuts[1:] + [None]):
        while span_index < len(spans) and points[span_index] == position:
            out.append(_removed(spans[span_index]))
            span_index += 1
        out.extend(f'<sup class="claim"><a href="#claim-{n}">[{n}]</a></sup>' for n in anchors.get(position, []))
        if end is not None and end > position:
            active = [m for m in marks if m[0] <= position < m[1]]
            out.append(_piece(text[position:end], active, claims))
    out.extend(_removed(span) for span in spans[span_index:])  # spans past the end of `text`
    return "".join(out)


def _claims_table(claims: list[dict[str, Any]] | None) -> str:
    if claims is None:  # a dropped document's row: claims are looked for only in kept ones
        return '<p class="note">Claims are looked for only in the documents a version keeps.</p>'
    if not claims:
        return '<p class="note">No attributed claims found in this document.</p>'
    rows = "".join(
        f'<tr id="claim-{n}"><td class="n">{n}</td><td>{escape(c["source"] or "(none written)")}</td>'
        f'<td>{escape(c["cue"])}</td><td>{escape(c["content"])}</td><td>{escape(c["kind"])}</td>'
        f'<td>{labelled(status_color(c["status"]), c["status"])}</td></tr>'
        for n, c in enumerate(claims, 1))
    return ("<table><tr><th>#</th><th>source</th><th>cue</th><th>content</th><th>kind</th><th>status</th></tr>"
            f"{rows}</table>")


def _legend(spans: list[dict[str, Any]]) -> str:
    kinds = Counter(span["kind"] for span in spans)
    if not kinds:
        return '<p class="note">Nothing was removed from this document.</p>'
    items = "".join(f'<span class="item" title="{escape(kind_description(k))}">{labelled(kind_color(k), f"{k} × {n}")}'
                    "</span>" for k, n in sorted(kinds.items()))
    return f'<p class="legend">Removed spans: {items}</p>'


def _meta(row: dict[str, Any]) -> str:
    source = row["source"]
    fields = [("id", row["id"]), ("publisher", source["name"] or "(none)"), ("url", source["url"]),
              ("input", f"{source['input_uri']} ({source['input_format']})"), ("published", source["published"]),
              ("authors", ", ".join(source["authors"])),
              ("language", f"{row['language']} ({row['language_score']:.2f})"), ("split", row["split"]),
              ("words kept", row["quality"]["n_words"]), ("boilerplate ratio", f"{row['boilerplate_ratio']:.3f}")]
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in fields if v not in (None, ""))
    return f'<dl class="meta">{items}</dl>'


def _banner(reason: str, duplicate_of: str | None, similarity: float | None, kept_page: str | None) -> str:
    kept = ""
    if duplicate_of is not None:
        named = link(kept_page, duplicate_of) if kept_page else escape(duplicate_of)
        estimate = f", estimated similarity {similarity:.2f}" if similarity is not None else ""
        kept = f" Kept instead: {named}{estimate}."
    return (f'<p class="banner">Not in the dataset: dropped by <b>{escape(reason)}</b>.{kept} '
            "Shown as the rule saw it.</p>")


def render_document(row: dict[str, Any], *, dataset: str, reason: str | None = None, back: str | None = None,
                    duplicate_of: str | None = None, similarity: float | None = None,
                    kept_page: str | None = None) -> str:
    """A whole page for one article row (kept, or dropped with `reason`; dropped for the
    document `duplicate_of`, whose page is `kept_page` when it has one)."""
    title = row["title"] or "(untitled)"
    back_link = f' · <a href="{escape(back)}">back to the report</a>' if back else ""
    banner = _banner(reason, duplicate_of, similarity, kept_page) if reason else ""
    subtitle = f"<p>{escape(row['subtitle'])}</p>" if row["subtitle"] else ""
    body = (f'<header class="top"><h1>{escape(title)}</h1>{subtitle}<p>{escape(dataset)}{back_link}</p></header>\n'
            f"<main>{banner}{_meta(row)}\n<h2>Document</h2>{_legend(row['boilerplate'])}"
            '<p class="note">Claims: <span class="c-content" style="--s:#868e96">content</span> underlined in '
            'the colour of its status, <span class="c-source">source</span> highlighted, '
            '<span class="c-cue">cue</span> boxed; hover for details.</p>'
            '<input type="checkbox" id="hide-removed"> <label for="hide-removed">hide removed spans</label>'
            f'<div class="doc" id="document">{document_html(row)}</div>\n'
            f"<h2>Claims</h2>{_claims_table(row.get('claims'))}</main>")
    return page(f"{title} - {dataset}", body)
