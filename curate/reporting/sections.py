"""The report's sections on what was kept and removed: accounting and gate, sources,
distributions, boilerplate and languages. Each takes the summary dict and returns HTML.
"""

from __future__ import annotations

from html import escape
from typing import Any

from curate.reporting import charts
from curate.reporting.html import cards, figure, labelled, link, note, percent, section, table
from curate.reporting.style import kind_color, kind_description, kind_stroke

MAX_STACKED_SOURCES = 20
MAX_SOURCE_ROWS = 100  # a crawl of thousands of sites lists the rest in summary.json only


def _gate(gate: dict[str, Any]) -> str:
    if gate["status"] == "not run":
        return '<p>Quality gate: <span class="fail">not run</span> (run <code>curate validate NAME V</code>).</p>'
    verdict = '<span class="pass">passed</span>' if gate["status"] == "passed" else '<span class="fail">FAILED</span>'
    docs = f" · {link(gate['page'], 'every expectation and its samples')}" if gate["page"] else ""
    if gate["unsafe_data_docs"]:
        docs += (" · its Great Expectations Data Docs, written by an older curate, may run markup from the data "
                 "and are not linked: <code>curate validate NAME V</code> writes a safe validation page")
    failed = "".join(f"<li>{escape(key)}</li>" for key in gate["failed"])
    waived = "".join(f"<li>{escape(w['expectation'])}: {escape(w['reason'])} "
                     f"({'applied' if w.get('applied') else 'not needed: it passed'})</li>" for w in gate["waivers"])
    return (f'<p id="gate">Quality gate: {verdict} (validated {escape(gate["validated_at"])}){docs}</p>'
            + (f"<p>Failed expectations:</p><ul>{failed}</ul>" if failed else "")
            + (f"<p>Waivers:</p><ul>{waived}</ul>" if waived else ""))


def accounting(summary: dict[str, Any]) -> str:
    acc = summary["accounting"]
    read = acc["read"]
    reasons = [[r, "dropped (policy rule)", n, percent(n, read)] for r, n in acc["dropped_by_reason"].items()]
    reasons += [[r, "rejected (error)", n, percent(n, read)] for r, n in acc["rejected_by_reason"].items()]
    return section(
        "accounting", "Accounting and quality gate",
        cards([("read", read, "documents in the inputs"), ("kept", acc["kept"], percent(acc["kept"], read)),
               ("dropped", acc["dropped"], f"{percent(acc['dropped'], read)}, by a policy rule"),
               ("rejected", acc["rejected"], f"{percent(acc['rejected'], read)}, by an error")]),
        _gate(summary["gate"]),
        "<h3>Kept, by split</h3>",
        table(["split", "documents", "share"], [[s, n, percent(n, acc["kept"])] for s, n in acc["by_split"].items()],
              numeric=[1, 2]),
        "<h3>Not kept, by reason</h3>",
        table(["reason", "outcome", "documents", "share of read"], reasons, numeric=[2, 3])
        if reasons else note("Every document read was kept."),
    )


def sources(summary: dict[str, Any]) -> str:
    rows = [[s["source"], s["documents"], s["words"], s["mean_words"], s["boilerplate_ratio"],
             f"{s['removed_char_share']:.1%}", s["claims_per_document"],
             ", ".join(f"{lang} {n}" for lang, n in s["languages"].items()), s["template_lines"],
             s["dropped"], s["rejected"]] for s in summary["sources"][:MAX_SOURCE_ROWS]]
    more = len(summary["sources"]) - MAX_SOURCE_ROWS
    return section(
        "sources", "Sources",
        note("Per publisher. Boilerplate ratio: mean over its kept documents of removed / normalized characters; "
             "removed characters: share of all its characters. Rejected documents have no publisher of their own: "
             "the config's folder mapping names them from their input path."),
        table(["source", "documents", "words", "mean words", "boilerplate ratio", "removed chars",
               "claims / doc", "languages", "template lines", "dropped", "rejected"], rows,
              numeric=[1, 2, 3, 4, 5, 6, 8, 9, 10]),
        note(f"{more:,} smaller sources are listed in summary.json only.") if more > 0 else "")


