"""Every expectation fails on a version built with its defect, and names the offender.

Each defect damages a copy of the sample version in one way (pyarrow rewrites rows of one shard,
or the manifest is edited). Where one defect necessarily breaks a second invariant too (a ratio of
1.5 cannot agree with the spans), `also` lists what may fail with it; nothing else may.

A gate run costs seconds of Great Expectations whatever the data, so several independent defects
share one damaged copy and one run (GROUPS). Independent means: each defect damages rows no other
defect of the run touches (`take`), a manifest key none other edits, and no defect's `also` holds
another's expectation; a shard whose schema is broken is not read row by row, so its schema defect
runs with no row defect of that shard. The run must then fail exactly the group's expectations
(and what their `also` allows), each naming its own offender and no other defect's.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curate.pipeline.rebuild import rebuild
from curate.reporting.write import write_report
from curate.schema import load_schema
from curate.store import read_manifest
from curate.store.manifest import file_sha256
from curate.validation import validate_version
from curate.validation.outcome import SCHEMA_CHECK
from curate.validation.suites import load_suites
from curate.versioning.diff import diff_versions

Row = dict[str, Any]
Taken = set[tuple[str, int]]  # (shard, row position): rows a defect of this gate run already damaged
Damage = Callable[[Path, Taken], str | None]  # returns the id or detail the report must name
TRAIN = "data/train-00000-of-00001.parquet"
TEST = "data/test-00000-of-00001.parquet"
REJECTS = "rejects/rejects-00000-of-00001.parquet"


def edit_rows(folder: Path, shard: str, edit: Callable[[list[Row]], str | None],
              nullable: tuple[str, ...] = ()) -> str | None:
    """Rewrite one shard after `edit` changed its rows in place; `nullable` columns may then hold
    nulls (Parquet refuses them in a non-nullable column). Returns what `edit` returned."""
    path = folder / shard
    schema = load_schema("reject" if shard.startswith("rejects/") else "article").arrow()
    # Columns an earlier defect of the same run made nullable stay so.
    for name in {*nullable, *(f.name for f in pq.read_schema(path) if f.nullable)} & set(schema.names):
        index = schema.get_field_index(name)
        schema = schema.set(index, schema.field(index).with_nullable(True))
    rows = pq.read_table(path).to_pylist()
    named = edit(rows)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return named


def edit_manifest(folder: Path, edit: Callable[[dict[str, Any]], None]) -> None:
    manifest = read_manifest(folder)
    edit(manifest)
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")


def take(rows: list[Row], shard: str, taken: Taken, where: Callable[[Row], bool] = lambda row: True) -> Row:
    """The first row of `shard` matching `where` that no other defect of the run damaged; now taken."""
    position = next(i for i, row in enumerate(rows) if where(row) and (shard, i) not in taken)
    taken.add((shard, position))
    return rows[position]


def retext(row: Row, text: str) -> None:
    """Give `row` a new text and keep every other invariant: hash, no claims, no spans."""
    row.update(text=text, content_hash=hashlib.sha256(text.encode()).hexdigest(), claims=[], boilerplate=[],
               boilerplate_ratio=0.0, flags={kind: False for kind in row["flags"]})


def article(change: Callable[[Row], Any], where: Callable[[Row], bool] = lambda row: True,
            nullable: tuple[str, ...] = ()) -> Damage:
    """Change the first free train row matching `where`; the report must name its id."""

    def edit(rows: list[Row], taken: Taken) -> str | None:
        row = take(rows, TRAIN, taken, where)
        change(row)
        return row["id"] or row["source"]["input_uri"]

    return lambda folder, taken: edit_rows(folder, TRAIN, lambda rows: edit(rows, taken), nullable)


def reject(change: Callable[[Row], Any], status: str, nullable: tuple[str, ...] = (),
           where: Callable[[Row], bool] = lambda row: True) -> Damage:
    """Change the first free reject of `status` matching `where`; the report must name its input."""

    def edit(rows: list[Row], taken: Taken) -> str | None:
        row = take(rows, REJECTS, taken, lambda r: r["status"] == status and where(r))
        change(row)
        return row["input_uri"] or row["id"]

    return lambda folder, taken: edit_rows(folder, REJECTS, lambda rows: edit(rows, taken), nullable)


def manifest(change: Callable[[dict[str, Any]], None]) -> Damage:
    return lambda folder, _taken: edit_manifest(folder, change)


def _rename_reason(folder: Path, taken: Taken) -> str:
    """A dropped reject's reason becomes ill-formed; the manifest's by_reason follows it."""

    def edit(rows: list[Row]) -> str:
        row = take(rows, REJECTS, taken, lambda r: r["status"] == "dropped")
        old, row["reason"] = row["reason"], row["reason"].replace("_", "-").replace("policy-", "policy_")
        edit_manifest(folder, lambda m: m["accounting"]["by_reason"].__setitem__(
            row["reason"], m["accounting"]["by_reason"].pop(old)))
        return row["input_uri"]

    return edit_rows(folder, REJECTS, edit)


def _unknown_split(folder: Path, taken: Taken) -> str:
    """A train row claims split `dev`; the manifest's by_split agrees, so only the value is wrong."""

    def edit(rows: list[Row]) -> str:
        row = take(rows, TRAIN, taken)
        row["split"] = "dev"
        by_split = {"train": -1, "dev": 1}
        edit_manifest(folder, lambda m: m["accounting"]["by_split"].update(
            {k: m["accounting"]["by_split"].get(k, 0) + v for k, v in by_split.items()}))
        return row["id"]

    return edit_rows(folder, TRAIN, edit)


