"""The dataset card: metadata the Hub parses, and a body derived from schema, config and version."""

from __future__ import annotations

import copy
import functools
import re
from collections import Counter
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml
from huggingface_hub import DatasetCard, DatasetCardData
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curate.claims import LANGUAGES as CLAIM_LANGUAGES
from curate.publishing.card import card_metadata, claim_languages, render_card, size_category
from curate.publishing.contents import Contents, count_contents
from curate.publishing.markdown import one_line
from curate.schema import load_schema
from curate.store import Manifest, load_manifest, read_manifest
from publishing.rendered import render


@pytest.fixture
def manifest(validated_sample: Path) -> dict:
    return copy.deepcopy(read_manifest(validated_sample))


def _typed(manifest: dict) -> Manifest:
    """The test's edited manifest as the card code reads it."""
    return Manifest.parse(manifest, "the test's manifest")


def _card(folder: Path, manifest: dict, changes: list[str] | None = None) -> str:
    return _card_with(manifest, count_contents(folder, _typed(manifest)), changes)


def _card_with(manifest: dict, contents: Contents, changes: list[str] | None = None) -> str:
    return render_card(_typed(manifest), contents, changes or [], "org/sample", local=False)


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
    assert "| `dataset.split_shares` | tiny sample | yes |" in text
    manifest["validation"] = None
    assert "This version was not validated." in _card(validated_sample, manifest)


def test_changelog_against_the_parent(validated_sample: Path, manifest: dict) -> None:
    manifest["parent"] = "0.9.0"
    text = _card(validated_sample, manifest, ["kept: 20 -> 21 (+1)"])
    assert "## Changes since 0.9.0\n\n- kept: 20 -&gt; 21 (+1)" in text  # text, never markup


def test_config_limitations_are_added(validated_sample: Path, manifest: dict) -> None:
    manifest["config"]["card"] = {"limitations": ["Only one week of news."]}
    assert "- Only one week of news." in _card(validated_sample, manifest)


def test_metadata_defaults_for_versions_built_before_the_card_section(validated_sample: Path, manifest: dict) -> None:
    manifest["config"].pop("card", None)
    meta = card_metadata(_typed(manifest), count_contents(validated_sample, _typed(manifest)))
    assert meta["pretty_name"] == "sample" and meta["license"] == "other"


HOSTILE = "<img src=x onerror=alert(1)> | [x](javascript:alert(1)) `tick` *b* _i_ ~~s~~\n---\n# h &amp;"


def _with_values(manifest: dict, contents: Contents, value: str) -> tuple[dict, Contents]:
    """`value` in every place the card shows something from the data or the config."""
    manifest, contents = copy.deepcopy(manifest), copy.deepcopy(contents)
    contents.publishers[value] = 3
    contents.languages[value] = 2
    manifest["inputs"].append({"uri": f"txt/{value}.txt", "reader": value, "bytes": 5, "sha256": "0" * 64})
    manifest["accounting"]["by_reason"][f"read_{value}"] = 1
    manifest["validation"]["waivers"] = [{"expectation": value, "reason": value, "applied": True}]
    manifest["config"]["card"] = {"pretty_name": value, "description": f"{value}\n\n{value}", "limitations": [value],
                                  "task_categories": [value]}
    manifest["parent"] = "0.9.0"
    return manifest, contents


def _pipes(line: str) -> int:
    """The unescaped `|` of a table line: its cell delimiters."""
    count, escaped = 0, False
    for char in line:
        count += char == "|" and not escaped
        escaped = char == "\\" and not escaped
    return count


