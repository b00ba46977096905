"""The published stages (`curate.pipeline.stages`: the claims) over a batch's kept rows, in the
finishing pass, once no decision can drop them any more.

Like the document pass, a row a stage fails on, or whose new columns do not fit the schema,
becomes a reject of its own (its evidence: the prepared document the row gives back) and the
batch goes on.
"""

from __future__ import annotations

from typing import Any

import pyarrow as pa

from curate.pipeline.fit import CAST_ERRORS, misfit, missing_required
from curate.pipeline.prepare import prepared_from_row
from curate.pipeline.rejects import Evidence, error_row, reject_row
from curate.pipeline.stages import ARTICLE, PUBLISHED, PUBLISHED_COLUMNS, published_columns
from curate.timing import ROWS, timed_as

_FIELDS = pa.schema([field for field in ARTICLE if field.name in PUBLISHED_COLUMNS])
_READS = tuple(dict.fromkeys(name for stage in PUBLISHED for name in stage.reads if name not in PUBLISHED_COLUMNS))

Rejects = list[tuple[int, dict[str, Any]]]


def _evidence(table: pa.Table, index: int) -> Evidence:
    row = table.slice(index, 1).to_pylist()[0]
    return Evidence.prepared(prepared_from_row(row), row["id"])


def _computed(table: pa.Table, positions: list[int], rejects: Rejects) -> tuple[list[int], dict[str, list[Any]]]:
    """(indices of the rows every published stage ran on, their published columns); a row a stage
    raised on goes to `rejects`."""
    reads = {name: table.column(name).to_pylist() for name in _READS}
    good: list[int] = []
    values: dict[str, list[Any]] = {field.name: [] for field in _FIELDS}
    for index in range(table.num_rows):
        try:
            found = published_columns({name: column[index] for name, column in reads.items()})
        except Exception as exc:  # noqa: BLE001 - one document's failure becomes its reject row
            rejects.append((positions[index], error_row(_evidence(table, index), exc)))
            continue
        good.append(index)
        for name, column in values.items():
            column.append(found[name])
    return good, values


@timed_as(ROWS)
def _arrays(table: pa.Table, good: list[int], values: dict[str, list[Any]], positions: list[int],
            rejects: Rejects) -> tuple[list[int], list[pa.Array]]:
    """The published columns as arrays of the schema's types; a row whose values do not fit goes
    to `rejects` (checked one by one only when the batch as a whole does not fit)."""
    try:
        found = pa.Table.from_pydict(values, schema=_FIELDS)
        if not missing_required(found):
            return good, found.columns
    except CAST_ERRORS:
        pass
    fitting: list[int] = []
    for at, index in enumerate(good):
        problem = misfit({name: column[at] for name, column in values.items()}, _FIELDS)
        if problem is None:
            fitting.append(at)
            continue
        evidence = _evidence(table, index)
        rejects.append((positions[index], reject_row(
            evidence, reason="write_schema_mismatch", stage="write", error_type="SchemaMismatch",
            message=f"{evidence.input_uri}: row does not fit the schema: {problem}")))
    kept = {name: [column[at] for at in fitting] for name, column in values.items()}
    return [good[at] for at in fitting], pa.Table.from_pydict(kept, schema=_FIELDS).columns


def with_published(table: pa.Table, positions: list[int]) -> tuple[pa.Table, list[int], Rejects]:
    """(kept document-pass rows with the published columns, in the article schema's order; their
    positions; reject rows of the rows that could not be completed, with their positions)."""
    rejects: Rejects = []
    good, values = _computed(table, positions, rejects)
    good, arrays = _arrays(table, good, values, positions, rejects)
    if len(good) < table.num_rows:
        table = table.take(pa.array(good, pa.int64()))
    added = dict(zip(_FIELDS.names, arrays))
    columns = [added[name] if name in added else table.column(name) for name in ARTICLE.names]
    return pa.Table.from_arrays(columns, schema=ARTICLE), [positions[index] for index in good], rejects