def _lost_document(folder: Path, taken: Taken) -> str:
    """A document lost on its way to the shards: a dropped reject removed, and every total of the
    manifest (read included) lowered to match, so only the count per input file still sees it.
    Alone on its shard in a run: removing a row moves the ones after it."""

    def edit(rows: list[Row]) -> str:
        row = take(rows, REJECTS, taken, lambda r: r["status"] == "dropped")
        rows.remove(row)

        def lower(m: dict[str, Any]) -> None:
            m["accounting"].update(read=m["accounting"]["read"] - 1, dropped=m["accounting"]["dropped"] - 1)
            by_reason = m["accounting"]["by_reason"]
            by_reason[row["reason"]] -= 1
            if not by_reason[row["reason"]]:
                del by_reason[row["reason"]]

        edit_manifest(folder, lower)
        return row["input_uri"].split("#")[0]

    return edit_rows(folder, REJECTS, edit)


def _duplicate_id(folder: Path, taken: Taken) -> str:
    test_id = pq.read_table(folder / TEST, columns=["id"]).column("id")[0].as_py()
    return edit_rows(folder, TRAIN, lambda rows: take(rows, TRAIN, taken).update(id=test_id)) or test_id


def _repeated_content(folder: Path, taken: Taken) -> str:
    def edit(rows: list[Row]) -> str:
        keep = {"id", "split", "source", "provenance"}
        original, copy = take(rows, TRAIN, taken), take(rows, TRAIN, taken)
        copy.update({k: v for k, v in original.items() if k not in keep})
        return copy["id"]

    return edit_rows(folder, TRAIN, edit)


def _cluster_of(same_split: bool) -> Damage:
    """A near-duplicate cluster written into the version: two kept articles (of one split, or of
    two) said to be near-copies of each other, the cluster's split the first one's."""

    def damage(folder: Path, taken: Taken) -> str:
        train = pq.read_table(folder / TRAIN, columns=["id", "split"]).to_pylist()
        first = [take(train, TRAIN, taken) for _ in range(2 if same_split else 1)]
        second = first[1] if same_split else pq.read_table(folder / TEST, columns=["id", "split"]).to_pylist()[0]
        rows = [{"cluster": first[0]["id"], "id": r["id"], "input_uri": "feed.jsonl", "kept": True,
                 "reference": False, "similarity": 0.9, "split": first[0]["split"]} for r in (first[0], second)]
        path = folder / "dedup" / "clusters.parquet"
        path.parent.mkdir(exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=load_schema("cluster").arrow()), path)
        edit_manifest(folder, lambda m: m.update(dedup={"enabled": True, "files": [
            {"kind": "clusters", "path": "dedup/clusters.parquet", "rows": 2, "sha256": file_sha256(path)}]}))
        return "rows in 1 clusters" if same_split else second["id"]

    return damage


