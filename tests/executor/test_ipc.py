"""Tables in results cross processes as IPC streams and come back equal, metadata included."""

from __future__ import annotations

import pickle
from dataclasses import dataclass

import pyarrow as pa

from curate.executor.ipc import ArrowFields


@dataclass
class _Result(ArrowFields):
    by_name: dict[str, pa.Table]
    table: pa.Table | None
    other: list[int]


def test_tables_round_trip() -> None:
    schema = pa.schema([pa.field("n", pa.int64(), nullable=False, metadata={"description": "a number"})],
                       metadata={"curate.schema": "x"})
    table = pa.Table.from_pylist([{"n": 1}, {"n": 2}], schema=schema)
    back = pickle.loads(pickle.dumps(_Result({"a": table, "b": table.slice(1)}, None, [3])))
    assert back.by_name["a"].equals(table, check_metadata=True)
    assert back.by_name["b"].to_pylist() == [{"n": 2}]
    assert back.table is None and back.other == [3]