def distributions(summary: dict[str, Any]) -> str:
    dist, policy = summary["distributions"], summary["dataset"]["policy"]
    main = [
        figure("Length (words kept)", charts.histogram(dist["n_words"], "words", marks=[
            (policy["min_words"], f"min_words {policy['min_words']}")])),
        figure("Boilerplate ratio", charts.histogram(dist["boilerplate_ratio"], "removed / normalized characters",
                                                     marks=[(policy["max_boilerplate_ratio"], "policy max")])),
        figure("Language identifier confidence", charts.histogram(dist["language_score"], "score")),
    ]
    quality = [figure(name.replace("_", " "), charts.histogram(h, name, band=h["normal"]))
               for name, h in dist["quality"].items()]
    return section(
        "distributions", "Distributions",
        note("Kept documents only. Dashed red lines are policy thresholds: dropped documents lie beyond them."),
        f'<div class="grid">{"".join(main)}</div>',
        "<h3>Quality signals</h3>",
        note("Shaded: the range Gopher / C4 consider normal (the schema's descriptions)."),
        f'<div class="grid">{"".join(quality)}</div>')


def boilerplate(summary: dict[str, Any]) -> str:
    bp, documents = summary["boilerplate"], summary["accounting"]["kept"]
    by_kind = bp["by_kind"]
    chart = charts.bars([(k["kind"], k["spans"], kind_stroke(k["kind"])) for k in by_kind], "spans by kind",
                        unit=" spans")
    kinds_table = table(
        ["kind", "spans", "characters", "documents", "share of documents", "what it is"],
        [[labelled(kind_color(k["kind"]), k["kind"]), k["spans"], k["chars"], k["documents"],
          f"{k['document_share']:.1%}", kind_description(k["kind"])] for k in by_kind], numeric=[1, 2, 3, 4])
    per_source = sorted(bp["by_source"].items(), key=lambda item: -sum(item[1].values()))[:MAX_STACKED_SOURCES]
    colors = {k["kind"]: kind_stroke(k["kind"]) for k in by_kind}
    legend = "".join(f'<span class="item">{labelled(colors[k["kind"]], k["kind"])}</span>' for k in by_kind)
    lines = [[t["count"] if not t["max_error"] else f"{t['count']:,} (±{t['max_error']:,})",
              labelled(kind_color(t["kind"]), t["kind"]), t["sources"], t["line"]] for t in bp["top_lines"]]
    return section(
        "boilerplate", "Boilerplate removed",
        cards([("spans removed", bp["spans"], f"from {documents:,} kept documents"),
               ("characters removed", bp["chars"], "kept as spans: nothing is lost")]),
        chart or note("No span was removed from any kept document."), kinds_table if by_kind else "",
        "<h3>By kind, per source</h3>",
        (f'<p class="legend">{legend}</p>' + charts.stacked(per_source, colors, "boilerplate kinds per source"))
        if per_source else note("No source had spans removed."),
        "<h3>Most frequent removed lines</h3>",
        note("A real sentence high in this list is over-removal. Lines are compared on their first 200 "
             "characters, whitespace trimmed. Only the line stage's removals are listed: what an HTML page's "
             "extractor left out (menus, footers) counts above, by kind."),
        table(["times", "kind", "sources", "line"], lines, numeric=[0, 2], classes={3: "line"})
        if lines else note("No line was removed."))


def languages(summary: dict[str, Any]) -> str:
    langs = summary["languages"]
    return section(
        "languages", "Language mix",
        charts.bars([(x["language"], x["documents"], charts.BAR) for x in langs], "documents by language",
                    unit=" docs"),
        table(["language", "documents", "share", "mean confidence"],
              [[x["language"], x["documents"], f"{x['share']:.1%}", x["mean_score"]] for x in langs],
              numeric=[1, 2, 3]) if langs else note("No kept documents."))
