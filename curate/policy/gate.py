"""Rules that drop what the quality gate would reject on a row, so that one bad document is
dropped with a reason instead of failing the whole version.

Each rule asks the gate's own question: the regex of its expectation in
`expectations/article_rows.json`, or its function in `curate.validation.checks`, so the policy and
the gate cannot disagree about what markup or mojibake is. The gate stays the safety net: a rule
turned off leaves the document to it. What the gate checks per row and where the policy stands:

- markup, U+FFFD, control characters, mojibake in text or title; a kept line the boilerplate
  rules flag (`no_residual_boilerplate`): document defects, dropped by default.
- claims offsets, boilerplate flags and spans (`claims_point_at_text`, `flags_match_spans`,
  `spans_rebuild_document`): invariants of curate's own stages, so a failure is a bug to fix, not
  a bad document; dropped only with `drop_inconsistent_rows` (to ship around a known bug).
- length and language: `basics.py`. A missing publisher (`source_name_present`) is not dropped:
  the fix is a `[sources]` mapping or `--source`, not losing the article. Ids, content hashes and
  splits are made by construction; only the gate checks them, after the round trip to Parquet.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from curate.config import PolicyConfig
from curate.policy.rule import Check, Rule
from curate.validation import checks
from curate.validation.suites import load_suites

_SUITE = "article_rows"
_EVIDENCE_CHARS = 60  # of the offending text, in the message


@cache
def gate_pattern(expectation: str) -> re.Pattern[str]:
    """The compiled regex of `article_rows.<expectation>`, an `..._not_match_regex` expectation:
    Great Expectations searches it (`re.search`) in every value."""
    [spec] = [e for e in load_suites()[_SUITE]["expectations"] if e["meta"]["name"] == expectation]
    return re.compile(spec["kwargs"]["regex"])


def _regex(name: str, expectation: str, setting: str, what: str) -> Rule:
    """Rule `name`: drop when the field `expectation` checks (`text` or `title`, its name's start)
    matches the gate's regex, unless `setting` is off."""
    field = expectation.split("_", 1)[0]

    def check(row: dict[str, Any], policy: PolicyConfig) -> str | None:
        value = row[field]
        found = gate_pattern(expectation).search(value) if value and getattr(policy, setting) else None
        if found is None:
            return None
        return (f"{what} in {field} at character {found.start()}: {found.group()[:_EVIDENCE_CHARS]!r} "
                f"(the gate's {_SUITE}.{expectation}; {setting} = true)")

    return Rule(name, check, setting)


def _mojibake(field: str) -> Check:
    def check(row: dict[str, Any], policy: PolicyConfig) -> str | None:
        if policy.drop_mojibake and checks.has_mojibake(row[field]):
            return (f"mojibake in {field}: UTF-8 read as a legacy code page, which normalization could "
                    f"not repair (the gate's {_SUITE}.{field}_no_mojibake; drop_mojibake = true)")
        return None

    return check


def _residual_boilerplate(row: dict[str, Any], policy: PolicyConfig) -> str | None:
    if policy.drop_residual_boilerplate and not checks.lines_pass_boilerplate_rules(row["text"], row["language"]):
        return (f"a kept line is one the boilerplate rules flag on its own (the gate's "
                f"{_SUITE}.no_residual_boilerplate; drop_residual_boilerplate = true)")
    return None


_INVARIANTS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "claims_point_at_text": lambda row: checks.claims_point_at_text(row["text"], row["claims"]),
    "flags_match_spans": lambda row: checks.flags_match_spans(row["flags"], row["boilerplate"]),
    "spans_rebuild_document": lambda row: checks.spans_rebuild_document(
        row["text"], row["boilerplate"], row["boilerplate_ratio"]),
}


def _row_inconsistent(row: dict[str, Any], policy: PolicyConfig) -> str | None:
    if not policy.drop_inconsistent_rows:
        return None
    failed = [name for name, holds in _INVARIANTS.items() if not holds(row)]
    if failed:
        return (f"the row breaks {', '.join(f'{_SUITE}.{name}' for name in failed)}: a bug in curate's "
                f"stages, not in the document (drop_inconsistent_rows = true)")
    return None


RULES = (
    _regex("markup_in_text", "text_no_markup", "drop_markup", "markup"),
    _regex("markup_in_title", "title_no_markup", "drop_markup", "markup"),
    _regex("replacement_char_in_text", "text_no_replacement_char", "drop_replacement_chars", "U+FFFD"),
    _regex("replacement_char_in_title", "title_no_replacement_char", "drop_replacement_chars", "U+FFFD"),
    _regex("control_char_in_text", "text_no_control_chars", "drop_control_chars", "control character"),
    _regex("control_char_in_title", "title_no_control_chars", "drop_control_chars", "control character"),
    Rule("mojibake_in_text", _mojibake("text"), "drop_mojibake"),
    Rule("mojibake_in_title", _mojibake("title"), "drop_mojibake"),
    Rule("residual_boilerplate", _residual_boilerplate, "drop_residual_boilerplate"),
    Rule("row_inconsistent", _row_inconsistent, "drop_inconsistent_rows"),
)