def _splits(**ratios: float) -> Damage:
    """The build config recorded in the manifest promised other split ratios."""
    return manifest(lambda m: m["config"]["splits"].update(ratios))


def _drop_column(folder: Path, _taken: Taken) -> str:
    table = pq.read_table(folder / TRAIN)
    pq.write_table(table.drop_columns(["subtitle"]), folder / TRAIN)
    return f"{TRAIN}: missing columns: subtitle"


def _extra_column(folder: Path, _taken: Taken) -> str:
    table = pq.read_table(folder / REJECTS)
    pq.write_table(table.append_column("note", pa.array(["x"] * table.num_rows)), folder / REJECTS)
    return f"{REJECTS}: unexpected columns: note"


def has_claims(row: Row) -> bool:
    return bool(row["claims"])


def has_spans(row: Row) -> bool:
    return bool(row["boilerplate"])


MARKUP, FFFD, CONTROL, MOJIBAKE = " <b>Bold</b> move", " caf\ufffd", " bell\x07", " The cafÃ© was closed."


@dataclass(frozen=True)
class Defect:
    expectation: str
    damage: Damage
    also: frozenset[str] = frozenset()  # what the same defect necessarily breaks too
    config: dict[str, Any] = field(default_factory=dict)


DEFECTS = [
    Defect("article_rows.arrow_schema", _drop_column),
    Defect("rejects.arrow_schema", _extra_column),
    Defect("article_rows.id_present", article(lambda r: r.update(id=None), nullable=("id",))),
    Defect("article_rows.id_format", article(lambda r: r.update(id="NOT-AN-ID"))),
    Defect("article_rows.content_hash_matches_text", article(lambda r: r.update(content_hash="0" * 64))),
    Defect("article_rows.metadata_is_object", article(lambda r: r.update(metadata='["not", "an object"]'))),
    Defect("article_rows.claims_match_attempt", article(lambda r: r.update(claims_attempted=False),
                                                       where=lambda r: bool(r["claims"]))),
    Defect("article_rows.text_length_in_policy", article(lambda r: retext(r, "Too short to publish."))),
    Defect("article_rows.text_no_markup", article(lambda r: retext(r, r["text"] + MARKUP))),
    Defect("article_rows.text_no_replacement_char", article(lambda r: retext(r, r["text"] + FFFD))),
    Defect("article_rows.text_no_control_chars", article(lambda r: retext(r, r["text"] + CONTROL))),
    Defect("article_rows.text_no_mojibake", article(lambda r: retext(r, r["text"] + MOJIBAKE))),
    Defect("article_rows.title_no_markup", article(lambda r: r.update(title="Harbor" + MARKUP))),
    Defect("article_rows.title_no_replacement_char", article(lambda r: r.update(title="Harbor" + FFFD))),
    Defect("article_rows.title_no_control_chars", article(lambda r: r.update(title="Harbor" + CONTROL))),
    Defect("article_rows.title_no_mojibake", article(lambda r: r.update(title="Harbor" + MOJIBAKE))),
    Defect("article_rows.language_allowed",  # a French row as the build would write it, in an English-only dataset
           article(lambda r: r.update(language="fr", claims_attempted=True, claims=[])),
           config={"validation": {"languages": ["en", "es", "de"]}}),
    Defect("article_rows.claims_point_at_text",
           article(lambda r: r["claims"][0].update(cue_start=r["claims"][0]["cue_start"] + 1), has_claims)),
    Defect("article_rows.flags_match_spans",
           article(lambda r: r["flags"].update({r["boilerplate"][0]["kind"]: False}), has_spans)),
    Defect("article_rows.spans_rebuild_document",
           article(lambda r: r["boilerplate"][0].update(start=r["boilerplate"][0]["start"] + 1), has_spans)),
    Defect("article_rows.boilerplate_ratio_in_unit_range", article(lambda r: r.update(boilerplate_ratio=1.5)),
           also=frozenset({"article_rows.spans_rebuild_document"})),
    Defect("article_rows.no_residual_boilerplate",
           article(lambda r: retext(r, r["text"] + "\n\nAlready signed up? LOG IN"))),
    Defect("article_rows.split_known", _unknown_split),
    Defect("article_rows.source_name_present", article(lambda r: r["source"].update(name=None))),
    Defect("rejects.status_known", reject(lambda r: r.update(status="lost"), "rejected"),
           also=frozenset({"accounting.rejects_match_rows"})),
    Defect("rejects.reason_format", _rename_reason),
    Defect("rejects.reason_matches_stage", reject(lambda r: r.update(stage="normalize"), "dropped")),
    Defect("rejects.message_present", reject(lambda r: r.update(message=""), "rejected")),
    Defect("rejects.input_uri_present", reject(lambda r: r.update(input_uri=None), "dropped",
                                                nullable=("input_uri",)),
           also=frozenset({"accounting.inputs_match_rows"})),
    Defect("rejects.evidence_kept", reject(lambda r: r.update(row_json=None), "dropped")),
    Defect("dataset.has_articles", lambda folder, taken: "21 articles in the data shards",
           config={"validation": {"min_articles": 22}}),
    Defect("dataset.ids_unique", _duplicate_id),
    Defect("dataset.repeated_content_within_policy", _repeated_content),
    Defect("dataset.near_duplicates_in_one_split", _cluster_of(same_split=False),
           also=frozenset({"dataset.near_duplicates_within_policy"})),
    Defect("dataset.near_duplicates_within_policy", _cluster_of(same_split=True)),
    Defect("dataset.train_share", _splits(train=0.05, validation=0.05, test=0.9),
           also=frozenset({"dataset.test_share"})),
    Defect("dataset.validation_share", _splits(train=0.05, validation=0.9, test=0.05),
           also=frozenset({"dataset.train_share"})),
    Defect("dataset.test_share", _splits(train=0.05, validation=0.05, test=0.9),
           also=frozenset({"dataset.train_share"})),
    Defect("accounting.read_adds_up", manifest(lambda m: m["accounting"].update(read=m["accounting"]["read"] + 1))),
    Defect("accounting.kept_matches_rows", manifest(lambda m: m["accounting"].update(
        read=m["accounting"]["read"] + 1, kept=m["accounting"]["kept"] + 1))),
    Defect("accounting.splits_match_rows", manifest(lambda m: m["accounting"]["by_split"].update(
        train=m["accounting"]["by_split"]["train"] - 1, validation=m["accounting"]["by_split"]["validation"] + 1))),
    Defect("accounting.rejects_match_rows", manifest(lambda m: m["accounting"].update(
        dropped=m["accounting"]["dropped"] + 1, rejected=m["accounting"]["rejected"] - 1))),
    Defect("accounting.reasons_match_rows", manifest(lambda m: m["accounting"].update(
        by_reason={f"{k}_renamed": v for k, v in m["accounting"]["by_reason"].items()}))),
    Defect("accounting.inputs_match_rows", _lost_document),
]


