"""One document through every stage: extract, normalize, language, boilerplate, claims, signals,
then the policy's verdict.

`process` never raises for a bad document: any failure becomes a reject row naming the document,
the stage and the problem, so one broken input never costs the rest of the build.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from curate import __version__, boilerplate, claims, extract, normalize, policy
from curate.config import Config
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.pipeline.dates import iso_date
from curate.pipeline.publisher import resolve_publisher
from curate.signals import identity, language, quality

Outcome = Literal["kept", "dropped", "rejected"]
STAGES: tuple[tuple[str, int], ...] = tuple(
    (module.NAME, module.VERSION)
    for module in (extract, normalize, language, boilerplate, claims, quality, identity, policy)
)


@dataclass(frozen=True)
class PipelineContext:
    """What every worker loads once: the config and the facts recorded in each row."""

    config: Config
    config_hash: str
    stages: tuple[str, ...]

    @classmethod
    def create(cls, config: Config) -> PipelineContext:
        return cls(config, config.content_hash(), tuple(f"{n}@{v}" for n, v in STAGES))


def _single_line(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(normalize.normalize_text(value).split()) or None


def annotate(doc: RawDoc, ctx: PipelineContext) -> dict[str, Any]:
    """The article row of one document, before the policy decides; raises DocumentError."""
    config = ctx.config
    if len(doc.raw) > config.readers.max_document_bytes:
        raise DocumentError("read_too_large", f"{doc.input_uri}: {len(doc.raw)} bytes > max_document_bytes "
                                              f"{config.readers.max_document_bytes}")
    if doc.html is not None:
        doc = extract.extract_html(doc)
    assert doc.text is not None
    document = normalize.normalize_text(doc.text)
    if not document:
        raise DocumentError("normalize_empty_text", f"{doc.input_uri}: no text left after normalization")
    lang, lang_score = language.identify(document, config.language.min_score)
    cleaned = boilerplate.remove_boilerplate(document, lang)
    text = cleaned.text
    domain = identity.domain_of(doc.url)
    doc_id = identity.document_id(doc.url, doc.input_uri)
    return {
        "id": doc_id,
        "content_hash": identity.content_hash(text),
        "title": _single_line(doc.title),
        "subtitle": _single_line(doc.subtitle),
        "text": text,
        "language": lang,
        "language_score": lang_score,
        "source": {
            "name": resolve_publisher(doc.input_uri, domain, _single_line(doc.source_name), config.sources),
            "domain": domain,
            "url": doc.url.strip() if doc.url else None,
            "input_uri": doc.input_uri,
            "input_format": doc.input_format,
            "published": iso_date(doc.published),
            "authors": [a for a in (_single_line(name) for name in doc.authors) if a],
        },
        "boilerplate": [
            {"kind": s.kind, "text": s.text, "start": s.start, "end": s.end, "score": s.score, "rule": s.rule}
            for s in cleaned.spans
        ],
        "flags": cleaned.flags,
        "boilerplate_ratio": cleaned.ratio,
        "claims": claims.find_claims(text),
        "quality": quality.quality_signals(text, lang),
        "split": identity.assign_split(doc_id, config.splits),
        "provenance": {
            "input_sha256": hashlib.sha256(doc.raw).hexdigest(),
            "pipeline_version": __version__,
            "config_hash": ctx.config_hash,
            "stages": list(ctx.stages),
        },
    }


def reject_row(doc: RawDoc, *, status: str, reason: str, stage: str, message: str,
               error_type: str | None = None, doc_id: str | None = None,
               row: dict[str, Any] | None = None, raw_cap: int = 2**20) -> dict[str, Any]:
    """A row of the reject schema; a rejected document keeps its raw bytes (up to `raw_cap`)."""
    return {
        "status": status,
        "reason": reason,
        "stage": stage,
        "error_type": error_type,
        "message": message,
        "input_uri": doc.input_uri,
        "input_format": doc.input_format,
        "input_sha256": hashlib.sha256(doc.raw).hexdigest() if doc.raw else None,
        "id": doc_id,
        "raw": doc.raw[:raw_cap] if status == "rejected" and doc.raw else None,
        "row_json": json.dumps(row, ensure_ascii=False) if row is not None else None,
    }


def process(doc: RawDoc, ctx: PipelineContext) -> tuple[Outcome, dict[str, Any]]:
    """("kept", article row) | ("dropped", reject row) | ("rejected", reject row)."""
    if doc.error is not None:
        return "rejected", reject_row(doc, status="rejected", reason=doc.error.reason, stage=doc.error.stage,
                                      message=str(doc.error), error_type=type(doc.error).__name__)
    try:
        row = annotate(doc, ctx)
    except DocumentError as exc:
        return "rejected", reject_row(doc, status="rejected", reason=exc.reason, stage=exc.stage,
                                      message=str(exc), error_type=type(exc).__name__)
    except Exception as exc:  # a bug or a library failure on this one document: keep the document
        return "rejected", reject_row(doc, status="rejected", reason="pipeline_unexpected_error",
                                      stage="pipeline", error_type=type(exc).__name__,
                                      message=f"{doc.input_uri}: unexpected {type(exc).__name__}: {exc}")
    verdict = policy.drop_reason(row, ctx.config.policy)
    if verdict is not None:
        reason, why = verdict
        return "dropped", reject_row(doc, status="dropped", reason=reason, stage="policy",
                                     message=f"{doc.input_uri}: {why}", doc_id=row["id"], row=row)
    return "kept", row
