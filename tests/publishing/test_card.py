"""The dataset card: metadata the Hub parses, and a body derived from schema, config and version."""

from __future__ import annotations

import copy
from pathlib import Path

import datasets
import pytest
from huggingface_hub import DatasetCard

from curate.publishing.card import card_metadata, render_card, size_category
from curate.publishing.contents import count_contents
from curate.schema import load_schema
from curate.store import read_manifest


@pytest.fixture
def manifest(validated_sample: Path) -> dict:
    return copy.deepcopy(read_manifest(validated_sample))


def _card(folder: Path, manifest: dict, changes: list[str] | None = None) -> str:
    return render_card(manifest, count_contents(folder, manifest), changes or [], "org/sample", local=False)


@pytest.mark.parametrize(("rows", "category"), [(0, "n<1K"), (999, "n<1K"), (1_000, "1K<n<10K"),
                                                (250_000, "100K<n<1M"), (10**9, "n>100M")])
def test_size_categories(rows: int, category: str) -> None:
    assert size_category(rows) == category


def test_metadata_parses_and_matches_the_data(validated_sample: Path, manifest: dict, tmp_path: Path) -> None:
    manifest["config"]["card"] = {"pretty_name": "Sample News", "license": "cc-by-4.0"}
    (tmp_path / "README.md").write_text(_card(validated_sample, manifest), encoding="utf-8")
    card = DatasetCard.load(tmp_path / "README.md")
    assert card.data.pretty_name == "Sample News" and card.data.license == "cc-by-4.0"
    assert card.data.language == ["en", "es", "de"]  # every language of >= 1% of the kept articles
    assert card.data.size_categories == ["n<1K"]
    assert card.data.configs == [{"config_name": "default", "data_files": [
        {"split": s, "path": f"data/{s}-*"} for s in ("train", "validation", "test")]}]
    info = datasets.DatasetInfo._from_yaml_dict(card.data.dataset_info)
    assert info.features == load_schema("article").features()
    assert sum(split.num_examples for split in info.splits.values()) == manifest["accounting"]["kept"]


def test_body_has_every_section_and_every_field(validated_sample: Path, manifest: dict) -> None:
    text = _card(validated_sample, manifest)
    for heading in ("## Contents", "### Sources", "## Fields", "## How it was curated", "## Quality gate",
                    "## Accounting", "## Changes", "## Limitations", "## How to load"):
        assert f"\n{heading}" in text, heading
    for path, _, _ in load_schema("article").field_table():
        assert f"| `{path}` |" in text
    acc = manifest["accounting"]
    assert f"| {acc['read']} | {acc['kept']} | {acc['dropped']} | {acc['rejected']} |" in text
    assert "| Harbor Gazette | 4 |" in text
    assert "**passed**" in text and "No waivers." in text
    assert "load_dataset('org/sample', revision='v" in text


def test_waivers_and_failures_are_shown(validated_sample: Path, manifest: dict) -> None:
    manifest["validation"]["waivers"] = [{"expectation": "dataset.split_shares", "reason": "tiny sample",
                                          "applied": True}]
    text = _card(validated_sample, manifest)
    assert "| dataset.split_shares | tiny sample | yes |" in text
    manifest["validation"] = None
    assert "This version was not validated." in _card(validated_sample, manifest)


def test_changelog_against_the_parent(validated_sample: Path, manifest: dict) -> None:
    manifest["parent"] = "0.9.0"
    text = _card(validated_sample, manifest, ["kept: 20 -> 21 (+1)"])
    assert "## Changes since 0.9.0\n\n- kept: 20 -> 21 (+1)" in text


def test_config_limitations_are_added(validated_sample: Path, manifest: dict) -> None:
    manifest["config"]["card"] = {"limitations": ["Only one week of news."]}
    assert "- Only one week of news." in _card(validated_sample, manifest)


def test_metadata_defaults_for_versions_built_before_the_card_section(validated_sample: Path, manifest: dict) -> None:
    manifest["config"].pop("card", None)
    meta = card_metadata(manifest, count_contents(validated_sample, manifest))
    assert meta["pretty_name"] == "sample" and meta["license"] == "other"