def test_every_expectation_has_its_defect() -> None:
    keys = [f"{suite}.{e['meta']['name']}" for suite, spec in load_suites().items() for e in spec["expectations"]]
    keys += [f"{suite}.{SCHEMA_CHECK}" for suite in ("article_rows", "rejects")]
    assert sorted(d.expectation for d in DEFECTS) == sorted(keys)


def test_the_sample_passes(version, gate_config) -> None:
    store, folder = version
    result, _ = validate_version(store, "sample", folder.name, gate_config())
    assert result.passed, [(o.key, o.samples, o.errors) for o in result.failed]


# One gate run per group. The sample has one dropped reject, so each group has at most one defect
# of a dropped row; each edits at most one of the manifest's accounting keys and split ratios.
GROUPS = {
    "train schema, reject rows": ["article_rows.arrow_schema", "rejects.reason_matches_stage",
                                  "rejects.message_present", "accounting.rejects_match_rows"],
    "rejects schema, train rows": ["rejects.arrow_schema", "article_rows.id_present", "article_rows.id_format",
                                   "article_rows.content_hash_matches_text", "article_rows.text_length_in_policy",
                                   "article_rows.text_no_markup", "article_rows.split_known",
                                   "article_rows.metadata_is_object", "article_rows.claims_match_attempt"],
    "lost document": ["accounting.inputs_match_rows", "accounting.splits_match_rows",
                      "article_rows.text_no_replacement_char", "article_rows.text_no_control_chars",
                      "article_rows.title_no_markup", "article_rows.language_allowed",
                      "dataset.near_duplicates_in_one_split", "dataset.train_share"],
    "renamed reason": ["rejects.reason_format", "accounting.kept_matches_rows", "article_rows.text_no_mojibake",
                       "article_rows.title_no_replacement_char", "article_rows.claims_point_at_text",
                       "article_rows.boilerplate_ratio_in_unit_range", "dataset.near_duplicates_within_policy",
                       "dataset.validation_share"],
    "reject without input": ["rejects.input_uri_present", "accounting.read_adds_up",
                             "article_rows.title_no_control_chars", "article_rows.title_no_mojibake",
                             "article_rows.flags_match_spans", "dataset.ids_unique", "dataset.test_share",
                             "rejects.status_known"],
    "reject without evidence": ["rejects.evidence_kept", "accounting.reasons_match_rows",
                                "article_rows.spans_rebuild_document", "article_rows.no_residual_boilerplate",
                                "article_rows.source_name_present", "dataset.repeated_content_within_policy",
                                "dataset.has_articles"],
}
BY_EXPECTATION = {d.expectation: d for d in DEFECTS}


