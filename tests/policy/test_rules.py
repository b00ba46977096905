"""Every rule of the policy: it drops the document written for it, with its own reason, and no
normal article in any language; its setting turns it off; the order is the documented one."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

import curate.policy
from curate.config import PolicyConfig
from curate.policy import RULES, drop_reason, gate
from curate.policy.quality import Limit
from curate.schema import load_schema
from curate.validation.checks import lines_pass_boilerplate_rules
from policy.documents import ARTICLES, GIBBERISH, JUNK, annotated

DEFAULT = PolicyConfig()
REASONS = [rule.reason for rule in RULES]


@pytest.fixture(scope="module")
def normal_rows() -> dict[str, dict[str, Any]]:
    return {name: annotated(document) for name, document in ARTICLES.items()}


@pytest.fixture(scope="module")
def junk_rows() -> dict[str, dict[str, Any]]:
    return {reason: annotated(document) for reason, document in JUNK.items()}


def _edited(row: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A row as the gate may find it: produced elsewhere, or by a stage with a bug."""
    return {**copy.deepcopy(row), **fields}


def _special_cases(normal: dict[str, Any]) -> dict[str, tuple[dict[str, Any], PolicyConfig]]:
    """Reason -> (row, policy) for the rules that need a setting, or a row no plain-text document
    makes, to fire."""
    shifted = copy.deepcopy(normal["claims"])
    shifted[0]["cue_start"] += 1
    menu = "Home\n\n" + "\n".join(["News", "Sport", "Weather", "Business", "Sign up for our newsletter", "Cookies"] * 3)
    return {
        "policy_too_short": (annotated("Brief\n\nThe council met on Tuesday."), DEFAULT),
        "policy_too_long": (normal, PolicyConfig(max_words=100)),
        "policy_boilerplate_ratio_high": (annotated(menu + "\n\nThe council met."), PolicyConfig(min_words=0)),
        "policy_language_not_allowed": (normal, PolicyConfig(languages=["fr", "de"])),
        "policy_language_undetermined": (annotated(GIBBERISH), PolicyConfig(drop_undetermined_language=True)),
        "policy_control_char_in_text": (_edited(normal, text=normal["text"] + " \x07"), DEFAULT),
        "policy_control_char_in_title": (_edited(normal, title="Bell\x07 rings"), DEFAULT),
        "policy_residual_boilerplate": (_edited(normal, text=normal["text"] + "\n\nSign up for our newsletter"),
                                        DEFAULT),
        "policy_row_inconsistent": (_edited(normal, claims=shifted), PolicyConfig(drop_inconsistent_rows=True)),
    }


def test_every_reason_has_a_document_written_for_it(normal_rows: dict[str, dict[str, Any]]) -> None:
    written = set(JUNK) | set(_special_cases(normal_rows["en-0"]))
    assert written == set(REASONS), "a new rule needs its document here"


@pytest.mark.parametrize("reason", sorted(JUNK))
def test_the_junk_written_for_a_rule_is_dropped_by_it(reason: str, junk_rows: dict[str, dict[str, Any]]) -> None:
    verdict = drop_reason(junk_rows[reason], DEFAULT)
    assert verdict is not None and verdict[0] == reason, verdict


def test_rows_no_document_can_make_are_dropped_too(normal_rows: dict[str, dict[str, Any]]) -> None:
    for reason, (row, policy) in _special_cases(normal_rows["en-0"]).items():
        verdict = drop_reason(row, policy)
        assert verdict is not None and verdict[0] == reason, (reason, verdict)


def test_normal_articles_in_any_language_pass_every_rule(normal_rows: dict[str, dict[str, Any]]) -> None:
    assert {row["language"] for row in normal_rows.values()} == {"en", "de", "zh", "ja", "th"}
    every_rule_on = DEFAULT.model_copy(update={"drop_undetermined_language": True, "drop_inconsistent_rows": True})
    for name, row in normal_rows.items():
        assert [rule.reason for rule in RULES if rule.check(row, every_rule_on) is not None] == [], name


def test_english_centric_signals_do_not_judge_other_languages(normal_rows: dict[str, dict[str, Any]]) -> None:
    """German has no stop-word list (its ratio is 0), Chinese and Japanese words are estimated
    (under 3 characters), Thai marks no sentence end: judged as English, each would be dropped."""
    expected = {"de": "policy_few_stopwords", "zh": "policy_short_words", "ja": "policy_short_words",
                "th": "policy_few_sentences"}
    for language, reason in expected.items():
        [rule] = [r for r in RULES if r.reason == reason]
        assert rule.check(normal_rows[language], DEFAULT) is None
        assert rule.check(_edited(normal_rows[language], language="en"), DEFAULT) is not None, language


