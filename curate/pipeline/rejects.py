"""Reject rows: the one place where a document that is not kept becomes a row of the reject schema.

Every reject keeps evidence of its document, and `Evidence` derives it from the document itself,
so no caller can forget a part of it:

- a document that failed before it was prepared (read, extract, normalize) keeps the bytes read:
  `input_sha256` of all of them, `raw_size` the document's full size, `raw` its first
  min(raw_size, cap) bytes, and a message that says so when that is fewer than raw_size;
- a document that failed after it was prepared keeps the prepared document as JSON in `row_json`:
  its normalized text and metadata are what every later stage reads, so re-running them
  reproduces the failure (its input bytes are not carried past preparation: a page is a median
  27 times its text on the extraction bench; `input_uri` and `input_sha256` name them);
- a dropped document keeps its article row in `row_json`, without the columns of the stages that
  run only for kept documents (the claims).

The gate checks each kind (`curate.validation.views`, `evidence_kept`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass
from typing import Any, Literal

from curate.document import RawDoc
from curate.errors import DocumentError
from curate.pipeline.prepare import Prepared
from curate.pipeline.stages import PUBLISHED_COLUMNS
from curate.readers.records import JsonLine

Status = Literal["dropped", "rejected"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """What a reject keeps of its document; made only by the constructors below."""

    status: Status
    input_uri: str
    input_format: str
    input_sha256: str | None
    doc_id: str | None = None
    raw: bytes | None = None
    raw_size: int | None = None
    row_json: str | None = None

    @classmethod
    def read(cls, doc: RawDoc | JsonLine, cap: int) -> Evidence:
        """The bytes of a document that failed before it was prepared: the first `cap` of them."""
        raw = doc.raw
        cut_by_reader = doc.raw_size if isinstance(doc, RawDoc) else None
        size = cut_by_reader if cut_by_reader is not None else len(raw)
        return cls("rejected", doc.input_uri, doc.input_format, hashlib.sha256(raw).hexdigest() if raw else None,
                   raw=raw[:cap] or None, raw_size=size or None)

    @classmethod
    def prepared(cls, doc: Prepared, doc_id: str | None = None) -> Evidence:
        """A document that failed after it was prepared: the prepared document, as JSON."""
        return cls("rejected", doc.input_uri, doc.input_format, doc.input_sha256, doc_id,
                   row_json=_json(dataclasses.asdict(doc)))

    @classmethod
    def dropped(cls, row: dict[str, Any]) -> Evidence:
        """A document the policy dropped: its article row as the decision saw it, without the
        published columns (`curate.pipeline.stages`: they are looked for only in kept documents)."""
        source = row["source"]
        seen = {name: value for name, value in row.items() if name not in PUBLISHED_COLUMNS}
        return cls("dropped", source["input_uri"], source["input_format"], row["provenance"]["input_sha256"],
                   row["id"], row_json=_json(seen))

    @property
    def cut_note(self) -> str | None:
        """Says that `raw` holds only the first bytes of the document, when it does."""
        if self.raw_size is not None and len(self.raw or b"") < self.raw_size:
            return f"raw evidence: first {len(self.raw or b'')} of {self.raw_size} bytes kept"
        return None


def _json(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _encodable(text: str) -> str:
    """`text`, with any lone surrogate (from an escaped `\\ud800` in a record, or an undecodable
    file name) written as its `\\ud800` escape: Arrow stores only valid UTF-8, and the row must be
    written whatever the document held."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def reject_row(evidence: Evidence, *, reason: str, stage: str, message: str, error_type: str | None = None,
               duplicate_of: str | None = None, similarity: float | None = None) -> dict[str, Any]:
    """A row of the reject schema; the message says when the raw evidence was cut. A near-duplicate
    names the document kept instead (`duplicate_of`) and their estimated `similarity`."""
    note = evidence.cut_note
    return {
        "status": evidence.status,
        "reason": reason,
        "stage": stage,
        "error_type": error_type,
        "message": _encodable(f"{message} ({note})" if note else message),
        "input_uri": _encodable(evidence.input_uri),
        "input_format": evidence.input_format,
        "input_sha256": evidence.input_sha256,
        "id": evidence.doc_id,
        "raw": evidence.raw,
        "raw_size": evidence.raw_size,
        "row_json": _encodable(evidence.row_json) if evidence.row_json is not None else None,
        "duplicate_of": duplicate_of,
        "similarity": similarity,
    }


def error_row(evidence: Evidence, exc: Exception) -> dict[str, Any]:
    """The reject row of a document whose processing raised `exc`."""
    if isinstance(exc, DocumentError):
        reason, stage, message = exc.reason, exc.stage, str(exc)
    else:  # a bug or a library failure on this one document: keep the document, say what broke
        reason, stage = "pipeline_unexpected_error", "pipeline"
        message = f"{evidence.input_uri}: unexpected {type(exc).__name__}: {exc}"
    return reject_row(evidence, reason=reason, stage=stage, message=message, error_type=type(exc).__name__)


def carried_reject(row: dict[str, Any]) -> dict[str, Any]:
    """A stored reject row as a row of today's schema, for `curate rebuild`. A reject_v1 row has
    no `raw_size`: it gets one when its bytes are provably the whole input (their sha256 is
    `input_sha256`); bytes cut at reject_v1's 1 MiB cap, or the normalized text it kept for a
    document rejected after preparation, cannot be proven, and the gate says so."""
    if "raw_size" in row:
        return row
    raw = row.get("raw") or b""
    whole = bool(raw) and hashlib.sha256(raw).hexdigest() == row.get("input_sha256")
    return {**row, "raw_size": len(raw) if whole else None}