def damage_all(folder: Path, damages: list[Damage]) -> list[str | None]:
    """Apply `damages` in order to one copy, each on rows of its own; what each must be named by."""
    taken: Taken = set()
    return [damage(folder, taken) for damage in damages]


def test_each_defect_is_in_one_group_of_independent_defects() -> None:
    grouped = [key for group in GROUPS.values() for key in group]
    assert sorted(grouped) == sorted(BY_EXPECTATION)
    for name, group in GROUPS.items():
        for key in group:
            assert not BY_EXPECTATION[key].also & set(group), (name, key)


@pytest.mark.parametrize("group", GROUPS.values(), ids=GROUPS)
def test_the_gate_catches(group: list[str], version, gate_config) -> None:
    """Each defect of the group fails its own expectation, which names its offender and no other
    defect's; nothing outside the group's expectations (and what their `also` allows) fails."""
    store, folder = version
    defects = [BY_EXPECTATION[key] for key in group]
    named = damage_all(folder, [d.damage for d in defects])
    config: dict[str, dict[str, Any]] = {}
    for defect in defects:
        for section, values in defect.config.items():
            config[section] = {**config.get(section, {}), **values}
    result, _ = validate_version(store, "sample", folder.name, gate_config(**config))
    assert not result.passed
    failed = {o.key: o for o in result.failed}
    assert set(group) <= set(failed), sorted(set(group) - set(failed))
    assert set(failed) - set(group) <= frozenset().union(*(d.also for d in defects)), sorted(failed)
    for defect, name in zip(defects, named):
        outcome = failed[defect.expectation]
        assert outcome.status == "failed", (defect.expectation, outcome.errors)
        if name is not None:
            assert any(name in sample for sample in outcome.samples), (defect.expectation, name, outcome.samples)
        others = [n for d, n in zip(defects, named) if d is not defect and n and defect.expectation not in d.also]
        assert not [n for n in others if any(n in sample for sample in outcome.samples)], (
            defect.expectation, outcome.samples)


# Every way a reject can lose its evidence: `evidence_kept` fails and names the input, and nothing
# else fails. The sample's rejects: three with bytes read (bad/binary.txt, truncated records), one
# with nothing read (bad/empty.txt) and one dropped row; a run damages each of them at most once.


def has_bytes(row: Row) -> bool:
    return row["raw"] is not None


def read_nothing(row: Row) -> bool:
    return row["input_sha256"] is None


def as_prepared(**changes: Any) -> Callable[[Row], None]:
    """Make a read reject into one rejected after preparation, its prepared document changed by `changes`."""

    def change(row: Row) -> None:
        prepared = {"input_uri": row["input_uri"], "input_format": row["input_format"],
                    "input_sha256": row["input_sha256"], "document": "The normalized text.", **changes}
        row.update(raw=None, raw_size=None, row_json=json.dumps(prepared))

    return change


def rejected(change: Callable[[Row], Any], where: Callable[[Row], bool] = has_bytes) -> Damage:
    return reject(change, "rejected", where=where)


