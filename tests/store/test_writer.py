"""Shards depend on the rows only, never on how they were batched on the way in."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from curate.store.writer import ROW_GROUP_ROWS, ShardWriter

SCHEMA = pa.schema([pa.field("n", pa.int64(), nullable=False), pa.field("s", pa.string())])


def _write(folder: Path, chunk: int, total: int, max_rows: int) -> list[dict]:
    folder.mkdir()
    writer = ShardWriter(folder, "train", SCHEMA, max_rows)
    for start in range(0, total, chunk):
        n = list(range(start, min(start + chunk, total)))
        writer.write(pa.table({"n": n, "s": [f"row {i}" for i in n]}, schema=SCHEMA))
    return writer.close()


def test_batching_does_not_change_the_bytes(tmp_path: Path) -> None:
    total = 5000 + 2 * ROW_GROUP_ROWS + 123
    a = _write(tmp_path / "a", 3, total, max_rows=5000)
    b = _write(tmp_path / "b", 1000, total, max_rows=5000)
    assert [s["sha256"] for s in a] == [s["sha256"] for s in b]
    assert [s["path"] for s in a] == ["train-00000-of-00002.parquet", "train-00001-of-00002.parquet"]
    assert [s["rows"] for s in a] == [5000, total - 5000]
    rows = pa.concat_tables([pq.read_table(tmp_path / "a" / s["path"]) for s in a]).column("n").to_pylist()
    assert rows == list(range(total))


def test_page_boundaries_do_not_follow_the_batches(tmp_path: Path) -> None:
    # Over 1 MB of text in one column chunk: several data pages, whose boundaries Parquet sets
    # after each chunk it is handed; the writer hands it one chunk per row group.
    rng = random.Random(7)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    texts = [" ".join(rng.choice(words) for _ in range(300)) for _ in range(700)]
    digests = []
    for chunk in (7, 64, 700):
        folder = tmp_path / str(chunk)
        folder.mkdir()
        writer = ShardWriter(folder, "train", SCHEMA, 5000)
        for start in range(0, len(texts), chunk):
            part = texts[start:start + chunk]
            writer.write(pa.table({"n": range(start, start + len(part)), "s": part}, schema=SCHEMA))
        digests.append([s["sha256"] for s in writer.close()])
    assert digests[0] == digests[1] == digests[2]


def test_no_rows_no_shards(tmp_path: Path) -> None:
    assert _write(tmp_path / "e", 10, 0, max_rows=10) == []


def test_large_rows_close_their_row_group_early_whatever_the_batching(tmp_path: Path) -> None:
    """Row groups end at ROW_GROUP_BYTES of the sized columns too, at the same rows however the
    rows arrive."""
    from curate.store.writer import ROW_GROUP_BYTES

    big = "x" * (ROW_GROUP_BYTES // 3)
    texts = [big if n % 5 == 0 else f"row {n}" for n in range(40)]
    shas, groups = [], []
    for chunk in (1, 7, 40):
        folder = tmp_path / f"c{chunk}"
        folder.mkdir()
        writer = ShardWriter(folder, "train", SCHEMA, 5000, ("s",))
        for start in range(0, len(texts), chunk):
            rows = range(start, min(start + chunk, len(texts)))
            writer.write(pa.table({"n": list(rows), "s": [texts[i] for i in rows]}, schema=SCHEMA))
        [shard] = writer.close()
        shas.append(shard["sha256"])
        metadata = pq.ParquetFile(folder / shard["path"]).metadata
        groups.append([metadata.row_group(g).num_rows for g in range(metadata.num_row_groups)])
    assert len(set(shas)) == 1 and groups[0] == groups[1] == groups[2]
    # a third of the budget a large row (every fifth): three, with the small rows between, fill a group
    assert groups[0] == [11, 15, 14]


def test_shards_carry_a_page_index(tmp_path: Path) -> None:
    [shard] = _write(tmp_path / "p", 100, 3000, max_rows=5000)
    metadata = pq.ParquetFile(tmp_path / "p" / shard["path"]).metadata
    columns = [metadata.row_group(g).column(c) for g in range(metadata.num_row_groups) for c in range(2)]
    assert all(column.has_offset_index and column.has_column_index for column in columns)


def test_options_an_older_pyarrow_lacks_are_left_out() -> None:
    from curate.store.writer import parquet_options

    old = parquet_options(frozenset({"where", "schema", "compression"}))
    assert "use_content_defined_chunking" not in old and "write_page_index" not in old
    assert old["compression"] == "zstd"
    assert parquet_options(frozenset({"write_page_index", "use_content_defined_chunking"}))[
        "use_content_defined_chunking"] is True


def _shared_share(old: bytes, new: bytes, window: int = 4096) -> float:
    """Share of `new`'s 4 KiB windows (every 4 KiB) found anywhere in `old`."""
    starts = range(0, len(new) - window, window)
    return sum(new[s:s + window] in old for s in starts) / len(starts)


