"""`curate rebuild`: a new version from an existing version's rows, under a new config: the
version's recorded config with the changes asked for on top.

Rows are non-destructive (kept text plus removed spans give back the normalized document), so
every stage after normalization can run again, at another boilerplate threshold or policy,
without the original inputs. Documents that failed to read stay rejected as they were.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow.parquet as pq

from curate.config import Config, inherited_config
from curate.errors import ConfigError
from curate.executor import batches
from curate.pipeline.batches import PreparedBatch, store_prepared
from curate.pipeline.build import BuildResult, References, write_version
from curate.pipeline.checkpoints import Checkpoints, batch_key
from curate.pipeline.document import PipelineContext
from curate.pipeline.prepare import Prepared, prepared_from_row
from curate.pipeline.rejects import carried_reject
from curate.store import Manifest, Store, load_manifest
from curate.store.read import rows_per_input

if TYPE_CHECKING:
    from curate.executor import Executor


def _stored(folder: Path, manifest: Manifest) -> Iterator[Prepared | dict[str, Any]]:
    """Kept rows, then dropped rows as prepared documents; error rejects as they are."""
    for entry in manifest.data_files:
        for batch in pq.ParquetFile(folder / entry.path).iter_batches(batch_size=1024):
            for row in batch.to_pylist():
                if "status" not in row:
                    yield prepared_from_row(row)
                elif row["status"] == "dropped":
                    yield prepared_from_row(json.loads(row["row_json"]))
                else:
                    yield carried_reject(row)


def input_order(inputs: list[dict[str, Any]]) -> Callable[[str], int]:
    """A document's place in the original input order, from its input uri (`<input>#<record>`,
    `<input>`, or `<input>/<split>#<row>` for a Hugging Face dataset; its splits' rows share
    numbers, and a tie keeps the rebuild's order): the order the duplicate-id decision needs,
    which the rebuild's order (kept rows by split, then the rejects) is not."""
    position = {entry["uri"]: index for index, entry in enumerate(inputs)}

    def order(uri: str) -> int:
        base, hashed, record = uri.rpartition("#")
        if not hashed:
            base, record = uri, "0"
        index = position.get(base, position.get(base.rpartition("/")[0], len(position)))
        return index << 40 | (int(record) if record.isdecimal() else 0)

    return order


def _prepared_batches(folder: Path, manifest: Manifest, ctx: PipelineContext,
                      checkpoints: Checkpoints) -> Iterator[PreparedBatch]:
    order = input_order(manifest.inputs)
    for items in batches(_stored(folder, manifest), ctx.config.executor.batch_size):
        docs = [item for item in items if isinstance(item, Prepared)]
        rejects = [item for item in items if not isinstance(item, Prepared)]
        key = batch_key(ctx.run_key, docs, "rebuild", [repr(sorted(row.items())) for row in rejects])
        yield store_prepared(checkpoints, key, docs, rejects, ctx, [order(doc.input_uri) for doc in docs])


def counted_inputs(folder: Path, manifest: Manifest) -> list[dict[str, Any]]:
    """The source version's inputs with the documents each gave, which a rebuild reads again: as
    its build counted them while reading, or, for a version built before curate counted them, its
    rows per input (kept and not: its gate proved they add up to what was read)."""
    inputs: list[dict[str, Any]] = manifest.inputs
    if all("documents" in entry for entry in inputs):
        return inputs
    rows = rows_per_input(folder, manifest)
    counted, seen = [], set()
    for entry in inputs:  # two roots may hold one relative path: the first takes their rows
        counted.append({"not_documents": {}, **entry, "documents": 0 if entry["uri"] in seen else rows[entry["uri"]]})
        seen.add(entry["uri"])
    return counted


def rebuild(name: str, from_version: str, config: Config | None = None, *, overrides: Mapping[str, Any] | None = None,
            store: Store, version: str | None = None,
            on_progress: Callable[[str, int], None] | None = None, references: References | None = None) -> BuildResult:
    """A new version of `name` re-annotated from `from_version`'s rows with `config`; without it,
    with `from_version`'s recorded config and `overrides` on top (`inherited_config`)."""
    if config is None:
        config = inherited_config(store, name, from_version, overrides=overrides)
    elif overrides is not None:
        raise ConfigError("rebuild takes a whole config or overrides of the recorded one, not both")
    folder = store.require(name, from_version)
    manifest = load_manifest(folder)
    sources = {"inputs": counted_inputs(folder, manifest), "skipped_inputs": manifest.skipped_inputs,
               "rebuilt_from": from_version}
    ctx = PipelineContext.create(config)

    def prepare(checkpoints: Checkpoints, _executor: Executor) -> Iterator[PreparedBatch]:
        return _prepared_batches(folder, manifest, ctx, checkpoints)

    return write_version(name, ctx, prepare, sources, store=store, version=version, on_progress=on_progress,
                         references=references)