LOST_EVIDENCE = {
    "raw dropped, its sha256 kept": rejected(lambda r: r.update(raw=None)),
    "raw and sha256 dropped, the size kept": rejected(lambda r: r.update(raw=None, input_sha256=None)),
    "raw emptied": rejected(lambda r: r.update(raw=b"")),
    "raw longer than raw_size": rejected(lambda r: r.update(raw_size=len(r["raw"]) - 1)),
    "whole raw that is not the input": rejected(lambda r: r.update(raw=r["raw"][:-1] + b"?")),
    "raw cut, its size not said": rejected(lambda r: r.update(raw=r["raw"][:10], raw_size=None)),
    "bytes claimed where none were read": rejected(lambda r: r.update(raw=b"x"), read_nothing),
    "a dropped row of another document": reject(lambda r: r.update(
        row_json=json.dumps({**json.loads(r["row_json"]), "id": "0" * 32})), "dropped"),
    "a dropped row that is not JSON": reject(lambda r: r.update(row_json="{not json"), "dropped"),
    "a prepared document of another input": rejected(as_prepared(input_sha256="0" * 64)),
    "a prepared document without text": rejected(as_prepared(document="")),
    "a prepared document, no sha256 anywhere": rejected(as_prepared(input_sha256=None), read_nothing),
}
KEPT_EVIDENCE = {
    "raw cut, its size said": rejected(lambda r: r.update(raw=r["raw"][:10])),
    "a prepared document of its input": rejected(as_prepared()),
}


LOST_GROUPS = {
    "bytes missing or claimed": ["raw dropped, its sha256 kept", "raw and sha256 dropped, the size kept", "raw emptied",
                                 "bytes claimed where none were read", "a dropped row of another document"],
    "bytes that are not the input": ["raw longer than raw_size", "whole raw that is not the input",
                                     "raw cut, its size not said", "a prepared document, no sha256 anywhere",
                                     "a dropped row that is not JSON"],
    "prepared documents": ["a prepared document of another input", "a prepared document without text"],
}


def test_each_lost_evidence_is_in_one_run() -> None:
    assert sorted(key for group in LOST_GROUPS.values() for key in group) == sorted(LOST_EVIDENCE)


@pytest.mark.parametrize("group", LOST_GROUPS.values(), ids=LOST_GROUPS)
def test_lost_evidence_fails_the_gate(group: list[str], version, gate_config) -> None:
    """Each damaged reject is named by `evidence_kept`: every one of them is an offender on its own
    (the check is per row, each row damaged once), and `evidence_kept` is all that fails."""
    store, folder = version
    named = damage_all(folder, [LOST_EVIDENCE[key] for key in group])
    result, _ = validate_version(store, "sample", folder.name, gate_config())
    assert [o.key for o in result.failed] == ["rejects.evidence_kept"]
    samples = result.failed[0].samples
    assert [(key, name) for key, name in zip(group, named) if not any(name in s for s in samples)] == [], samples


def test_kept_evidence_passes_the_gate(version, gate_config) -> None:
    """Both ways of keeping the evidence, each on a reject of its own: the per-row check passes them."""
    store, folder = version
    damage_all(folder, list(KEPT_EVIDENCE.values()))
    result, _ = validate_version(store, "sample", folder.name, gate_config())
    assert result.passed, [(o.key, o.samples) for o in result.failed]


def as_reject_v1(folder: Path, edit: Callable[[list[Row]], None] = lambda rows: None) -> None:
    """Make the version one written before raw_size: its rejects shard and manifest say reject_v1."""
    v1 = load_schema("reject", 1)
    rows = pq.read_table(folder / REJECTS).drop_columns(["raw_size"]).to_pylist()
    edit(rows)
    pq.write_table(pa.Table.from_pylist(rows, schema=v1.arrow()), folder / REJECTS)
    edit_manifest(folder, lambda m: m.update(reject_schema={"name": v1.name, "fingerprint": v1.fingerprint}))


def test_a_version_written_before_raw_size_still_passes(version, gate_config) -> None:
    store, folder = version
    as_reject_v1(folder)
    result, _ = validate_version(store, "sample", folder.name, gate_config())
    assert result.passed, [(o.key, o.samples) for o in result.failed]