def _off(policy: PolicyConfig, rule_name: str) -> PolicyConfig:
    """`policy` with the setting of one rule turned off."""
    [setting] = [r.setting for r in RULES if r.name == rule_name]
    if setting.startswith(("max_", "min_")):
        return policy.model_copy(update={setting: 10**9 if setting.startswith("max_") else 0})
    return policy.model_copy(update={setting: [] if setting == "languages" else False})


@pytest.mark.parametrize("reason", sorted(JUNK))
def test_a_rule_turned_off_lets_its_document_through(reason: str, junk_rows: dict[str, dict[str, Any]]) -> None:
    [rule] = [r for r in RULES if r.reason == reason]
    assert rule.check(junk_rows[reason], _off(DEFAULT, rule.name)) is None


def test_the_first_failing_rule_in_the_documented_order_names_the_reason(
        junk_rows: dict[str, dict[str, Any]]) -> None:
    documented = re.findall(r"`([a-z_0-9]+)`", curate.policy.__doc__.split("\n\n")[2])
    assert documented == ["duplicate_id", *(rule.name for rule in RULES)], "the docstring lists the order"
    shouting_lorem = annotated(JUNK["policy_uppercase"].upper() + "\n\nLOREM IPSUM DOLOR SIT AMET.")
    assert drop_reason(shouting_lorem, DEFAULT)[0] == "policy_lorem_ipsum"  # type: ignore[index]
    assert drop_reason(shouting_lorem, _off(DEFAULT, "lorem_ipsum"))[0] == "policy_uppercase"  # type: ignore[index]
    assert drop_reason(junk_rows["policy_uppercase"], DEFAULT, superseded_by="a.txt")[0] == "policy_duplicate_id"  # type: ignore[index]


def test_every_rule_has_a_described_setting_and_thresholds_read_signals_of_the_schema() -> None:
    signals = {path.removeprefix("quality.") for path, _, _ in load_schema("article").field_table()}
    for rule in RULES:
        described = PolicyConfig.model_fields[rule.setting].description or ""
        assert rule.reason in described, f"{rule.setting} must say it drops as {rule.reason}"
        if isinstance(rule.check, Limit):
            assert rule.check.signal in signals and rule.check.setting == rule.setting, rule
            assert rule.setting.startswith(("max_", "min_")), rule


def test_messages_name_the_value_and_the_setting(junk_rows: dict[str, dict[str, Any]]) -> None:
    assert drop_reason(junk_rows["policy_top_2gram"], DEFAULT) == (
        "policy_top_2gram",
        f"top_2gram_ratio {junk_rows['policy_top_2gram']['quality']['top_2gram_ratio']:.3g} > max_top_2gram_ratio 0.2")
    _, why = drop_reason(junk_rows["policy_markup_in_text"], DEFAULT)  # type: ignore[misc]
    assert "<a href=" in why and "article_rows.text_no_markup" in why


def test_the_gate_rules_ask_the_gates_own_questions(monkeypatch: pytest.MonkeyPatch,
                                                    normal_rows: dict[str, dict[str, Any]]) -> None:
    """The markup rule reads the gate's regex from expectations/article_rows.json (no copy): the
    gate's own cases hold for it, and editing the suite changes the policy."""
    from curate.validation import suites

    bracketed = _edited(normal_rows["en-0"], text=normal_rows["en-0"]["text"] + "\n\nShe starred in <The Palace>.")
    assert drop_reason(bracketed, DEFAULT) is None, "brackets around a title are no tag, for the gate either"
    edited = copy.deepcopy(suites.load_suites())
    [markup] = [e for e in edited["article_rows"]["expectations"] if e["meta"]["name"] == "text_no_markup"]
    markup["kwargs"]["regex"] = "Palace"
    monkeypatch.setattr(gate, "load_suites", lambda: edited)
    gate.gate_pattern.cache_clear()
    try:
        assert drop_reason(bracketed, DEFAULT)[0] == "policy_markup_in_text"  # type: ignore[index]
    finally:
        gate.gate_pattern.cache_clear()
    residual = _special_cases(normal_rows["en-0"])["policy_residual_boilerplate"][0]
    assert not lines_pass_boilerplate_rules(residual["text"], residual["language"]), "what the gate would reject"