def test_content_defined_pages_survive_an_inserted_row(tmp_path: Path, monkeypatch) -> None:
    """Two versions a row apart: with content-defined chunking most of the second shard's bytes
    are in the first (the Hub stores them once); without it the shifted pages share little."""
    import curate.store.writer as writer_module
    from curate.store.writer import parquet_options

    rng = random.Random(11)
    words = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    texts = [" ".join(rng.choice(words) for _ in range(400)) for _ in range(2000)]
    edited = [*texts[:10], "an inserted row", *texts[10:]]
    shares = {}
    for cdc in (True, False):
        wanted = {"write_page_index", *(["use_content_defined_chunking"] if cdc else [])}
        monkeypatch.setattr(writer_module, "_PARQUET_OPTIONS", parquet_options(frozenset(wanted)))
        versions = []
        for name, rows in (("old", texts), ("new", edited)):
            folder = tmp_path / f"{name}-{cdc}"
            folder.mkdir()
            writer = ShardWriter(folder, "train", SCHEMA, 10_000, ("s",))
            writer.write(pa.table({"n": [0] * len(rows), "s": rows}, schema=SCHEMA))
            [shard] = writer.close()
            versions.append((folder / shard["path"]).read_bytes())
        shares[cdc] = _shared_share(*versions)
    assert shares[True] > 0.5 and shares[False] < 0.1, shares


def test_large_columns_get_no_dictionary(tmp_path: Path) -> None:
    from curate.store.writer import dictionary_columns

    nested = pa.schema([pa.field("text", pa.string()), pa.field("source", pa.struct([pa.field("name", pa.string())])),
                        pa.field("claims", pa.list_(pa.struct([pa.field("cue", pa.string())])))])
    assert dictionary_columns(nested, ("text",)) == ["source.name", "claims.list.element.cue"]
    folder = tmp_path / "d"
    folder.mkdir()
    writer = ShardWriter(folder, "train", SCHEMA, 100, ("s",))
    writer.write(pa.table({"n": [1, 1, 1], "s": ["same", "same", "same"]}, schema=SCHEMA))
    [shard] = writer.close()
    group = pq.ParquetFile(folder / shard["path"]).metadata.row_group(0)
    assert "PLAIN_DICTIONARY" not in str(group.column(1).encodings) and "RLE_DICTIONARY" not in str(group.column(1).encodings)
    assert any("DICTIONARY" in str(e) for e in group.column(0).encodings)


def _groups(path: Path) -> list[list[str]]:
    shard = pq.ParquetFile(path)
    return [shard.read_row_group(g, columns=["s"]).column(0).to_pylist() for g in range(shard.num_row_groups)]


def _keyed(folder: Path, keys: list[str], chunk: int) -> Path:
    folder.mkdir()
    writer = ShardWriter(folder, "train", SCHEMA, 100_000, ("s",), cut_by="s")
    for start in range(0, len(keys), chunk):
        part = keys[start:start + chunk]
        writer.write(pa.table({"n": range(start, start + len(part)), "s": part}, schema=SCHEMA))
    [shard] = writer.close()
    return folder / shard["path"]


def test_content_defined_row_groups_end_where_the_keys_say(tmp_path: Path) -> None:
    """With `cut_by`, row groups end after rows whose key hashes to a cut (64 to 4,096 rows,
    about 1,024 on average), the same however the rows arrive; a row added moves only the ends
    of its own row group."""
    from curate.store.writer import MAX_GROUP_ROWS, MIN_GROUP_ROWS

    keys = [f"doc-{i}" for i in range(30_000)]
    paths = [_keyed(tmp_path / f"c{chunk}", keys, chunk) for chunk in (7, 1000, 30_000)]
    assert len({path.read_bytes() for path in paths}) == 1
    groups = _groups(paths[0])
    sizes = [len(group) for group in groups]
    assert all(MIN_GROUP_ROWS <= n <= MAX_GROUP_ROWS for n in sizes[:-1]) and 600 < sum(sizes) / len(sizes) < 1600
    assert len(set(sizes)) > 5  # not a fixed count
    added = _groups(_keyed(tmp_path / "added", [*keys[:15_000], "a new document", *keys[15_000:]], 1000))
    changed = [group for group in added if group not in groups]
    assert len(changed) == 1 and "a new document" in changed[0] and len(added) in (len(groups), len(groups) + 1)
