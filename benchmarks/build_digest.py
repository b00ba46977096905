"""What a build writes, as digests, and the CPU it took: to show that a change leaves the rows
alone, and what it saves, against another checkout of curate run the same way.

    python benchmarks/build_digest.py FILE_OR_DIR ...                  # this checkout
    PYTHONPATH=/tmp/old python benchmarks/build_digest.py FILE ...    # another one (`git archive
                                                                        # REV curate schemas
                                                                        # expectations | tar -x -C /tmp/old`;
                                                                        # run it from outside a checkout)

Each input set is built once, untimed, as a warm-up (imports, models, compiled rules), then built
into a fresh store with one worker (every task in this process; no gate, no report) and timed in
CPU seconds of this process. Printed: the sha256 of every data shard (by split), and the reject
count by status; the kept rows are the same exactly when the shard digests are.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

import curate


def _build(inputs: list[str], store: str, name: str) -> Path:
    result = curate.build(inputs, name, store=store, validate=False, report=False,
                          overrides={"executor": {"workers": 1}})
    return Path(result.path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", help="files or folders, built as one input set")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as store:
        _build(args.inputs, store, "warm-up")
        start = time.process_time()
        folder = _build(args.inputs, store, "measured")
        seconds = time.process_time() - start
        for shard in sorted((folder / "data").glob("*.parquet")):
            print(f"{shard.name}  {hashlib.sha256(shard.read_bytes()).hexdigest()[:16]}")
        statuses: Counter[str] = Counter()
        for shard in sorted((folder / "rejects").glob("*.parquet")):
            statuses.update(pq.read_table(shard, columns=["status"]).column("status").to_pylist())
        print("rejects  " + ", ".join(f"{status} {n}" for status, n in sorted(statuses.items())))
        print(f"curate {curate.__file__}: {seconds:.2f} CPU s")


if __name__ == "__main__":
    main()
