"""Which documents two versions share, by `id`, and whether their text or split changed.

Only the `id`, `content_hash` and `split` columns are read, batch by batch, into one narrow Arrow
table per version; a hash join does the set arithmetic, so a version never has to fit in memory
as rows. An id is stable across versions (it hashes the source identity, not the text), so the
same id with another `content_hash` is a corrected article, not a new one.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from curate.versioning.refs import VersionRef

KEYS = ["id", "content_hash", "split"]
EXAMPLES = 5


@dataclass(frozen=True)
class DocumentChanges:
    """Counts of documents by what happened to them, with up to `EXAMPLES` ids each (sorted).

    `moved` counts kept documents whose `split` differs: it should stay 0 (splits hash the id),
    unless the split salt or ratios changed between the two versions.
    """

    added: int
    removed: int
    changed: int
    unchanged: int
    moved: int
    examples: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _keys(ref: VersionRef) -> pa.Table:
    schema = pa.schema([(name, pa.string()) for name in KEYS])
    batches = [batch.select(KEYS).cast(schema) for batch in ref.batches(KEYS)]
    return pa.Table.from_batches(batches, schema=schema)


def _sample(ids: pa.ChunkedArray) -> list[str]:
    """The smallest few ids: a stable sample, whatever order the join produced."""
    if len(ids) == 0:
        return []
    return sorted(ids.take(pc.bottom_k_unstable(ids, k=min(EXAMPLES, len(ids)))).to_pylist())


def compare_documents(old: VersionRef, new: VersionRef) -> DocumentChanges:
    """Added, removed, changed (same id, other content_hash), unchanged and moved documents."""
    joined = _keys(old).join(_keys(new), keys="id", join_type="full outer",
                             left_suffix="_old", right_suffix="_new", coalesce_keys=True)
    in_old = pc.is_valid(joined["content_hash_old"])
    in_new = pc.is_valid(joined["content_hash_new"])
    both = pc.and_(in_old, in_new)
    same_text = pc.fill_null(pc.equal(joined["content_hash_old"], joined["content_hash_new"]), False)
    same_split = pc.fill_null(pc.equal(joined["split_old"], joined["split_new"]), False)
    masks = {
        "added": pc.invert(in_old),
        "removed": pc.invert(in_new),
        "changed": pc.and_(both, pc.invert(same_text)),
        "unchanged": pc.and_(both, same_text),
        "moved": pc.and_(both, pc.invert(same_split)),
    }
    counts = {kind: int(pc.sum(mask).as_py() or 0) for kind, mask in masks.items()}
    examples = {kind: _sample(joined["id"].filter(mask)) for kind, mask in masks.items()
                if kind != "unchanged" and counts[kind]}
    return DocumentChanges(**counts, examples=examples)
