"""`validation/index.html`: the gate's verdict as one self-contained page, rendered by curate from
the `GateResult` instead of by Great Expectations' Data Docs.

Why not Data Docs: GX writes the unexpected values it samples (scraped titles and texts, input
file names) into its HTML unescaped, so an `onerror` payload in a scraped title ran when a
curator opened them; and its pages load scripts and stylesheets from seven outside hosts.
Escaping the values before GX sees them is no cure: the suites run regexes on the raw `text`
and `title` (the markup checks exist to find exactly those payloads), so escaped input would
change what they check. So GX only validates, and this page shows everything the verdict rests
on: every suite and expectation with its notes, arguments, verdict, counts, sample ids or
inputs, the offending values (cut to `VALUE_CHARS`), validator errors and waivers; then the
shards and the thresholds. Every value goes through `html.escape`; the page has no script and
fetches nothing (the report's stylesheet, inline). Not building Data Docs also saves the time GX
spent on them (0.3 s of the gate's fixed cost).
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from curate.reporting.html import Cell, Markup, cards, link, note, one_per_line, section, table
from curate.reporting.style import page
from curate.validation.outcome import GateResult, Outcome

_STATUS_CLASS = {"passed": "pass", "waived": "waived", "failed": "fail", "error": "fail"}


def anchor(outcome: Outcome) -> str:
    return f"exp-{outcome.key}"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _verdict(outcome: Outcome) -> Markup:
    """The status, with the validator's errors or the waiver's reason under it."""
    status = f'<span class="{_STATUS_CLASS[outcome.status]}">{escape(outcome.status)}</span>'
    if outcome.errors:
        return Markup(f"{status}<br>{one_per_line(outcome.errors)}")
    if outcome.waiver:
        return Markup(f"{status}<br>waiver: {escape(outcome.waiver)}")
    return Markup(status)


def _check(outcome: Outcome) -> Markup:
    """What the expectation guards, with its type and arguments folded away (a regex can be long)."""
    return Markup(f"{escape(outcome.notes)}<details><summary>{escape(outcome.type)}</summary>"
                  f"<code>{escape(_json(outcome.kwargs))}</code></details>")


def _suite(name: str, outcomes: list[Outcome], fingerprint: str | None) -> str:
    rows: list[list[Cell]] = [[o.name, _verdict(o), o.rows, o.missing, o.unexpected, one_per_line(o.samples),
                               one_per_line(o.values), _check(o)] for o in outcomes]
    return section(
        f"suite-{name}", f"Suite {name}",
        note(f"Fingerprint (sha256 of the suite's JSON): {fingerprint}") if fingerprint else "",
        table(["expectation", "verdict", "rows", "missing", "unexpected", "sample ids or inputs",
               "unexpected values", "what it checks"], rows,
              numeric=[2, 3, 4], classes={5: "line", 6: "line", 7: "check"}, row_ids=[anchor(o) for o in outcomes]))


def _by_suite(outcomes: list[Outcome]) -> dict[str, list[Outcome]]:
    """Outcomes per suite, suites in the order they first appear."""
    suites: dict[str, list[Outcome]] = {}
    for outcome in outcomes:
        suites.setdefault(outcome.suite, []).append(outcome)
    return suites


def _summary(result: GateResult) -> str:
    verdict = '<span class="pass">PASSED</span>' if result.passed else '<span class="fail">FAILED</span>'
    statuses = [o.status for o in result.outcomes]
    failed = "".join(f"<li>{link(f'#{anchor(o)}', o.key)} ({escape(o.status)})</li>" for o in result.failed)
    waived = "".join(f"<li>{link(f'#{anchor(o)}', o.key)}: {escape(o.waiver or '')}</li>" for o in result.waived)
    return section(
        "verdict", "Verdict",
        f"<p>Quality gate: {verdict}</p>",
        cards([("expectations", len(statuses), f"{statuses.count('passed'):,} passed"),
               ("failed", statuses.count("failed"), "the gate refuses the data"),
               ("validator errors", statuses.count("error"), "a check that broke: never waived"),
               ("waived", statuses.count("waived"), "failed, excused by a waiver"),
               ("article rows", result.rows.get("articles", 0), "validated"),
               ("reject rows", result.rows.get("rejects", 0), "validated")]),
        f"<p>Failed:</p><ul>{failed}</ul>" if failed else "",
        f"<p>Waived:</p><ul>{waived}</ul>" if waived else "")


def _waivers(waivers: list[dict[str, Any]]) -> str:
    rows = [[w.get("expectation"), w.get("reason"), "applied" if w.get("applied") else "not needed: it passed"]
            for w in waivers]
    return section("waivers", "Waivers", table(["expectation", "reason", "use"], rows) if rows
                   else note("No waivers are configured."))


def render_validation(result: GateResult, title: str, results: str) -> str:
    """The whole page; `title` names what was validated (a dataset version, some files), `results`
    is the file beside the page holding the same verdict as JSON."""
    header = (f'<header class="top"><h1>{escape(title)}: quality gate</h1>'
              f"<p>validated {escape(result.validated_at)} in {result.seconds:.1f} s · "
              f"{link(results, results)}</p></header>\n")
    suites = [_suite(name, group, result.suites.get(name)) for name, group in _by_suite(result.outcomes).items()]
    body = "".join([
        _summary(result), *suites, _waivers(result.waivers),
        section("shards", "Shards validated", table(["shard", "sha256"], list(result.shards.items()),
                                                    classes={0: "line"})),
        section("thresholds", "Thresholds", note("What the gate was configured with: the build's policy and "
                                                  "splits, and [validation]."),
                f'<pre class="json">{escape(json.dumps(result.thresholds, indent=2, ensure_ascii=False, default=str))}'
                "</pre>"),
    ])
    return page(f"{title}: quality gate", f"{header}<main>{body}</main>")
