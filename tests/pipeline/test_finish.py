"""The finishing pass applies whole-corpus decisions to a batch's stored rows, then completes the
rows still kept with the published stages' columns (the claims)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from curate.pipeline import stages
from curate.pipeline.batches import BatchResult, rejects_table
from curate.pipeline.checkpoints import Checkpoints
from curate.pipeline.document import PipelineContext
from curate.pipeline.finish import Decisions, Drop, finish_batch
from pipeline.test_rejects import evidence_kept


def _stored_batch(sample_build, folder: Path) -> tuple[Checkpoints, BatchResult]:
    """Four kept rows of the sample, stored as a document pass would: train rows at positions
    0, 2, 5 and a validation row at 3; a reject at 1."""
    shard = next(s for s in sample_build.manifest["shards"] if s["split"] == "train")
    rows = pq.read_table(sample_build.path / shard["path"]).slice(0, 4).select(stages.DOCUMENT_SCHEMA.names)
    train, validation = rows.slice(0, 3), rows.slice(3, 1)
    validation = validation.set_column(validation.schema.get_field_index("split"), validation.schema.field("split"),
                                       pa.array(["validation"], pa.string()))
    rejected = pq.read_table(sample_build.path / sample_build.manifest["rejects"][0]["path"]).slice(0, 1)
    result = BatchResult({"train": train, "validation": validation}, {"train": [0, 2, 5], "validation": [3]},
                         rejects_table(rejected.to_pylist()), [1])
    checkpoints = Checkpoints(folder)
    checkpoints.save("annotate", "k", "rows", result)
    return checkpoints, result


def test_no_decision_gives_the_stored_rows(sample_build, sample_config, tmp_path: Path) -> None:
    checkpoints, stored = _stored_batch(sample_build, tmp_path)
    result = finish_batch((checkpoints, "k", Decisions()), PipelineContext.create(sample_config))
    assert result.kept_positions == stored.kept_positions and result.rejects.num_rows == 1


def test_drops_and_cluster_splits(sample_build, sample_config, tmp_path: Path) -> None:
    checkpoints, stored = _stored_batch(sample_build, tmp_path)
    kept_id = stored.kept["train"].column("id")[0].as_py()
    decisions = Decisions(drops={2: Drop(kept_id, 0.91), 5: Drop("f" * 32, 0.88, reference=True)},
                          splits={3: "train"})
    result = finish_batch((checkpoints, "k", decisions), PipelineContext.create(sample_config))
    assert result.kept_positions == {"train": [0, 3]}
    assert result.kept["train"].column("split").to_pylist() == ["train", "train"]
    assert result.kept["train"].schema == stages.ARTICLE
    assert result.reject_positions == [1, 2, 5]
    near, reference = result.rejects.slice(1).to_pylist()
    assert (near["reason"], near["duplicate_of"], round(near["similarity"], 2)) == ("policy_near_duplicate", kept_id, 0.91)
    assert reference["reason"] == "policy_near_duplicate_of_reference" and reference["duplicate_of"] == "f" * 32
    assert json.loads(near["row_json"])["id"] == near["id"] and near["status"] == "dropped"


def _claims_through(monkeypatch: pytest.MonkeyPatch, change: Callable[[str, Any], Any]) -> None:
    """The claims stage gives `change(text, the claims it found)` for each text it is given."""
    find_claims = stages.claims.find_claims
    monkeypatch.setattr(stages.claims, "find_claims", lambda text, language: change(text, find_claims(text, language)))


def _shard_rows(sample_build) -> dict[str, dict[str, Any]]:
    shard = next(s for s in sample_build.manifest["shards"] if s["split"] == "train")
    return {row["id"]: row for row in pq.read_table(sample_build.path / shard["path"]).to_pylist()}


def test_only_rows_still_kept_get_claims_and_they_are_the_builds(sample_build, sample_config, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    checkpoints, stored = _stored_batch(sample_build, tmp_path)
    assert "claims" not in stored.kept["train"].column_names
    looked_at: list[str] = []
    _claims_through(monkeypatch, lambda text, found: looked_at.append(text) or found)
    kept_id = stored.kept["train"].column("id")[0].as_py()
    result = finish_batch((checkpoints, "k", Decisions(drops={2: Drop(kept_id, 0.91)})),
                          PipelineContext.create(sample_config))
    assert len(looked_at) == 3 == sum(table.num_rows for table in result.kept.values())
    whole = _shard_rows(sample_build)
    for row in result.kept["train"].to_pylist():
        assert (row["claims"], row["claims_attempted"]) == (whole[row["id"]]["claims"], whole[row["id"]]["claims_attempted"])
    dropped = json.loads(result.rejects.to_pylist()[1]["row_json"])
    assert "claims" not in dropped and "claims_attempted" not in dropped and dropped["text"]


def test_a_row_the_claims_fail_on_becomes_a_reject_and_the_batch_goes_on(sample_build, sample_config, tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    checkpoints, stored = _stored_batch(sample_build, tmp_path)
    broken_text = stored.kept["train"].column("text")[1].as_py()

    def failing(text: str, found: Any) -> Any:
        if text == broken_text:
            raise IndexError("claims bug")
        return found

    _claims_through(monkeypatch, failing)
    result = finish_batch((checkpoints, "k", Decisions()), PipelineContext.create(sample_config))
    assert result.kept_positions == {"train": [0, 5], "validation": [3]}
    assert result.reject_positions == [1, 2]
    reject = result.rejects.to_pylist()[1]
    assert (reject["status"], reject["reason"], reject["error_type"]) == ("rejected", "pipeline_unexpected_error",
                                                                        "IndexError")
    assert "claims bug" in reject["message"] and reject["id"] == stored.kept["train"].column("id")[1].as_py()
    assert broken_text[:50] in json.loads(reject["row_json"])["document"]  # the document, removed lines back in
    assert evidence_kept([reject]) == [True]


def test_claims_that_do_not_fit_the_schema_make_a_reject(sample_build, sample_config, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    checkpoints, stored = _stored_batch(sample_build, tmp_path)
    odd_text = stored.kept["validation"].column("text")[0].as_py()
    _claims_through(monkeypatch, lambda text, found: [{"content": None, "cue": 5}] if text == odd_text else found)
    result = finish_batch((checkpoints, "k", Decisions()), PipelineContext.create(sample_config))
    assert result.kept_positions == {"train": [0, 2, 5]}
    assert result.reject_positions == [1, 3]
    reject = result.rejects.to_pylist()[1]
    assert (reject["reason"], reject["stage"]) == ("write_schema_mismatch", "write")
    assert "does not fit the schema" in reject["message"] and evidence_kept([reject]) == [True]
