"""Shards cut into parts of whole row groups; schema differences that matter, and those that do not."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from curate.schema import load_schema
from curate.validation.shards import Target, schema_problems, split_parts


def test_parts_are_runs_of_whole_row_groups(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"x": list(range(10))}), path, row_group_size=3)  # groups of 3, 3, 3, 1
    target = Target(path, "t.parquet", "article")
    assert [(p.start, p.stop, p.first) for p in split_parts([target], 5)] == [(0, 2, True), (2, 4, False)]
    assert [(p.start, p.stop) for p in split_parts([target], 100)] == [(0, 4)]
    empty = tmp_path / "e.parquet"
    pq.write_table(pa.table({"x": pa.array([], pa.int64())}), empty)
    missing = Target(tmp_path / "nope.parquet", "nope.parquet", "article")
    # pyarrow writes one empty row group for an empty table; an unreadable file is one empty part
    assert [(p.start, p.stop) for p in split_parts([Target(empty, "e", "article"), missing], 5)] == [(0, 1), (0, 0)]


def test_schema_problems() -> None:
    article = load_schema("article").arrow()
    assert schema_problems(article, article) == []
    loose = pa.schema([pa.field(f.name, f.type) for f in article])  # all nullable, as other tools write
    assert schema_problems(loose, article) == []
    claims = article.get_field_index("claims")
    renamed = pa.list_(pa.field("element", article.field("claims").type.value_type))  # list items named by Parquet
    assert schema_problems(article.set(claims, pa.field("claims", renamed)), article) == []
    wrong = article.set(article.get_field_index("language_score"), pa.field("language_score", pa.float64()))
    assert schema_problems(wrong, article) == ["language_score: double instead of float"]
    reordered = pa.schema(list(article)[1:] + [article.field(0)])
    assert schema_problems(reordered, article) == ["columns are not in the schema's order"]
    assert schema_problems(article.remove(1).append(pa.field("extra", pa.int8())), article) == [
        "missing columns: content_hash", "unexpected columns: extra"]
