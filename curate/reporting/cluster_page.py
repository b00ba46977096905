"""A near-duplicate cluster side by side: its members in a table, then their kept texts in columns,
the kept document first, each other text with the words where it differs from the kept one
marked, so a curator sees at once what a reprint changed (a figure, a sentence, a paragraph).
"""

from __future__ import annotations

import difflib
import re
from html import escape
from typing import Any

from curate.reporting.clusters import MEMBERS_SHOWN
from curate.reporting.documents import Document
from curate.reporting.html import Cell, link, note, table
from curate.reporting.style import page

MARKED_WORDS = 20_000  # longer texts are shown unmarked: difflib's matching is quadratic at worst
_WORD = re.compile(r"\S+\s*")

References = dict[str, tuple[str, Document]]  # reference document id -> (its version's label, its row)


def _words(text: str) -> tuple[str, list[str]]:
    """(leading whitespace, words each with the whitespace after it)."""
    lead = text[:len(text) - len(text.lstrip())]
    return lead, _WORD.findall(text, len(lead))


def marked_differences(base: str, text: str) -> str:
    """`text` as HTML: its words that `base` has not at that place in `<ins>`, the words of `base`
    it lacks there in `<del>`, every piece escaped."""
    lead, words = _words(text)
    base_words = _words(base)[1]
    if len(words) > MARKED_WORDS or len(base_words) > MARKED_WORDS:
        return escape(text)
    matcher = difflib.SequenceMatcher(None, [w.rstrip() for w in base_words], [w.rstrip() for w in words],
                                      autojunk=False)
    out = [escape(lead)]
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(base_words[i1:i2]))}</del>")
        if op != "delete":
            piece = escape("".join(words[j1:j2]))
            out.append(piece if op == "equal" else f"<ins>{piece}</ins>")
    return "".join(out)


def _status(member: dict[str, Any], document: Document | None, origin: str | None) -> str:
    if member["reference"]:
        return f"in the reference dataset{f' ({origin})' if origin else ''}"
    if member["kept"]:
        return "kept"
    return f"dropped ({document.reason})" if document is not None and document.reason else "dropped"


def _lookup(member: dict[str, Any], documents: dict[str, Document],
            references: References) -> tuple[Document | None, str | None]:
    if member["reference"]:
        found = references.get(member["id"])
        return (found[1], found[0]) if found else (None, None)
    return documents.get(member["id"]), None


def _column(member: dict[str, Any], base: str | None, documents: dict[str, Document], references: References,
            pages: dict[str, str]) -> str:
    document, origin = _lookup(member, documents, references)
    name = link(pages[member["id"]], member["id"]) if member["id"] in pages and not member["reference"] \
        else escape(member["id"])
    head = (f'<h3>{escape(_status(member, document, origin))}</h3><p class="note">{name}<br>'
            f'{escape(member["input_uri"] or "-")} · similarity {member["similarity"]:.2f} · {escape(member["split"])}</p>')
    if document is None:
        return f'<div class="member">{head}{note("Its text is not in this version or its references.")}</div>'
    text = document.row["text"]
    body = escape(text) if base is None else marked_differences(base, text)
    title = escape(document.row["title"] or "(untitled)")
    return f'<div class="member">{head}<p><b>{title}</b></p><div class="doc">{body}</div></div>'


def render_cluster(cluster: str, members: list[dict[str, Any]], *, dataset: str, documents: dict[str, Document],
                   references: References, pages: dict[str, str], more: int = 0, side_by_side: int = MEMBERS_SHOWN,
                   back: str | None = None) -> str:
    """The page of cluster `cluster`: `members` (clusters.parquet rows, the kept document first;
    `more` others not given), the first `side_by_side` texts in columns. `documents` and
    `references` hold the members' rows, `pages` their viewer pages relative to this one."""
    rows: list[list[Cell]] = [
        [link(pages[m["id"]], m["id"]) if m["id"] in pages and not m["reference"] else m["id"], m["input_uri"] or "-",
         _status(m, *_lookup(m, documents, references)), f"{m['similarity']:.3f}", m["split"]] for m in members]
    shown = members[:side_by_side]
    base_doc = _lookup(shown[0], documents, references)[0] if shown else None
    base = base_doc.row["text"] if base_doc is not None else None
    columns = [_column(m, None if i == 0 else base, documents, references, pages) for i, m in enumerate(shown)]
    back_link = f' · <a href="{escape(back)}">back to the report</a>' if back else ""
    hidden = len(members) - len(shown) + more
    body = (f'<header class="top"><h1>Near-duplicate cluster {escape(cluster)}</h1>'
            f"<p>{escape(dataset)}{back_link}</p></header>\n<main>"
            + note(f"{len(members) + more:,} members, split {members[0]['split'] if members else '-'}. The cluster's "
                   "id is the id of the document it keeps. Similarity: estimated Jaccard of a member's kept text to "
                   "the kept document's (MinHash of word n-grams).")
            + table(["member", "input", "status", "similarity", "split"], rows, numeric=[3])
            + (note(f"{more:,} more members: curate show NAME V --cluster ID lists them all.") if more else "")
            + "<h2>Side by side</h2>"
            + note("The kept document first. In the others, marked: words the kept document has not at that place, "
                   "and struck: its words they lack there." + (f" {hidden:,} members are not shown here." if hidden else ""))
            + f'<div class="side">{"".join(columns)}</div></main>')
    return page(f"cluster {cluster} - {dataset}", body)
