"""The stages of a document's way, each declared once: its name, its version, the columns of the
article row it writes and the function that computes them.

`STAGES` is the one ordered list: `annotate` runs it to build the row, and the manifest and the
run key record its names and versions, so the two cannot drift apart. A stage's function takes
one prepared document and the columns earlier stages produced, and returns its own columns; it
does no I/O and keeps no state, so a function over a batch is a loop over it. Stages with no
columns run outside the row (extraction and normalization in `prepare`, templates in the corpus
pass, the policy on the finished row) and are listed for their versions, in the order they run.

A **published stage** (`publish` instead of `compute`: the claims) runs only on the rows that are
still kept once every decision is made, the policy's and the near-duplicate clusters' (in the
finishing pass, `published_columns`): no decision reads its columns, and on a crawl most
documents are dropped, most as near-copies of one that is kept. A dropped document's row, kept in
its reject, has no published columns: nothing was looked for in it.

The row's column order is the article schema's (`schemas/`, the one place a field is named).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from curate import __version__, boilerplate, claims, extract, normalize, policy, templates
from curate.pipeline.prepare import Prepared
from curate.schema import load_schema
from curate.signals import identity, language, quality
from curate.timing import timed

if TYPE_CHECKING:
    from curate.pipeline.document import PipelineContext

Columns = dict[str, Any]
StageFunction = Callable[[Prepared, Mapping[str, Any], "PipelineContext", Collection[int]], Columns]
"""(document, columns earlier stages produced, context, template line keys of its publisher) -> its columns."""
PublishFunction = Callable[[Mapping[str, Any]], Columns]
"""(the columns of a kept row that the stage reads, by name) -> its columns."""


@dataclass(frozen=True)
class Stage:
    """One stage; bump its module's VERSION when its output can change."""

    name: str
    version: int
    columns: tuple[str, ...] = ()
    compute: StageFunction | None = None  # None: it runs outside the row, or is published (module docstring)
    publish: PublishFunction | None = None  # a published stage: on kept rows only, reading `reads`
    reads: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """`name@version`, as the manifest and each row's provenance record it."""
        return f"{self.name}@{self.version}"


def _extract(doc: Prepared, done: Mapping[str, Any], ctx: PipelineContext, template_keys: Collection[int]) -> Columns:
    return {
        "title": doc.title,
        "subtitle": doc.subtitle,
        "source": {
            "name": doc.publisher,
            "domain": doc.domain,
            "url": doc.url,
            "input_uri": doc.input_uri,
            "input_format": doc.input_format,
            "published": doc.published,
            "authors": doc.authors,
            "record_id": doc.record_id,
        },
        "metadata": doc.metadata,
        "metadata_omitted": doc.metadata_omitted,
    }


def _language(doc: Prepared, done: Mapping[str, Any], ctx: PipelineContext, template_keys: Collection[int]) -> Columns:
    lang, score = language.identify(doc.document, ctx.config.language.min_score)
    return {"language": lang, "language_score": score}


def _boilerplate(doc: Prepared, done: Mapping[str, Any], ctx: PipelineContext,
                 template_keys: Collection[int]) -> Columns:
    cleaned = boilerplate.remove_boilerplate(doc.document, done["language"], template_keys,
                                             ctx.config.boilerplate.threshold, doc.extracted, doc.removed,
                                             ctx.config.templates.max_line_chars)
    return {
        "text": cleaned.text,
        "boilerplate": [
            {"kind": s.kind, "text": s.text, "start": s.start, "end": s.end, "score": s.score, "rule": s.rule}
            for s in cleaned.spans
        ],
        "flags": cleaned.flags,
        "boilerplate_ratio": cleaned.ratio,
    }


def _claims(row: Mapping[str, Any]) -> Columns:
    return {"claims": claims.find_claims(row["text"], row["language"]),
            "claims_attempted": claims.attempted(row["language"])}


def _quality(doc: Prepared, done: Mapping[str, Any], ctx: PipelineContext, template_keys: Collection[int]) -> Columns:
    return {"quality": quality.quality_signals(done["text"], done["language"])}


def _identity(doc: Prepared, done: Mapping[str, Any], ctx: PipelineContext, template_keys: Collection[int]) -> Columns:
    """Who the row is (id, content hash, split) and what made it (provenance)."""
    return {
        "id": doc.doc_id,
        "content_hash": identity.content_hash(done["text"]),
        "split": identity.assign_split(doc.doc_id, ctx.config.splits),
        "provenance": {
            "input_sha256": doc.input_sha256,
            "pipeline_version": __version__,
            "config_hash": ctx.config_hash,
            "stages": list(ctx.stages),
        },
    }


STAGES: tuple[Stage, ...] = (
    Stage(extract.NAME, extract.VERSION, ("title", "subtitle", "source", "metadata", "metadata_omitted"), _extract),
    Stage(normalize.NAME, normalize.VERSION),
    Stage(templates.NAME, templates.VERSION),
    Stage(language.NAME, language.VERSION, ("language", "language_score"), _language),
    Stage(boilerplate.NAME, boilerplate.VERSION, ("text", "boilerplate", "flags", "boilerplate_ratio"), _boilerplate),
    Stage(claims.NAME, claims.VERSION, ("claims", "claims_attempted"), publish=_claims, reads=("text", "language")),
    Stage(quality.NAME, quality.VERSION, ("quality",), _quality),
    Stage(identity.NAME, identity.VERSION, ("id", "content_hash", "split", "provenance"), _identity),
    Stage(policy.NAME, policy.VERSION),
)
PUBLISHED: tuple[Stage, ...] = tuple(stage for stage in STAGES if stage.publish is not None)
ARTICLE: pa.Schema = load_schema("article").arrow()
COLUMNS: tuple[str, ...] = tuple(ARTICLE.names)
PUBLISHED_COLUMNS = frozenset(name for stage in PUBLISHED for name in stage.columns)
DOCUMENT_SCHEMA: pa.Schema = pa.schema([field for field in ARTICLE if field.name not in PUBLISHED_COLUMNS])
"""The article schema without the published columns: the rows of the document pass."""


def row(doc: Prepared, ctx: PipelineContext, template_keys: Collection[int]) -> Columns:
    """The columns of every stage but the published ones for one document, in the schema's order
    (each stage timed under its name in a profile, `curate.timing`)."""
    done: Columns = {}
    for stage in STAGES:
        if stage.compute is not None:
            done.update(timed(stage.name, stage.compute, doc, done, ctx, template_keys))
    return {name: done[name] for name in DOCUMENT_SCHEMA.names}


def published_columns(row: Mapping[str, Any]) -> Columns:
    """Every published stage's columns for one kept row, from the row's columns they read (each
    stage timed under its name)."""
    done, found = dict(row), {}
    for stage in PUBLISHED:
        assert stage.publish is not None
        columns = timed(stage.name, stage.publish, {name: done[name] for name in stage.reads})
        done.update(columns)
        found.update(columns)
    return found


def published_row(row: Mapping[str, Any]) -> Columns:
    """A document-pass row made whole: the published stages' columns added, in the schema's order."""
    done = {**row, **published_columns(row)}
    return {name: done[name] for name in COLUMNS}
