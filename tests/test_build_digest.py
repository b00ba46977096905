"""`benchmarks/build_digest.py`: the digests of the shards a build writes, and its CPU seconds,
for comparing two checkouts: the same inputs give the same digests, and other rows other ones."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE

SCRIPT = ROOT / "benchmarks" / "build_digest.py"


def _digest(*inputs: Path) -> list[str]:
    done = subprocess.run([sys.executable, str(SCRIPT), *map(str, inputs)], capture_output=True, text=True,
                          check=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    return done.stdout.splitlines()


def test_the_same_inputs_give_the_same_digests_and_other_rows_others() -> None:
    first = _digest(SAMPLE)
    assert first[:-1] == _digest(SAMPLE)[:-1]
    assert [line.split()[0] for line in first[:3]] == ["test-00000-of-00001.parquet", "train-00000-of-00001.parquet",
                                                       "validation-00000-of-00001.parquet"]
    assert first[3].startswith("rejects  ") and first[-1].endswith("CPU s")
    assert _digest(SAMPLE / "txt")[:3] != first[:3]
