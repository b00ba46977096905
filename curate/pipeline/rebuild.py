"""`curate rebuild`: a new version from an existing version's rows, under the current config.

Rows are non-destructive (kept text plus removed spans give back the normalized document), so
every stage after normalization can run again, at another boilerplate threshold or policy,
without the original inputs. Documents that failed to read stay rejected as they were.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from curate.boilerplate import reconstruct
from curate.pipeline.build import BuildResult, write_version
from curate.config import Config
from curate.executor import batches
from curate.executor.spill import Spill
from curate.pipeline.batches import PreparedBatch, spill_prepared
from curate.pipeline.document import PipelineContext
from curate.pipeline.prepare import Prepared
from curate.pipeline.rejects import carried_reject
from curate.store import Store, read_manifest


def prepared_from_row(row: dict[str, Any]) -> Prepared:
    """The prepared document a stored article row came from."""
    source = row["source"]
    return Prepared(
        input_uri=source["input_uri"],
        input_format=source["input_format"],
        input_sha256=row["provenance"]["input_sha256"],
        document=reconstruct(row["text"], row["boilerplate"]),
        title=row["title"],
        subtitle=row["subtitle"],
        url=source["url"],
        domain=source["domain"],
        publisher=source["name"],
        published=source["published"],
        authors=list(source["authors"]),
    )


def _stored(folder: Path, manifest: dict[str, Any]) -> Iterator[Prepared | dict[str, Any]]:
    """Kept rows, then dropped rows as prepared documents; error rejects as they are."""
    for entry in manifest["shards"] + manifest["rejects"]:
        for batch in pq.ParquetFile(folder / entry["path"]).iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                if "status" not in row:
                    yield prepared_from_row(row)
                elif row["status"] == "dropped":
                    yield prepared_from_row(json.loads(row["row_json"]))
                else:
                    yield carried_reject(row)


def _prepared_batches(folder: Path, manifest: dict[str, Any], ctx: PipelineContext,
                      spill: Spill) -> Iterator[PreparedBatch]:
    for n, items in enumerate(batches(_stored(folder, manifest), ctx.config.executor.batch_size)):
        docs = [item for item in items if isinstance(item, Prepared)]
        yield spill_prepared(spill.path(n), docs, [item for item in items if not isinstance(item, Prepared)], ctx)


def rebuild(name: str, from_version: str, config: Config, *, store: Store, version: str | None = None,
            on_progress: Callable[[str, int], None] | None = None) -> BuildResult:
    """A new version of `name` re-annotated from `from_version`'s rows with `config`."""
    folder = store.require(name, from_version)
    manifest = read_manifest(folder)
    sources = {"inputs": manifest["inputs"], "skipped_inputs": manifest["skipped_inputs"],
               "rebuilt_from": from_version}
    ctx = PipelineContext.create(config)
    return write_version(name, ctx, lambda spill, _executor: _prepared_batches(folder, manifest, ctx, spill), sources,
                         store=store, version=version, on_progress=on_progress)
