"""The gate's flat view of article rows, for rows written under either article schema."""

from __future__ import annotations

import pyarrow as pa

from curate.config import Config
from curate.document import RawDoc
from curate.pipeline.document import PipelineContext, annotate_raw
from curate.schema import load_schema
from curate.validation.views import article_view

TEXT = ("Harbor council votes to rebuild the old bridge\n\n"
        '"We will rebuild the bridge before the winter storms arrive," the mayor said on Tuesday. '
        "The council approved the plan after a long debate about its cost and the detour it needs, "
        "and work on the eastern span begins next month according to the city engineer.")


def _italian_row_with_claims() -> dict:
    """A row as the claims stage before `claims_attempted` wrote it: claims in any language."""
    row = annotate_raw(RawDoc(input_uri="a.txt", input_format="txt", raw=TEXT.encode(), text=TEXT),
                       PipelineContext.create(Config()))
    assert row["claims"], "the text must carry a claim for this test to mean anything"
    row["language"] = "it"
    return row


def test_an_article_v1_row_is_not_held_to_claims_attempted() -> None:
    row = _italian_row_with_claims()
    for column in ("metadata", "metadata_omitted", "claims_attempted"):
        del row[column]
    del row["source"]["record_id"]
    view = article_view(pa.Table.from_pylist([row], schema=load_schema("article", 1).arrow()))
    assert view.column("claims_match_attempt").to_pylist() == [True]


def test_an_article_v2_row_with_claims_nobody_looked_for_fails() -> None:
    row = _italian_row_with_claims() | {"claims_attempted": False}
    view = article_view(pa.Table.from_pylist([row], schema=load_schema("article", 2).arrow()))
    assert view.column("claims_match_attempt").to_pylist() == [False]
