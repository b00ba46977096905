"""Article rows cast to the schema in the worker, before any writer sees them.

A row that does not fit becomes a `write_schema_mismatch` reject instead of reaching the shard
writer in the parent, where it would end the build. `pa.Table.from_pylist` checks every value's
type but not nullability: a null in a field the schema declares non-nullable passes it and fails
only in the Parquet writer, so that is checked here too, down to struct children and list items.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from curate.pipeline.prepare import Prepared
from curate.pipeline.rejects import Evidence, reject_row
from curate.pipeline.stages import DOCUMENT_SCHEMA
from curate.timing import ROWS, timed_as

CAST_ERRORS = (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError)


def _nulls(array: pa.Array, field: pa.Field, path: str, rows: np.ndarray, found: dict[int, str]) -> None:
    """Note in `found` (row -> field path) the rows where `field`, or a required field inside it,
    is null; element i of `array` belongs to table row `rows[i]`."""
    if array.null_count:
        valid = array.is_valid().to_numpy(zero_copy_only=False)
        if not field.nullable:
            for i in np.flatnonzero(~valid):
                found.setdefault(int(rows[i]), path)
    else:
        valid = np.ones(len(array), dtype=bool)
    kind = field.type
    if pa.types.is_struct(kind):
        present = pa.array(valid)  # a null struct's children say nothing
        for index in range(kind.num_fields):
            child = kind.field(index)
            _nulls(array.field(index).filter(present), child, f"{path}.{child.name}", rows[valid], found)
    elif pa.types.is_list(kind) or pa.types.is_large_list(kind):
        parents = pc.list_parent_indices(array).to_numpy(zero_copy_only=False)
        _nulls(pc.list_flatten(array), kind.value_field, f"{path}[]", rows[parents], found)


def missing_required(table: pa.Table) -> dict[int, str]:
    """Rows holding a null where the table's schema forbids one: row index -> the field's path."""
    found: dict[int, str] = {}
    rows = np.arange(table.num_rows)
    for field, column in zip(table.schema, table.columns):
        _nulls(column.combine_chunks(), field, field.name, rows, found)
    return found


def misfit(row: dict[str, Any], schema: pa.Schema) -> str | None:
    """Why `row` does not fit `schema`, or None."""
    try:
        missing = missing_required(pa.Table.from_pylist([row], schema=schema))
    except CAST_ERRORS as exc:
        return f"{type(exc).__name__}: {exc}"
    return f"{missing[0]} is null, which the schema does not allow" if missing else None


@timed_as(ROWS)
def fit_rows(rows: list[dict[str, Any]], docs: list[Prepared], positions: list[int],
             rejects: list[tuple[int, dict[str, Any]]]) -> pa.Table:
    """`rows` as a table of the article schema without its published columns (the document pass's
    rows, `curate.pipeline.stages`); a row that does not fit goes to `rejects` instead
    (with its document's position, which leaves `positions`)."""
    schema = DOCUMENT_SCHEMA
    try:
        table = pa.Table.from_pylist(rows, schema=schema)
        if not missing_required(table):
            return table
    except CAST_ERRORS:
        pass
    good, kept_positions = [], []
    for row, doc, position in zip(rows, docs, positions):
        problem = misfit(row, schema)
        if problem is None:
            good.append(row)
            kept_positions.append(position)
            continue
        doc_id = row.get("id") if isinstance(row.get("id"), str) else None
        rejects.append((position, reject_row(
            Evidence.prepared(doc, doc_id), reason="write_schema_mismatch", stage="write", error_type="SchemaMismatch",
            message=f"{doc.input_uri}: row does not fit the schema: {problem}")))
    positions[:] = kept_positions
    return pa.Table.from_pylist(good, schema=schema)
