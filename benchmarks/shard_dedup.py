"""Two consecutive versions' shards stored together, deduplicated the way the Hub's Xet storage
does, with and without content-defined chunking (CDC) of the Parquet pages.

    python benchmarks/shard_dedup.py                 # 10,000 documents, 0.1% edited, 0.2% added, 0.05% removed
    python benchmarks/shard_dedup.py --docs 20000 --workers 2

The scaled BBC corpus (`make_scaled.py`, ../shared/bench/corpus) gives `--docs` documents plus the
ones version 2 adds, in JSONL files of 100 documents. Version 1 is built from the files without
them; version 2 with them, in a new file beside the one they fall in (so their rows land among
the others, not at the end), `--edited` of the documents given one more sentence and `--removed`
of them left out: a re-scrape against the one before. Records are named by file and record
number, so a removed document renames the later records of its own file (`source.input_uri`):
`rows` in the output says how many rows changed, by column.
Both are real curate builds into one store (near-duplicate detection off, so every copy of an
article is kept and the shards are large).

Each version's articles are then written again, split by split in the shards' row order,
through curate's own `ShardWriter` with each set of Parquet options:

- `plain`: zstd and dictionaries on every column, no page index, no CDC, row groups of 1,024
  rows (curate before issue 15);
- `cdc-dict`: page index and CDC, dictionaries on every column (what `datasets` writes);
- `cdc-nodict`: the same without a dictionary for `text`;
- `curate`: what curate writes now, `cdc-nodict` with row groups that end where the ids say
  (`cut_by="id"`); its shards must come out byte for byte the build's own, which the script checks.

Storage is measured as Xet measures it: every file is cut into content-defined chunks by a gear
rolling hash (64 KiB average, 8-128 KiB, the cut where the hash's top 16 bits are zero: the
parameters of xet-core's chunker, implemented here with numpy: hf_xet, installed with huggingface_hub,
hashes whole files but gives no chunk list)
and a chunk whose sha256 was stored already costs nothing. Reported per option set: the bytes of
each version, both stored apart, both stored together, and what version 2 adds to version 1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "bench" / "corpus"

# xet-core's chunker: gear hash, target 64 KiB, minimum target / 8, maximum target * 2.
TARGET, MINIMUM, MAXIMUM = 64 * 1024, 8 * 1024, 128 * 1024
MASK = np.uint64(0xFFFF << 48)  # 16 bits: a cut every 64 KiB on average; the top bits see the last 64 bytes
GEAR = np.random.default_rng(0x5EED).integers(0, 2**64, size=256, dtype=np.uint64)
_BLOCK = 1 << 22
FILE_DOCS = 100  # documents per input file


def gear_candidates(data: bytes) -> np.ndarray:
    """Positions (cut after them) where the gear hash h_i = sum_k GEAR[b_{i-k}] << k (k < 64,
    mod 2**64: bit j only depends on the last j + 1 bytes) has its top 16 bits zero."""
    values = np.frombuffer(data, dtype=np.uint8)
    found = []
    for start in range(0, len(values), _BLOCK):
        lo = max(0, start - 63)
        block = GEAR[values[lo:start + _BLOCK]]
        acc = block.copy()
        for k in range(1, 64):
            acc[k:] += block[:-k] << np.uint64(k)
        hits = np.flatnonzero((acc & MASK) == 0) + lo
        found.append(hits[hits >= start])
    return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)


def chunks(data: bytes) -> Iterable[bytes]:
    """`data` cut at the first candidate at least MINIMUM into each chunk, or at MAXIMUM."""
    start, candidates, i = 0, gear_candidates(data), 0
    while start < len(data):
        end = min(start + MAXIMUM, len(data))
        i = int(np.searchsorted(candidates, start + MINIMUM - 1, side="left"))
        if i < len(candidates) and candidates[i] + 1 <= end:
            end = int(candidates[i]) + 1
        yield data[start:end]
        start = end


class ChunkStore:
    """Bytes stored once per distinct chunk, as Xet keeps them."""

    def __init__(self) -> None:
        self.seen: set[bytes] = set()
        self.stored = 0

    def add(self, files: Iterable[Path]) -> int:
        """Store `files`; the bytes that were new."""
        before = self.stored
        for path in files:
            for chunk in chunks(path.read_bytes()):
                digest = hashlib.sha256(chunk).digest()
                if digest not in self.seen:
                    self.seen.add(digest)
                    self.stored += len(chunk)
        return self.stored - before


def _corpora(docs: int, edited: float, added: float, removed: float, work: Path) -> tuple[Path, Path]:
    """Version 1's and version 2's input folders, JSONL files of FILE_DOCS documents each: v2
    edits and removes a few in place, and brings the added ones in new files beside theirs."""
    total = docs + round(docs * added)
    scaled = work / "scaled.jsonl"
    subprocess.run([sys.executable, str(CORPUS / "make_scaled.py"), "--src", str(CORPUS / "news.jsonl.gz"),
                    "--n", str(total), "--out", str(scaled)], check=True)
    records = scaled.read_text(encoding="utf-8").splitlines()
    rng = random.Random(15)
    new = set(rng.sample(range(total), total - docs))
    rest = [i for i in range(total) if i not in new]
    gone = set(rng.sample(rest, round(docs * removed)))
    changed = set(rng.sample([i for i in rest if i not in gone], round(docs * edited)))
    folders = (work / "input" / "v1", work / "input" / "v2")
    for folder in folders:
        folder.mkdir(parents=True)
    for start in range(0, total, FILE_DOCS):
        name = f"news-{start // FILE_DOCS:05d}"
        lines = {i: records[i] for i in range(start, min(start + FILE_DOCS, total))}
        for i in changed & lines.keys():
            record = json.loads(lines[i])
            record["text"] += "\n\nThis article was updated with a correction after publication."
            lines[i] = json.dumps(record, ensure_ascii=False)
        _write_lines(folders[0] / f"{name}.jsonl", [records[i] for i in lines if i not in new])
        _write_lines(folders[1] / f"{name}.jsonl", [line for i, line in lines.items() if i not in new | gone])
        _write_lines(folders[1] / f"{name}-added.jsonl", [line for i, line in lines.items() if i in new])
    return folders


def _write_lines(path: Path, lines: list[str]) -> None:
    if lines:
        path.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")


def _rewrite(version: Path, manifest: dict, options: dict[str, object], cut_by: str | None, out: Path) -> list[Path]:
    """The version's article shards written again through `ShardWriter` with `options`."""
    import curate.store.writer as writer_module
    from curate.schema import load_schema
    from curate.store.writer import ShardWriter

    saved = writer_module._PARQUET_OPTIONS
    writer_module._PARQUET_OPTIONS = options
    try:
        out.mkdir(parents=True)
        shards: list[Path] = []
        max_rows = max(s["rows"] for s in manifest["shards"])
        for split in ("train", "validation", "test"):
            writer = ShardWriter(out, split, load_schema("article").arrow(), max_rows, ("text",), cut_by=cut_by)
            for shard in (s for s in manifest["shards"] if s["split"] == split and s["rows"]):
                writer.write(pq.read_table(version / shard["path"]))
            shards += [out / s["path"] for s in writer.close()]
        return shards
    finally:
        writer_module._PARQUET_OPTIONS = saved


