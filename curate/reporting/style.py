"""The look shared by the report, its document pages and the validation page: one inline
stylesheet, the colours of the boilerplate kinds and claim statuses, and the HTML shell. Nothing
is loaded from outside the page.
"""

from __future__ import annotations

from functools import cache
from html import escape

from curate.schema import load_schema

STATUS_COLORS = {"asserted": "#2b8a3e", "hedged": "#e67700", "unconfirmed": "#7048e8", "denied": "#c92a2a"}

CSS = """
:root { --ink: #1f2328; --muted: #656d76; --line: #d0d7de; --soft: #f6f8fa; --accent: #0969da; }
* { box-sizing: border-box; }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       margin: 0; background: #fff; }
header.top { background: #24292f; color: #fff; padding: 16px 32px; }
header.top h1 { margin: 0; font-size: 22px; }
header.top p { margin: 4px 0 0; color: #d0d7de; }
header.top a { color: #9ecbff; }
nav.toc { padding: 8px 32px; background: var(--soft); border-bottom: 1px solid var(--line);
          position: sticky; top: 0; z-index: 2; }
nav.toc a { margin-right: 14px; color: var(--accent); text-decoration: none; white-space: nowrap; }
main { padding: 8px 32px 48px; max-width: 1280px; }
section { margin-top: 28px; }
h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.note { color: var(--muted); margin: 4px 0 10px; }
table { border-collapse: collapse; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.line { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 12px; max-width: 640px;
          word-break: break-word; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 16px; min-width: 130px; }
.card b { display: block; font-size: 22px; }
.card span { color: var(--muted); }
.pass { color: #1a7f37; font-weight: 600; }
.fail { color: #cf222e; font-weight: 600; }
.waived { color: #9a6700; font-weight: 600; }
td.check { max-width: 420px; }
td.check code { font: 11px ui-monospace, Menlo, Consolas, monospace; word-break: break-all; }
pre.json { font: 12px ui-monospace, Menlo, Consolas, monospace; white-space: pre-wrap; word-break: break-word;
           background: var(--soft); border: 1px solid var(--line); padding: 8px 12px; max-width: 960px; }
.grid { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
figcaption { font-weight: 600; margin-bottom: 4px; }
svg.chart text { font: 11px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; fill: var(--ink); }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .band { fill: #2b8a3e; opacity: 0.08; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 4px; }
.legend span.item { margin-right: 12px; white-space: nowrap; }
.doc { white-space: pre-wrap; font-family: Georgia, "Times New Roman", serif; font-size: 16px;
       line-height: 1.6; max-width: 860px; border: 1px solid var(--line); padding: 16px 20px; }
.doc del { text-decoration: line-through; text-decoration-color: rgba(0,0,0,.35); color: #57606a;
           background: var(--k); border-radius: 3px; }
.doc del .kind { font: 10px ui-monospace, Menlo, Consolas, monospace; background: #fff; color: var(--ink);
                 border: 1px solid var(--line); border-radius: 3px; padding: 0 3px; margin-right: 4px;
                 text-decoration: none; display: inline-block; }
.c-content { border-bottom: 2px solid var(--s); background: color-mix(in srgb, var(--s) 10%, transparent); }
.c-source { font-weight: 700; background: #fff3bf; }
.c-cue { font-style: italic; outline: 1px dashed #868e96; }
.doc sup.claim { font: 10px ui-monospace, Menlo, Consolas, monospace; color: var(--accent); }
#hide-removed:checked ~ .doc del { display: none; }
.banner { border: 1px solid #d4a72c; background: #fff8c5; padding: 8px 12px; border-radius: 6px;
          max-width: 860px; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; }
.side { display: flex; gap: 16px; overflow-x: auto; align-items: flex-start; padding-bottom: 8px; }
.side .member { flex: 0 0 440px; }
.side h3 { margin-top: 0; }
.side .doc { font-size: 14px; padding: 8px 12px; }
.side .doc ins { background: #dafbe1; text-decoration: none; }
.side .doc del { background: #ffebe9; color: #82071e; }
"""


@cache
def _kinds() -> dict[str, str]:
    return load_schema("article").enums["boilerplate_kind"]


def kind_description(kind: str) -> str:
    return _kinds().get(kind, "")


def kind_color(kind: str) -> str:
    """A fixed light colour per boilerplate kind: hues spread in the schema's order of kinds."""
    kinds = list(_kinds())
    index = kinds.index(kind) if kind in kinds else len(kinds)
    return f"hsl({(index * 360 // (len(kinds) + 1) * 7) % 360}, 70%, 82%)"


def kind_stroke(kind: str) -> str:
    """The same hue as `kind_color`, dark enough for a bar in a chart."""
    return kind_color(kind).replace("70%, 82%", "55%, 55%")


def status_color(status: str) -> str:
    return STATUS_COLORS.get(status, "#495057")


def page(title: str, body: str) -> str:
    """A whole HTML document: the stylesheet inline, no script, no external resource."""
    return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")
