"""croissant.json: valid Croissant 1.0 that mlcroissant reads back into the same records."""

from __future__ import annotations

import itertools
import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from curate.publishing.release import stage_release
from curate.store import load_manifest


def test_mlcroissant_reads_the_published_records(validated_sample: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    mlc = pytest.importorskip("mlcroissant")
    manifest = load_manifest(validated_sample)
    release = stage_release(validated_sample, manifest, [], "org/sample", "hf://datasets/org/sample", tmp_path / "r")
    repo = tmp_path / "repo"  # the release as the repository holds it
    for path, source in release.files.items():
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, repo / path)
    document = json.loads((repo / "croissant.json").read_text(encoding="utf-8"))
    assert document["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert {d["sha256"] for d in document["distribution"] if "sha256" in d} == set(release.shards.values())
    monkeypatch.chdir(repo)  # contentUrl and includes are relative to the dataset
    dataset = mlc.Dataset(jsonld=os.fspath(repo / "croissant.json"))
    records = list(itertools.islice(dataset.records(record_set="articles"), 50))
    expected = [row for shard in sorted(release.shards) for row in pq.read_table(repo / shard).to_pylist()]
    assert sorted(r["articles/id"].decode() for r in records) == sorted(row["id"] for row in expected)
    first = next(r for r in records if r["articles/id"].decode() == expected[0]["id"])
    assert first["articles/source"]["articles/source/name"].decode() == expected[0]["source"]["name"]
    assert first["articles/text"].decode() == expected[0]["text"]
