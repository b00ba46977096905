"""Rules on the document as a whole: its length, how much of it was boilerplate, its language."""

from __future__ import annotations

from typing import Any

from curate.boilerplate.page import extracted_ratio
from curate.config import PolicyConfig
from curate.policy.rule import Rule
from curate.signals.language import UNDETERMINED


def _too_short(row: dict[str, Any], policy: PolicyConfig) -> str | None:
    words = row["quality"]["n_words"]
    return f"{words} words < min_words {policy.min_words}" if words < policy.min_words else None


def _too_long(row: dict[str, Any], policy: PolicyConfig) -> str | None:
    words = row["quality"]["n_words"]
    return f"{words} words > max_words {policy.max_words}" if words > policy.max_words else None


def _boilerplate_ratio_high(row: dict[str, Any], policy: PolicyConfig) -> str | None:
    """On the extracted document: an HTML page's menus and footers, left out by its extractor,
    say nothing about its article (`boilerplate_ratio` counts them)."""
    ratio = extracted_ratio(row["text"], row["boilerplate"])
    if ratio > policy.max_boilerplate_ratio:
        return f"boilerplate ratio {ratio:.2f} > {policy.max_boilerplate_ratio}"
    return None


def _language_not_allowed(row: dict[str, Any], policy: PolicyConfig) -> str | None:
    if policy.languages and row["language"] not in policy.languages:
        return f"language {row['language']} not in {policy.languages}"
    return None


def _language_undetermined(row: dict[str, Any], policy: PolicyConfig) -> str | None:
    if policy.drop_undetermined_language and row["language"] == UNDETERMINED:
        return (f"language undetermined (best guess scored {row['language_score']:.2f}); "
                f"drop_undetermined_language = true")
    return None


RULES = (
    Rule("too_short", _too_short, "min_words"),
    Rule("too_long", _too_long, "max_words"),
    Rule("boilerplate_ratio_high", _boilerplate_ratio_high, "max_boilerplate_ratio"),
    Rule("language_not_allowed", _language_not_allowed, "languages"),
    Rule("language_undetermined", _language_undetermined, "drop_undetermined_language"),
)