def test_a_reject_v1_that_lost_its_bytes_fails(version, gate_config) -> None:
    store, folder = version
    as_reject_v1(folder, lambda rows: next(r for r in rows if has_bytes(r)).update(raw=None))
    result, _ = validate_version(store, "sample", folder.name, gate_config())
    assert [o.key for o in result.failed] == ["rejects.evidence_kept"]


def test_a_reject_v2_version_needs_raw_size(version, gate_config) -> None:
    store, folder = version
    table = pq.read_table(folder / REJECTS)
    pq.write_table(table.drop_columns(["raw_size"]), folder / REJECTS)  # the manifest still says reject_v2
    result, _ = validate_version(store, "sample", folder.name, gate_config())
    assert [o.key for o in result.failed] == ["rejects.arrow_schema"]
    assert any("missing columns: raw_size" in sample for sample in result.failed[0].samples)


def test_a_reject_v1_version_reports_rebuilds_and_diffs(version, gate_config) -> None:
    """Everything that reads rejects still reads a version written before raw_size; its rebuild
    writes reject_v2 rows that pass the gate (the v1 bytes hash to their sha256, so their size is known)."""
    store, folder = version
    as_reject_v1(folder)
    config = gate_config()
    report = write_report(store, "sample", folder.name)
    assert report.summary["rejects"]
    again = rebuild("sample", folder.name, config, store=store, version="9.0.0")
    rows = pq.read_table(again.path / REJECTS).to_pylist()
    assert [r["raw_size"] for r in rows if r["status"] == "rejected" and r["raw"]] == [
        len(r["raw"]) for r in rows if r["status"] == "rejected" and r["raw"]]
    assert validate_version(store, "sample", "9.0.0", config)[0].passed
    assert not diff_versions(store, "sample", folder.name, "9.0.0").schema.changes  # article shards alike


def test_a_version_built_before_inputs_were_counted_still_passes(version, gate_config) -> None:
    """Its manifest has no per-input counts: nothing to compare them with, so the check passes and
    says why; `read = kept + dropped + rejected` still holds it to its rows."""
    store, folder = version

    def forget(manifest: dict[str, Any]) -> None:
        for entry in manifest["inputs"]:
            entry.pop("documents"), entry.pop("not_documents")

    edit_manifest(folder, forget)
    result, _ = validate_version(store, "sample", folder.name, gate_config())
    assert result.passed, [(o.key, o.samples) for o in result.failed]


def as_article_v1(folder: Path) -> None:
    """Make the version one written before record ids, metadata and `claims_attempted`: its data
    shards and manifest say article_v1."""
    v1 = load_schema("article", 1)
    for shard in read_manifest(folder)["shards"]:
        rows = pq.read_table(folder / shard["path"]).drop_columns(["metadata", "metadata_omitted", "claims_attempted"])
        rows = rows.to_pylist()
        for row in rows:
            del row["source"]["record_id"]
        pq.write_table(pa.Table.from_pylist(rows, schema=v1.arrow()), folder / shard["path"])
    edit_manifest(folder, lambda m: m.update(schema={"name": v1.name, "fingerprint": v1.fingerprint}))


def test_an_article_v1_version_still_passes_loads_and_rebuilds(version, gate_config) -> None:
    """A version written before article_v2 is checked, loaded and rebuilt by the schema it names;
    its rebuild is today's article schema, with the same ids and the new columns empty."""
    import curate

    store, folder = version
    as_article_v1(folder)
    config = gate_config()
    result, _ = validate_version(store, "sample", folder.name, config)
    assert result.passed, [(o.key, o.samples) for o in result.failed]
    loaded = curate.load("sample", folder.name, split="train", store=store.root)
    assert "metadata" not in loaded.column_names and len(loaded)
    again = rebuild("sample", folder.name, config, store=store, version="9.0.0")
    assert again.manifest["schema"]["name"] == "article_v3"
    changes = diff_versions(store, "sample", folder.name, "9.0.0")
    assert (changes.documents.added, changes.documents.removed) == (0, 0)
    assert [c.path for c in changes.schema.changes] == ["source.record_id", "metadata", "metadata_omitted",
                                                        "claims[].source_resolved", "claims_attempted"]