def test_hostile_values_are_escaped_everywhere(validated_sample: Path, manifest: dict, tmp_path: Path) -> None:
    contents = count_contents(validated_sample, _typed(manifest))
    pages = {}
    for name, value in (("benign", "plain words"), ("hostile", HOSTILE)):
        shown_manifest, shown_contents = _with_values(manifest, contents, value)
        pages[name] = _card_with(shown_manifest, shown_contents, [value])
    page = pages["hostile"]
    front, body = page.split("\n---\n\n", 1)
    assert yaml.safe_load(front.removeprefix("---\n"))["pretty_name"] == one_line(HOSTILE)
    (tmp_path / "README.md").write_text(page, encoding="utf-8")
    card = DatasetCard.load(tmp_path / "README.md")
    assert card.data.pretty_name == one_line(HOSTILE) and card.data.task_categories == [one_line(HOSTILE)]
    assert card.data.language == ["en", "es", "de"]  # a value that is no language tag stays out of the metadata
    benign_body = pages["benign"].split("\n---\n\n", 1)[1]
    assert body.count("<") == benign_body.count("<")  # not one raw `<` from the values
    assert "<img" not in body and "<script" not in body  # the YAML holds values as YAML strings
    header = ""
    for line in body.splitlines():  # every table row has its header's columns
        header = (header or line) if line.startswith("|") else ""
        assert not header or _pipes(line) == _pipes(header), line
    tags = Counter(tag for tag, _ in render(body).tags)
    benign_tags = Counter(tag for tag, _ in render(benign_body).tags)
    assert tags - Counter({"code": tags["code"]}) == benign_tags - Counter({"code": benign_tags["code"]})
    rows = render(body).rows
    assert [one_line(HOSTILE), "3"] in rows and [one_line(HOSTILE), "2"] in rows  # publisher, language
    assert [f"txt/{one_line(HOSTILE)}.txt", one_line(HOSTILE), "5", "0" * 16] in rows


@functools.cache
def _sample_contents(folder: Path) -> Contents:
    return count_contents(folder, load_manifest(folder))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(), tasks=st.lists(st.text(), max_size=3), languages=st.lists(st.text(max_size=12), max_size=4),
       license_name=st.text(min_size=1), license_link=st.text(min_size=1))
