"""The finishing pass: decisions that need the whole corpus, applied to each batch's stored rows.

Near-duplicate clusters are known only once every document is annotated (they compare the kept
texts), so their decisions come after the document pass, batch by batch: which kept rows their
cluster drops (naming the row it keeps, and the two texts' estimated similarity), and which rows
take their cluster's split instead of their own. They are applied in the workers, where the
dropped rows' JSON is made, so the parent still only writes; a batch with no decision comes back
as the document pass stored it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from curate import policy
from curate.pipeline.batches import BatchResult, annotated_rows, rejects_table
from curate.pipeline.checkpoints import Checkpoints
from curate.pipeline.document import PipelineContext
from curate.pipeline.rejects import Evidence, reject_row


@dataclass(frozen=True)
class Drop:
    """A kept row its near-duplicate cluster drops for `kept_id` (in this build, or in the
    reference dataset when `reference`); `exact` when its text is the kept one's."""

    kept_id: str
    similarity: float
    reference: bool = False
    exact: bool = False


@dataclass
class Decisions:
    """One batch's decisions, by position of the document in the batch."""

    drops: dict[int, Drop] = field(default_factory=dict)
    splits: dict[int, str] = field(default_factory=dict)  # where the cluster's split is not the row's own

    def __bool__(self) -> bool:
        return bool(self.drops or self.splits)


def _rows_in_order(result: BatchResult) -> list[tuple[int, str, pa.Table, int]]:
    """(position, split, table, row index) of every kept row, in input order."""
    return sorted((position, split, table, index) for split, table in result.kept.items()
                  for index, position in enumerate(result.kept_positions[split]))


def finish_batch(job: tuple[Checkpoints, str, Decisions], ctx: PipelineContext) -> BatchResult:
    checkpoints, key, decisions = job
    result = annotated_rows(checkpoints, key)
    if not decisions:
        return result
    kept: dict[str, tuple[list[pa.Table], list[int]]] = {}
    dropped: list[tuple[int, dict[str, Any]]] = []
    for position, split, table, index in _rows_in_order(result):
        row = table.slice(index, 1)
        if (drop := decisions.drops.get(position)) is not None:
            article = row.to_pylist()[0]
            reason, why = policy.near_duplicate(drop.kept_id, drop.similarity, drop.reference, drop.exact)
            dropped.append((position, reject_row(Evidence.dropped(article), reason=reason, stage="policy",
                                                 message=f"{article['source']['input_uri']}: {why}",
                                                 duplicate_of=drop.kept_id, similarity=drop.similarity)))
            continue
        target = decisions.splits.get(position, split)
        if target != split:
            column = row.schema.get_field_index("split")
            row = row.set_column(column, row.schema.field(column), pa.array([target], pa.string()))
        tables, positions = kept.setdefault(target, ([], []))
        tables.append(row)
        positions.append(position)
    rejects = sorted([*zip(result.reject_positions, result.rejects.to_pylist()), *dropped], key=lambda item: item[0])
    return BatchResult({split: pa.concat_tables(tables).combine_chunks() for split, (tables, _) in sorted(kept.items())},
                       {split: positions for split, (_, positions) in sorted(kept.items())},
                       rejects_table([row for _, row in rejects]), [position for position, _ in rejects])
