"""The boilerplate stage: classify the normalized document's lines, cut the boilerplate out as
typed spans, and derive the per-document flags and ratio from those spans."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from curate.boilerplate import lexicon
from curate.boilerplate.model import DEFAULT_THRESHOLD
from curate.boilerplate.page import RemovedBlock, interleave
from curate.boilerplate.rules import RULES_VERSION, classify_lines
from curate.boilerplate.spans import Span, assemble
from curate.boilerplate.tables import keep_tables
from curate.boilerplate.verdict import LineVerdict
from curate.schema import load_schema
from curate.templates.keys import line_key

NAME = "boilerplate"
VERSION = RULES_VERSION + 1  # one above the rules': an HTML page's document holds the blocks its extractor left out
KINDS: tuple[str, ...] = tuple(load_schema("article").enum_values("boilerplate_kind"))


@dataclass(frozen=True, slots=True)
class BoilerplateResult:
    text: str
    spans: list[Span]
    flags: dict[str, bool]
    ratio: float


TEMPLATE_VERDICT = LineVerdict("template_line", 0.9, "templates_v1:source_share")


def remove_boilerplate(
    document: str, language: str, templates: Collection[int] = frozenset(), threshold: float = DEFAULT_THRESHOLD,
    extracted: bool = False, page_removed: Sequence[RemovedBlock] = (), template_chars: int | None = None,
) -> BoilerplateResult:
    """Kept text, removed spans, one flag per kind, and removed characters / document length.

    `templates` are the line keys of the document's source that the corpus pass found repeated
    across its documents (`curate.templates`); a line the rules leave alone but whose key is
    there is removed as `template_line`. `template_chars` is the longest line the corpus pass keys
    (`[templates] max_line_chars`, `curate.templates.line_keys`): a longer line is no template and
    is not keyed here either, which spares a key per body paragraph (None: every line is keyed).
    `threshold` is the line model's least content probability for a kept line
    (`rules.classify_lines`): higher removes more. `extracted` says
    an extractor chose `document` as a page's main content (HTML inputs): the line model alone
    then removes no prose line of it. The rows of a Markdown table block are always kept
    (`tables.keep_tables`). `page_removed` are the blocks of an HTML page its extractor left out
    (`curate.boilerplate.page`): they join the document as removed lines, so spans and ratio cover
    the whole page, while the rules judge the extracted lines exactly as without them.
    """
    lines = document.split("\n")
    verdicts = classify_lines(lines, language, threshold, extracted)
    if templates:
        longest = len(document) if template_chars is None else template_chars
        verdicts = [TEMPLATE_VERDICT if verdict is None and 0 < len(line) <= longest and line_key(line) in templates
                    else verdict for line, verdict in zip(lines, verdicts)]
    verdicts = keep_tables(lines, verdicts)
    if page_removed:
        document, verdicts = interleave(document, verdicts, page_removed)
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


def warm() -> None:
    """Compile the rules' lazily built regexes now: called before forking workers, so that they
    share one copy instead of each compiling its own."""
    lexicon.WHOLE_LINE.warm()
