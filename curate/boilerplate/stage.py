"""The boilerplate stage: classify the normalized document's lines, cut the boilerplate out as
typed spans, and derive the per-document flags and ratio from those spans."""

from __future__ import annotations

from dataclasses import dataclass

from curate.boilerplate.rules import RULES_VERSION, classify_lines
from curate.boilerplate.spans import Span, assemble
from curate.schema import load_schema

NAME = "boilerplate"
VERSION = RULES_VERSION
KINDS: tuple[str, ...] = tuple(load_schema("article").enum_values("boilerplate_kind"))


@dataclass(frozen=True, slots=True)
class BoilerplateResult:
    text: str
    spans: list[Span]
    flags: dict[str, bool]
    ratio: float


def remove_boilerplate(document: str, language: str) -> BoilerplateResult:
    """Kept text, removed spans, one flag per kind, and removed characters / document length."""
    verdicts = classify_lines(document.split("\n"), language)
    text, spans = assemble(document, verdicts)
    present = {span.kind for span in spans}
    unknown = present.difference(KINDS)
    if unknown:
        raise ValueError(f"boilerplate rules produced kinds outside the schema: {sorted(unknown)}")
    removed = sum(span.end - span.start for span in spans)
    return BoilerplateResult(
        text=text,
        spans=spans,
        flags={kind: kind in present for kind in KINDS},
        ratio=removed / len(document) if document else 0.0,
    )
