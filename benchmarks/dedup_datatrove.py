"""Run datatrove's MinHash pipeline (its default settings) on texts, for benchmarks/near_duplicates.py.

Runs in a venv that has datatrove (never curate's): `near_duplicates.py --datatrove-python
/work/dt-venv/bin/python` calls it as `python dedup_datatrove.py TEXTS.jsonl WORKDIR OUT.json`.
TEXTS.jsonl holds one {"text": ...} per line, in document order; OUT.json gets, per document,
the id of its datatrove cluster (-1: in none) and whether datatrove removed it, and the seconds of
each of its four stages. Every stage runs as local tasks on one worker process, as curate's
engine does.
"""

from __future__ import annotations

import json
import struct
import sys
import time
from pathlib import Path

try:
    from datatrove.data import Document
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.dedup.minhash import (
        MinhashConfig,
        MinhashDedupBuckets,
        MinhashDedupCluster,
        MinhashDedupSignature,
    )
except ImportError as missing:  # run by a python without datatrove
    raise SystemExit(f"{sys.executable} cannot import datatrove: {missing}") from None


def main(texts_path: str, workdir: str, out_path: str) -> None:
    work = Path(workdir)
    with open(texts_path, encoding="utf-8") as lines:
        documents = [Document(text=json.loads(line)["text"], id=str(index)) for index, line in enumerate(lines)]
    config = MinhashConfig()
    stages = {
        "signatures": ([documents, MinhashDedupSignature(output_folder=str(work / "sigs"), config=config)], 1),
        "buckets": ([MinhashDedupBuckets(input_folder=str(work / "sigs"), output_folder=str(work / "buckets"),
                                         config=config)], config.num_buckets),
        "clusters": ([MinhashDedupCluster(input_folder=str(work / "buckets"), output_folder=str(work / "remove"),
                                          config=config, save_cluster_id=True)], 1),
    }
    seconds = {}
    for name, (pipeline, tasks) in stages.items():
        start = time.perf_counter()
        LocalPipelineExecutor(pipeline=pipeline, tasks=tasks, workers=1,
                              logging_dir=str(work / "logs" / name)).run()
        seconds[name] = time.perf_counter() - start
    removed = _read_uints(work / "remove" / "000000.remove", 1)
    clusters = [-1] * len(documents)
    for doc, cluster in _read_uints(work / "remove" / "000000.clusters", 2):
        clusters[doc] = cluster
    Path(out_path).write_text(json.dumps({
        "config": str(config), "seconds": seconds, "cluster": clusters,
        "removed": sorted(doc for (doc,) in removed),
    }))


def _read_uints(path: Path, width: int) -> list[tuple[int, ...]]:
    if not path.exists():
        return []
    data = path.read_bytes()
    return list(struct.iter_unpack(f"<{width}I", data))


if __name__ == "__main__":
    main(*sys.argv[1:])
