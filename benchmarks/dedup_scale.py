"""Memory, disk and time of the near-duplicate index (`CandidateIndex`) from 10 thousand to 1 million
documents, on synthetic signatures with planted near-copies.

    python benchmarks/dedup_scale.py                          # 10k, 100k, 1M documents
    python benchmarks/dedup_scale.py --docs 10000 100000 --memory-mb 32

Each size runs in its own process, which makes the signatures itself in batches of 64 (what the
build's parent receives): 30% of the documents are near-copies of one of the 1,000 documents
before them (a fifth of the values redrawn: Jaccard about 0.8), the others are random. Figures:
`peak RSS` of that process (`ru_maxrss`) and `index RSS`, its growth past the process as it was
after imports and before the first `add`: it includes the pages of the memory-mapped signatures
and runs that were read, which the kernel drops under pressure; `index anon`, the growth of the
process's anonymous memory (`RssAnon`, sampled every 2 ms), is what the index itself holds; `disk` the folder at its fullest (signatures plus runs,
before `clusters()` deletes the runs); `add s` and `clusters s` wall seconds; `found` the share of
planted copies in their original's cluster, and `merged` the clusters that hold documents of more
than one planted family (false merges: random signatures never should).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile

_CHILD = r"""
import json, resource, sys, threading, time
from pathlib import Path
import numpy as np
from curate.dedup import CandidateIndex, MinHashParams

def anonymous_kb():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("RssAnon:"))

peak_anonymous, finished = [0], threading.Event()
def sample():
    while not finished.wait(0.002):
        peak_anonymous[0] = max(peak_anonymous[0], anonymous_kb())

docs, folder, memory = int(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
params = MinHashParams()
width, window, batch = params.num_hashes, 1000, 64
rng = np.random.default_rng(0)
recent = np.zeros((window, width), dtype=np.uint32)
family = np.arange(docs, dtype=np.int64)  # the planted truth: the first document of each family
baseline, baseline_anonymous = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, anonymous_kb()
threading.Thread(target=sample, daemon=True).start()
index = CandidateIndex(folder, params, memory_bytes=memory)
start = time.perf_counter()
for first in range(0, docs, batch):
    count = min(batch, docs - first)
    sigs = rng.integers(0, 2**32, size=(count, width), dtype=np.uint32)
    for row in np.flatnonzero(rng.random(count) < 0.3):
        doc = first + row
        if doc == 0:
            continue
        source = doc - 1 - int(rng.integers(0, min(window, doc)))
        if source >= first:
            continue
        keep = rng.random(width) < 0.8
        sigs[row, keep] = recent[source % window, keep]
        family[doc] = family[source]
    for row in range(count):
        recent[(first + row) % window] = sigs[row]
    index.add(first, sigs)
add_seconds = time.perf_counter() - start
disk = sum(path.stat().st_size for path in folder.iterdir()) + index._pending_bytes
start = time.perf_counter()
root = index.clusters().root
clusters_seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
finished.set()
copies = family != np.arange(docs)
found = float(np.mean(root[copies] == root[family[copies]])) if copies.any() else 1.0
families_per_cluster = np.zeros(docs, dtype=np.int64)
pairs = np.unique(np.stack([root, family]), axis=1)
np.add.at(families_per_cluster, pairs[0], 1)
print(json.dumps({"docs": docs, "peak_mb": peak / 1024, "index_mb": (peak - baseline) / 1024,
                  "anonymous_mb": (peak_anonymous[0] - baseline_anonymous) / 1024,
                  "disk_mb": disk / 2**20, "add_s": add_seconds, "clusters_s": clusters_seconds,
                  "found": found, "merged": int((families_per_cluster > 1).sum())}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--memory-mb", type=int, default=16, help="CandidateIndex memory_bytes, in MiB")
    args = parser.parse_args()
    print(f"{'docs':>9s} {'peak RSS MB':>11s} {'index RSS MB':>12s} {'index anon MB':>13s} {'disk MB':>8s} {'add s':>7s} "
          f"{'clusters s':>10s} {'found':>7s} {'merged':>6s}")
    for docs in args.docs:
        with tempfile.TemporaryDirectory() as folder:
            done = subprocess.run([sys.executable, "-c", _CHILD, str(docs), folder, str(args.memory_mb * 2**20)],
                                  check=True, capture_output=True, text=True)
        row = json.loads(done.stdout)
        print(f"{row['docs']:>9d} {row['peak_mb']:11.0f} {row['index_mb']:12.0f} {row['anonymous_mb']:13.0f} {row['disk_mb']:8.0f} "
              f"{row['add_s']:7.1f} {row['clusters_s']:10.1f} {row['found']:7.4f} {row['merged']:>6d}")


if __name__ == "__main__":
    main()
