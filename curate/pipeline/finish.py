"""The finishing pass: decisions that need the whole corpus, applied to each batch's stored rows.

Near-duplicate clusters are known only once every document is annotated (they compare the kept
texts), so their decisions come after the document pass, batch by batch: which kept rows their
cluster drops (naming the row it keeps, and the two texts' estimated similarity), and which rows
take their cluster's split instead of their own. They are applied in the workers, where the
dropped rows' JSON is made, so the parent still only writes. Then the published stages (the
claims) complete the rows still kept (`curate.pipeline.published`), in every batch: nothing is
looked for in a document that is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from curate import policy
from curate.pipeline.batches import BatchResult, annotated_rows, rejects_table
from curate.pipeline.checkpoints import Checkpoints
from curate.pipeline.document import PipelineContext
from curate.pipeline.published import with_published
from curate.pipeline.rejects import Evidence, reject_row
from curate.timing import DEDUP, timed_as


@dataclass(frozen=True, slots=True)  # slots: one a dropped document of the batches in flight
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


def _dropped_rows(table: pa.Table, positions: list[int], drops: dict[int, Drop]) -> list[tuple[int, dict[str, Any]]]:
    """(position, reject row) of each row of `table` its cluster drops."""
    at = [index for index, position in enumerate(positions) if position in drops]
    if not at:
        return []
    out = []
    for index, article in zip(at, table.take(at).to_pylist()):
        drop = drops[positions[index]]
        reason, why = policy.near_duplicate(drop.kept_id, drop.similarity, drop.reference, drop.exact)
        out.append((positions[index], reject_row(Evidence.dropped(article), reason=reason, stage="policy",
                                                 message=f"{article['source']['input_uri']}: {why}",
                                                 duplicate_of=drop.kept_id, similarity=drop.similarity)))
    return out


def _moved(table: pa.Table, split: str) -> pa.Table:
    """`table`'s rows with their cluster's `split` instead of their own."""
    column = table.schema.get_field_index("split")
    return table.set_column(column, table.schema.field(column), pa.array([split] * table.num_rows, pa.string()))


def _merged(result: BatchResult, kept: dict[str, pa.Table], kept_positions: dict[str, list[int]],
            more: list[tuple[int, dict[str, Any]]]) -> BatchResult:
    """A batch of `kept` rows, whose rejects are `result`'s and `more` (with their positions), in input order."""
    if not more:
        return BatchResult(kept, kept_positions, result.rejects, result.reject_positions)
    rejects = sorted([*zip(result.reject_positions, result.rejects.to_pylist()), *more], key=lambda item: item[0])
    return BatchResult(kept, kept_positions, rejects_table([row for _, row in rejects]),
                       [position for position, _ in rejects])


@timed_as(DEDUP)
def _decided(result: BatchResult, decisions: Decisions) -> BatchResult:
    """`result` with its near-duplicate decisions applied: dropped rows among the rejects, moved
    rows in their cluster's split."""
    if not decisions:
        return result
    parts: dict[str, list[tuple[pa.Table, list[int]]]] = {}
    dropped: list[tuple[int, dict[str, Any]]] = []
    for split, table in result.kept.items():
        positions = result.kept_positions[split]
        dropped += _dropped_rows(table, positions, decisions.drops)
        by_target: dict[str, list[int]] = {}
        for index, position in enumerate(positions):
            if position not in decisions.drops:
                by_target.setdefault(decisions.splits.get(position, split), []).append(index)
        for target, indices in by_target.items():
            part = table.take(indices)
            parts.setdefault(target, []).append((part if target == split else _moved(part, target),
                                                 [positions[i] for i in indices]))
    kept, kept_positions = {}, {}
    for split in sorted(parts):
        tables, batch_positions = zip(*parts[split])
        merged = [position for part in batch_positions for position in part]
        order = sorted(range(len(merged)), key=merged.__getitem__)  # input order, as the document pass wrote
        kept[split] = pa.concat_tables(tables).take(order).combine_chunks()
        kept_positions[split] = [merged[i] for i in order]
    return _merged(result, kept, kept_positions, dropped)


def finish_batch(job: tuple[Checkpoints, str, Decisions], ctx: PipelineContext) -> BatchResult:
    """One batch of the finishing pass: the rows the document pass stored, decided, then the rows
    still kept made whole by the published stages."""
    checkpoints, key, decisions = job
    result = _decided(annotated_rows(checkpoints, key), decisions)
    kept, kept_positions = {}, {}
    failed: list[tuple[int, dict[str, Any]]] = []
    for split, table in result.kept.items():
        completed, positions, rejects = with_published(table, result.kept_positions[split])
        failed += rejects
        if positions:
            kept[split], kept_positions[split] = completed, positions
    return _merged(result, kept, kept_positions, failed)
