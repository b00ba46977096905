"""Dataset-level tables: repeats across chunks, split bounds, accounting differences."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from curate.config import SplitsConfig, ValidationConfig
from curate.validation.dataset import DatasetTally, accounting_frame
from curate.validation.parameters import ANY_LANGUAGE, language_pattern, split_share_bounds


def _frame(ids: list[str], hashes: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"id": ids, "content_hash": hashes})


def test_repeats_are_found_within_and_across_chunks() -> None:
    tally = DatasetTally()
    tally.add(_frame(["a", "b", "a"], ["h1", "h2", "h3"]))
    tally.add(_frame(["c", "b"], ["h1", "h4"]))
    frame, samples = tally.frame(Counter(train=5))
    row = frame.iloc[0]
    assert row["duplicate_id_rows"] == 2 and samples["duplicate_id_rows"] == ["a", "b"]
    assert row["repeated_content_share"] == 1 / 5 and samples["repeated_content_share"] == ["c"]
    assert row["train_share"] == 1.0 and row["test_share"] == 0.0


def test_split_bounds_follow_sampling_noise() -> None:
    gate = ValidationConfig()
    small, large = split_share_bounds(SplitsConfig(), 20, gate), split_share_bounds(SplitsConfig(), 100_000, gate)
    assert small["test_share_min"] == 0.0 and small["test_share_max"] > 0.2
    assert 0.03 < large["test_share_min"] < 0.05 < large["test_share_max"] < 0.07


def test_language_pattern() -> None:
    assert language_pattern([]) == ANY_LANGUAGE
    assert language_pattern(["en", "pt-BR"]) == r"^(?:en|pt\-BR)$"


def test_accounting_differences_name_what_is_off() -> None:
    accounting = {"read": 10, "kept": 7, "dropped": 1, "rejected": 2, "by_split": {"train": 6, "test": 1},
                  "by_reason": {"policy_too_short": 1, "read_empty_file": 2}}
    inputs = [{"uri": "a.jsonl", "documents": 8}, {"uri": "b.txt", "documents": 1}, {"uri": "saved", "documents": 1}]
    counts = {"split": Counter(train=6, test=1), "status": Counter(dropped=1, rejected=2),
              "reason": Counter(policy_too_short=1, read_empty_file=2),
              "input": Counter({"a.jsonl": 8, "b.txt": 1, "saved/train": 1})}
    frame, samples = accounting_frame(accounting, inputs, counts)
    assert frame.iloc[0].tolist() == [0, 0, 0, 0, 0, 0]
    frame, samples = accounting_frame({**accounting, "read": 11}, inputs, {
        "split": Counter(train=5, test=1), "status": Counter(dropped=3), "reason": Counter(policy_too_short=3),
        "input": Counter({"a.jsonl": 7, "b.txt": 1, "saved/train": 1, "elsewhere/c.txt": 1})})
    row = frame.iloc[0]
    assert row["read_balance"] == 1 and row["kept_vs_rows"] == 1 and row["splits_vs_rows"] == 1
    assert row["rejects_vs_rows"] == 4 and row["reasons_vs_rows"] == 4
    assert samples["splits_vs_rows"] == ["split train: manifest 6, rows 5"]
    assert row["inputs_vs_rows"] == 2
    assert samples["inputs_vs_rows"] == ["input a.jsonl: manifest 8, rows 7",
                                         "input elsewhere/c.txt (not an input of the manifest): manifest 0, rows 1"]
