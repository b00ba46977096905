"""The stage registry builds the whole article row, in the schema's order, each column written by
exactly one stage, and gives the stage list the manifest and the run key record."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from curate.config import Config
from curate.document import RawDoc
from curate.pipeline.document import PipelineContext, annotate, annotate_raw
from curate.pipeline.prepare import Prepared, prepare
from curate.pipeline.stages import DOCUMENT_SCHEMA, PUBLISHED_COLUMNS, STAGES
from curate.pipeline.stages import boilerplate as boilerplate_module
from curate.schema import load_schema

TEXT = ("Harbor Board Approves Dredging Plan\n\n"
        "The port authority approved a plan on Tuesday to dredge the northern channel before the winter storms.\n"
        "Engineers said the work would take eleven weeks and cost about four million dollars, officials added.\n"
        "Share this article\n")
PAGE = ("<html><head><title>Harbor Board Approves Dredging Plan</title></head><body><nav><a href='/'>Home</a>"
        "</nav><article><h1>Harbor Board Approves Dredging Plan</h1><p>The port authority approved a plan on "
        "Tuesday to dredge the northern channel before the winter storms arrive, officials said.</p><p>Engineers "
        "said the work would take eleven weeks and cost about four million dollars in total.</p></article></body>"
        "</html>")
SCHEMA_FIELDS = [field["name"] for field in load_schema("article").spec["fields"]]


@pytest.fixture(scope="module")
def ctx() -> PipelineContext:
    return PipelineContext.create(Config())


def _documents() -> list[RawDoc]:
    return [RawDoc(input_uri="harbor.txt", input_format="txt", raw=TEXT.encode(), text=TEXT),
            RawDoc(input_uri="harbor.html", input_format="html", raw=PAGE.encode(), html=PAGE,
                   url="https://example.com/harbor")]


@pytest.mark.parametrize("doc", _documents(), ids=lambda d: d.input_format)
def test_the_row_has_the_schemas_fields_in_order(doc: RawDoc, ctx: PipelineContext) -> None:
    assert list(annotate_raw(doc, ctx)) == SCHEMA_FIELDS


def test_every_schema_field_is_written_by_exactly_one_stage() -> None:
    written = Counter(column for stage in STAGES for column in stage.columns)
    assert sorted(written) == sorted(SCHEMA_FIELDS)
    assert [column for column, times in written.items() if times != 1] == []


def test_only_stages_with_columns_compute_or_publish_and_the_rest_run_outside_the_row() -> None:
    assert all((stage.compute is None and stage.publish is None) == (stage.columns == ()) for stage in STAGES)
    assert not any(stage.compute is not None and stage.publish is not None for stage in STAGES)


def test_a_published_stage_reads_only_what_stages_before_it_wrote() -> None:
    """Its columns are computed in the finishing pass from the stored row, so no decision can
    need them and no document stage can read them."""
    written: set[str] = set()
    for stage in STAGES:
        if stage.publish is not None:
            assert stage.reads and set(stage.reads) <= written, stage.name
        written |= set(stage.columns)
    assert "claims" in PUBLISHED_COLUMNS and not PUBLISHED_COLUMNS & set(DOCUMENT_SCHEMA.names)


@pytest.mark.parametrize("doc", _documents(), ids=lambda d: d.input_format)
def test_each_stage_returns_exactly_the_columns_it_declares(doc: RawDoc, ctx: PipelineContext) -> None:
    prepared = prepare(doc, ctx.config)
    done: dict[str, Any] = {}
    for stage in STAGES:
        if stage.compute is not None:
            out = stage.compute(prepared, dict(done), ctx, frozenset())
            assert list(out) == list(stage.columns), stage.name
            done.update(out)
    assert {k: v for k, v in done.items() if k in DOCUMENT_SCHEMA.names} == annotate(prepared, ctx)
    for stage in STAGES:
        if stage.publish is not None:
            out = stage.publish({name: done[name] for name in stage.reads})
            assert list(out) == list(stage.columns), stage.name
            done.update(out)
    assert done == annotate_raw(doc, ctx)


def test_the_manifest_records_the_registry_in_the_order_versions_built_before_it_did(ctx: PipelineContext) -> None:
    """Versions made before the registry record this order; a new order would fail their reproduce."""
    assert [label.split("@")[0] for label in ctx.stages] == [
        "extract", "normalize", "templates", "language", "boilerplate", "claims", "quality", "identity", "policy"]
    assert ctx.stages == tuple(f"{stage.name}@{stage.version}" for stage in STAGES)
    assert ctx.stages[0] in ctx.run_key


def test_the_rows_provenance_names_every_stage(ctx: PipelineContext) -> None:
    row = annotate(prepare(_documents()[0], ctx.config), ctx)
    assert row["provenance"]["stages"] == list(ctx.stages)


def test_a_stage_sees_the_columns_earlier_stages_produced(ctx: PipelineContext) -> None:
    """Boilerplate reads the language the language stage found: without it, it cannot run."""
    prepared: Prepared = prepare(_documents()[0], ctx.config)
    row = annotate(prepared, ctx)
    language = next(stage for stage in STAGES if stage.name == "language")
    boilerplate = next(stage for stage in STAGES if stage.name == "boilerplate")
    assert language.compute is not None and boilerplate.compute is not None
    seen = language.compute(prepared, {}, ctx, frozenset())
    assert seen == {"language": row["language"], "language_score": row["language_score"]}
    assert boilerplate.compute(prepared, seen, ctx, frozenset())["text"] == row["text"]
    with pytest.raises(KeyError, match="language"):
        boilerplate.compute(prepared, {}, ctx, frozenset())


def test_the_boilerplate_stage_looks_up_only_lines_the_corpus_pass_keyed(ctx: PipelineContext,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines longer than `[templates] max_line_chars` have no key in the template table: the stage
    is told so, and does not key them (the result is the same, `tests/boilerplate/test_stage.py`)."""
    seen: list[object] = []
    real = boilerplate_module.remove_boilerplate

    def spy(*args: Any) -> Any:
        seen.append(args[-1])
        return real(*args)

    monkeypatch.setattr(boilerplate_module, "remove_boilerplate", spy)
    annotate(prepare(_documents()[0], ctx.config), ctx)
    assert seen == [ctx.config.templates.max_line_chars]