def _row_changes(versions: list[tuple[Path, dict]]) -> dict[str, object]:
    """How much the rows themselves changed: ids added and removed, and per column the rows of a
    kept id whose value differs (what any layout must store again)."""
    tables = [pa.concat_tables([pq.read_table(path / s["path"]) for s in manifest["shards"] if s["rows"]]).to_pylist()
              for path, manifest in versions]
    old, new = ({row["id"]: row for row in rows} for rows in tables)
    both = old.keys() & new.keys()
    columns = {name: sum(old[i][name] != new[i][name] for i in both) for name in tables[0][0]}
    return {"added": len(new.keys() - old.keys()), "removed": len(old.keys() - new.keys()),
            "changed_rows": sum(old[i] != new[i] for i in both),
            "changed_by_column": {name: n for name, n in columns.items() if n}}


def _variants() -> dict[str, tuple[dict[str, object], str | None]]:
    """Name -> (Parquet options, the column that ends row groups or None for fixed 1,024 rows)."""
    from curate.store.writer import _BASE_OPTIONS, parquet_options

    shipped = parquet_options()
    variants: dict[str, tuple[dict[str, object], str | None]] = {"plain": ({**_BASE_OPTIONS, "use_dictionary": True}, None)}
    if "use_content_defined_chunking" in shipped:
        variants["cdc-dict"] = ({**shipped, "use_dictionary": True}, None)  # what `datasets` writes
        variants["cdc-nodict"] = (shipped, None)
    variants["curate"] = (shipped, "id")
    return variants


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--edited", type=float, default=0.001)
    parser.add_argument("--added", type=float, default=0.002)
    parser.add_argument("--removed", type=float, default=0.0005)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not (CORPUS / "news.jsonl.gz").exists():
        raise SystemExit(f"{CORPUS / 'news.jsonl.gz'} not found: this benchmark needs ../shared/bench/corpus")

    from curate.config import load_config
    from curate.pipeline.build import build
    from curate.store import Store, read_manifest

    with tempfile.TemporaryDirectory(prefix="curate-shard-dedup-") as scratch:
        work = Path(scratch)
        inputs = _corpora(args.docs, args.edited, args.added, args.removed, work)
        store = Store(work / "store")
        config = load_config(None, {"executor": {"workers": args.workers}, "dedup": {"enabled": False}})
        versions = []
        for folder in inputs:
            built = build([folder], "bench", config, store=store)
            versions.append((built.path, read_manifest(built.path)))
        rows = {}
        for name, (options, cut_by) in _variants().items():
            files = [_rewrite(path, manifest, options, cut_by, work / name / manifest["version"])
                     for path, manifest in versions]
            if name == "curate":  # the rewrite is the build: same rows, same options, same bytes
                for (_path, manifest), written in zip(versions, files, strict=True):
                    built_sha = sorted(s["sha256"] for s in manifest["shards"] if s["split"] != "rejects" and s["rows"])
                    assert built_sha == sorted(hashlib.sha256(f.read_bytes()).hexdigest() for f in written)
            sizes = [sum(f.stat().st_size for f in group) for group in files]
            apart = [ChunkStore().add(group) for group in files]
            together = ChunkStore()
            first, second = (together.add(group) for group in files)
            rows[name] = {"v1_bytes": sizes[0], "v2_bytes": sizes[1], "v1_stored": apart[0], "v2_stored": apart[1],
                          "together_stored": first + second, "v2_adds": second,
                          "v2_adds_share": round(second / apart[1], 4)}
        report = {
            "date": datetime.now(UTC).isoformat(timespec="minutes"), "machine": platform.platform(),
            "cpus": os.cpu_count(), "pyarrow": pa.__version__,
            "docs": {"v1": versions[0][1]["accounting"]["kept"], "v2": versions[1][1]["accounting"]["kept"]},
            "changes": {"edited": args.edited, "added": args.added, "removed": args.removed},
            "rows": _row_changes(versions),
            "chunker": {"target": TARGET, "min": MINIMUM, "max": MAXIMUM},
            "results": rows,
        }
        print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
