"""The first half of a document's way: from a raw document to its normalized text and metadata.

Everything the corpus pass needs (the normalized lines and the publisher) is known here, so the
build runs this half once, counts template lines from its output, and hands the same `Prepared`
documents to the second half (`curate.pipeline.document`): pages are never extracted twice.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from curate import extract, normalize
from curate.boilerplate import reconstruct
from curate.boilerplate.page import RemovedBlock, split_page
from curate.config import Config
from curate.document import RawDoc
from curate.errors import DocumentError
from curate.extract.removed import page_removed
from curate.pipeline.dates import iso_date
from curate.pipeline.publisher import resolve_publisher
from curate.signals import identity
from curate.timing import timed

# Formats whose documents are always pages, extracted before the boilerplate stage. A row does not
# record whether a JSONL or Parquet record gave HTML or text: one with recorded left-out blocks
# was extracted; the others rebuild as text.
EXTRACTED_FORMATS = frozenset({"html", "warc"})


@dataclass(slots=True)
class Prepared:
    """A document ready for the annotating stages; `document` is in normal form. `removed` are the
    blocks of an HTML page its extractor left out (`curate.extract.removed`), in page order.
    `doc_id` is decided here, where the reader's facts are known (`identity.document_id`); by
    default from the url or the input uri."""

    input_uri: str
    input_format: str
    input_sha256: str
    document: str
    title: str | None = None
    subtitle: str | None = None
    url: str | None = None
    domain: str | None = None
    publisher: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    extracted: bool = False  # `document` is what an extractor chose as a page's main content
    removed: list[RemovedBlock] = field(default_factory=list)
    record_id: str | None = None
    metadata: str | None = None
    metadata_omitted: list[str] = field(default_factory=list)
    doc_id: str = ""

    def __post_init__(self) -> None:
        if not self.doc_id:
            self.doc_id = identity.document_id(self.url, self.input_uri, self.record_id)


def single_line(value: str | None) -> str | None:
    """A metadata value in normal form on one line, or None when nothing is left."""
    if not value:
        return None
    return " ".join(timed(normalize.NAME, normalize.normalize_text, value).split()) or None


def prepare(doc: RawDoc, config: Config) -> Prepared:
    """Extract (for pages), normalize and resolve metadata; raises `DocumentError`."""
    if doc.error is not None:
        raise doc.error
    size = doc.raw_size if doc.raw_size is not None else len(doc.raw)
    if doc.raw_size is not None or size > config.readers.max_document_bytes:  # a cut document is never built
        raise DocumentError("read_too_large", f"{doc.input_uri}: {size} bytes > max_document_bytes "
                                              f"{config.readers.max_document_bytes}")
    tree = None
    if doc.html is not None:
        tree = timed(extract.NAME, extract.page_tree, doc)
        doc = timed(extract.NAME, extract.extract_html, doc, tree, config.extract.fast)
    assert doc.text is not None, "a reader yields text, html or an error"
    document = timed(normalize.NAME, normalize.normalize_text, doc.text)
    if not document:
        raise DocumentError("normalize_empty_text", f"{doc.input_uri}: no text left after normalization")
    url = doc.url.strip() if doc.url else None
    domain = identity.domain_of(url)
    return Prepared(
        input_uri=doc.input_uri,
        input_format=doc.input_format,
        input_sha256=hashlib.sha256(doc.raw).hexdigest(),
        document=document,
        title=single_line(doc.title),
        subtitle=single_line(doc.subtitle),
        url=url,
        domain=domain,
        publisher=resolve_publisher(doc.input_uri, domain, single_line(doc.source_name), config.sources),
        published=iso_date(doc.published),
        authors=[a for a in (single_line(name) for name in doc.authors) if a],
        extracted=doc.html is not None,
        removed=timed(extract.NAME, page_removed, tree, document, doc.title, doc.subtitle,
                      config.boilerplate.max_page_removed_chars),
        record_id=doc.record_id,
        metadata=doc.metadata,
        metadata_omitted=list(doc.metadata_omitted),
        doc_id=identity.document_id(url, doc.id_uri or doc.input_uri, doc.record_id),
    )


def prepared_from_row(row: dict[str, Any]) -> Prepared:
    """The prepared document a stored article row came from; an HTML page's left-out blocks
    stay as they were recorded (the page itself is not in the row). It keeps the row's id: what
    the id hashed (a record id, a path relative to the input root) is not all in the row, and a
    rebuild must not change ids."""
    source = row["source"]
    document, removed = split_page(reconstruct(row["text"], row["boilerplate"]), row["boilerplate"])
    return Prepared(
        input_uri=source["input_uri"],
        input_format=source["input_format"],
        input_sha256=row["provenance"]["input_sha256"],
        document=document,
        title=row["title"],
        subtitle=row["subtitle"],
        url=source["url"],
        domain=source["domain"],
        publisher=source["name"],
        published=source["published"],
        authors=list(source["authors"]),
        extracted=source["input_format"] in EXTRACTED_FORMATS or bool(removed),
        removed=removed,
        record_id=source.get("record_id"),
        metadata=row.get("metadata"),
        metadata_omitted=list(row.get("metadata_omitted") or []),
        doc_id=row.get("id", ""),  # a stored row has one
    )
