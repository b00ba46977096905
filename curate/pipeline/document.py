"""The second half of a document's way: language, boilerplate, claims and signals over its
normalized text, then the policy's verdict.

Neither `prepare_one` nor `process` raises for a bad document: any failure becomes a reject row
naming the document, the stage and the problem, with its evidence (`curate.pipeline.rejects`), so
one broken input never costs the rest of the build.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, Literal

from curate import __version__, boilerplate, policy
from curate.config import Config
from curate.document import RawDoc
from curate.pipeline import stages
from curate.pipeline.checkpoints import code_fingerprint
from curate.pipeline.prepare import Prepared, prepare
from curate.pipeline.rejects import Evidence, error_row, reject_row
from curate.readers.records import JsonLine
from curate.timing import READ, timed

Outcome = Literal["kept", "dropped", "rejected"]

# Build workers fork from the process that imports this module: the boilerplate rules compile
# their regexes here, once, so that every worker shares them (the gate, which imports the rules
# but not the pipeline, compiles only the few it needs).
boilerplate.warm()


@dataclass(frozen=True)
class PipelineContext:
    """What every worker loads once: the config and the facts recorded in each row."""

    config: Config
    config_hash: str
    stages: tuple[str, ...]
    run_key: str  # what a batch's output depends on besides its documents: code, config, stages

    @classmethod
    def create(cls, config: Config) -> PipelineContext:
        config_hash, labels = config.content_hash(), tuple(stage.label for stage in stages.STAGES)
        run_key = json.dumps([__version__, code_fingerprint(), config_hash, labels])
        return cls(config, config_hash, labels, run_key)


def annotate(doc: Prepared, ctx: PipelineContext, template_keys: Collection[int] = frozenset()) -> dict[str, Any]:
    """The article row of one prepared document, before the policy decides: without the published
    columns, which only kept rows get (`curate.pipeline.stages`)."""
    return stages.row(doc, ctx, template_keys)


def annotate_raw(doc: RawDoc, ctx: PipelineContext) -> dict[str, Any]:
    """The whole article row of one document alone (no corpus pass, no decision): what benchmarks
    on single pages use."""
    return stages.published_row(annotate(prepare(doc, ctx.config), ctx))


def prepare_one(doc: RawDoc | JsonLine, ctx: PipelineContext) -> Prepared | dict[str, Any]:
    """The prepared document, or its reject row (keeping its first `readers.reject_raw_bytes`)."""
    source: RawDoc | JsonLine = doc  # the loaded document once there is one: it may say the reader cut it
    try:
        loaded = doc if isinstance(doc, RawDoc) else timed(READ, doc.load, ctx.config.readers)
        source = loaded
        return prepare(loaded, ctx.config)
    except Exception as exc:  # noqa: BLE001 - every failure of one document becomes its reject row
        return error_row(Evidence.read(source, ctx.config.readers.reject_raw_bytes), exc)


def process(doc: Prepared, ctx: PipelineContext, template_keys: Collection[int] = frozenset(),
            superseded_by: str | None = None) -> tuple[Outcome, dict[str, Any]]:
    """("kept", article row) | ("dropped", reject row) | ("rejected", reject row).
    `superseded_by` names the input of the record kept for this document's id, when it is not this one."""
    try:
        row = annotate(doc, ctx, template_keys)
    except Exception as exc:  # noqa: BLE001
        return "rejected", error_row(Evidence.prepared(doc), exc)
    verdict = timed(policy.NAME, policy.drop_reason, row, ctx.config.policy, superseded_by)
    if verdict is not None:
        reason, why = verdict
        return "dropped", reject_row(Evidence.dropped(row), reason=reason, stage="policy",
                                     message=f"{doc.input_uri}: {why}")
    return "kept", row
