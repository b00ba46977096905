"""The finishing pass applies whole-corpus decisions to a batch's stored rows."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from curate.pipeline.batches import BatchResult, rejects_table
from curate.pipeline.checkpoints import Checkpoints
from curate.pipeline.document import PipelineContext
from curate.pipeline.finish import Decisions, Drop, finish_batch


def _stored_batch(sample_build, folder: Path) -> tuple[Checkpoints, BatchResult]:
    """Four kept rows of the sample, stored as a document pass would: train rows at positions
    0, 2, 5 and a validation row at 3; a reject at 1."""
    shard = next(s for s in sample_build.manifest["shards"] if s["split"] == "train")
    rows = pq.read_table(sample_build.path / shard["path"]).slice(0, 4)
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
    assert result.kept["train"].schema == stored.kept["train"].schema
    assert result.reject_positions == [1, 2, 5]
    near, reference = result.rejects.slice(1).to_pylist()
    assert (near["reason"], near["duplicate_of"], round(near["similarity"], 2)) == ("policy_near_duplicate", kept_id, 0.91)
    assert reference["reason"] == "policy_near_duplicate_of_reference" and reference["duplicate_of"] == "f" * 32
    assert json.loads(near["row_json"])["id"] == near["id"] and near["status"] == "dropped"