def test_the_yaml_header_stays_valid_whatever_the_values(validated_sample: Path, tmp_path_factory: pytest.TempPathFactory,
                                                         name: str, tasks: list[str], languages: list[str],
                                                         license_name: str, license_link: str) -> None:
    manifest = read_manifest(validated_sample)
    manifest["config"]["card"] = {"pretty_name": name or "x", "task_categories": tasks,
                                  "license_name": license_name, "license_link": license_link}
    contents = copy.deepcopy(_sample_contents(validated_sample))
    contents.languages.update({lang: 10**6 for lang in languages})
    page = _card_with(manifest, contents)
    front = yaml.safe_load(page.split("\n---\n\n", 1)[0].removeprefix("---\n"))
    assert front["pretty_name"] == one_line(name or "x") and front["task_categories"] == [one_line(t) for t in tasks]
    path = tmp_path_factory.mktemp("card") / "README.md"
    path.write_text(page, encoding="utf-8")
    card = DatasetCard.load(path)
    assert card.data.pretty_name == front["pretty_name"]
    assert front["license_name"] == (one_line(license_name) or "publishers-copyright")  # a blank one is the default
    assert card.data.license_link == front.get("license_link")
    assert all(re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*", lang) for lang in card.data.language)


def test_license_other_comes_with_a_name_and_a_link(validated_sample: Path, manifest: dict, tmp_path: Path) -> None:
    """curate's default for scraped news: `other`, the publishers' copyright, explained in the card."""
    manifest["config"]["card"] = {}
    page = _card(validated_sample, manifest)
    (tmp_path / "README.md").write_text(page, encoding="utf-8")
    data = DatasetCard.load(tmp_path / "README.md").data
    assert (data.license, data.license_name, data.license_link) == ("other", "publishers-copyright",
                                                                     "README.md#license")
    assert "\n## License\n" in page and "belongs to their publishers" in page  # where the link points
    rebuilt = DatasetCardData(**data.to_dict())  # the metadata passes huggingface_hub's own model
    assert rebuilt.license_name == "publishers-copyright" and rebuilt.to_dict() == data.to_dict()


def test_a_named_license_needs_no_name_and_keeps_a_given_one(validated_sample: Path, manifest: dict) -> None:
    contents = count_contents(validated_sample, _typed(manifest))
    manifest["config"]["card"] = {"license": "cc-by-4.0"}
    meta = card_metadata(_typed(manifest), contents)
    assert meta["license"] == "cc-by-4.0" and "license_name" not in meta and "license_link" not in meta
    manifest["config"]["card"] = {"license": "other", "license_name": "acme-news-terms-2", "license_link": "LICENSE.md"}
    meta = card_metadata(_typed(manifest), contents)
    assert (meta["license_name"], meta["license_link"]) == ("acme-news-terms-2", "LICENSE.md")
    assert "belongs to their publishers" not in _card_with(manifest, contents)  # their terms, not curate's default


YAML_BREAKING = "x\n---\nlicense: mit\n: - [a, {b: c}] # 'q' \"d\" & *e !f %g @h `i` |j >k"


@pytest.mark.parametrize("value", [HOSTILE, YAML_BREAKING, "<script>alert(1)</script>](javascript:alert(1))"])
def test_hostile_license_name_and_link_stay_text(validated_sample: Path, manifest: dict, tmp_path: Path,
                                                 value: str) -> None:
    contents = count_contents(validated_sample, _typed(manifest))
    manifest["config"]["card"] = {"license": "other", "license_name": "plain-name", "license_link": "LICENSE.md"}
    benign = _card_with(manifest, contents).split("\n---\n\n", 1)[1]
    manifest["config"]["card"] = {"license": "other", "license_name": value, "license_link": value}
    page = _card_with(manifest, contents)
    front, body = page.split("\n---\n\n", 1)
    meta = yaml.safe_load(front.removeprefix("---\n"))
    assert meta["license"] == "other" and meta["license_name"] == meta["license_link"] == one_line(value)
    (tmp_path / "README.md").write_text(page, encoding="utf-8")
    data = DatasetCard.load(tmp_path / "README.md").data
    assert data.license_name == one_line(value) and data.license == "other" and data.language == ["en", "es", "de"]
    assert body.count("<") == benign.count("<")  # not one raw `<` from the values
    tags = Counter(tag for tag, _ in render(body).tags)
    benign_tags = Counter(tag for tag, _ in render(benign).tags)
    assert tags - Counter({"code": tags["code"]}) == benign_tags - Counter({"code": benign_tags["code"]})  # no link, no script
    assert [one_line(value)] in [row[1:] for row in render(body).rows if row[:1] == ["license_name"]]


def test_the_card_says_which_languages_claims_are_extracted_for(validated_sample: Path, manifest: dict) -> None:
    contents = count_contents(validated_sample, _typed(manifest))
    rows = pa.concat_tables([pq.read_table(validated_sample / s["path"], columns=["language", "claims",
                                                                                   "claims_attempted"])
                             for s in manifest["shards"] if s["rows"]]).to_pylist()
    skipped = [row for row in rows if not row["claims_attempted"]]
    assert all(row["language"] not in CLAIM_LANGUAGES and row["claims"] == [] for row in skipped)
    assert all(row["claims_attempted"] == (row["language"] in CLAIM_LANGUAGES) for row in rows)
    assert any(row["claims_attempted"] and row["language"] != "en" for row in rows)  # the German and Spanish samples
    assert contents.claims_not_attempted == len(skipped)
    page = _card_with(manifest, contents)
    assert f"Claims are extracted for {claim_languages()} only: the {len(skipped)} articles in other languages" in page
    assert claim_languages() == "`en`, `fr`, `de`, `es`"
    some_skipped = copy.deepcopy(contents)
    some_skipped.claims_not_attempted = 3  # e.g. Italian articles
    assert "only: the 3 articles in other languages" in _card_with(manifest, some_skipped)
    older = copy.deepcopy(contents)
    older.claims_not_attempted = None  # shards written before the field
    assert "predates `claims_attempted`" in _card_with(manifest, older)
