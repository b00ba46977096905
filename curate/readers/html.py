"""HTML pages on disk: decoded here, extracted by `curate.extract` like every other page."""

from __future__ import annotations

from collections.abc import Iterator

from curate.document import RawDoc
from curate.errors import DocumentError
from curate.normalize import decode_bytes

FORMAT = "html"


def read_html(raw: bytes, uri: str) -> Iterator[RawDoc]:
    try:
        html = decode_bytes(raw, uri)
    except DocumentError as error:
        yield RawDoc(input_uri=uri, input_format=FORMAT, raw=raw, error=error)
        return
    yield RawDoc(input_uri=uri, input_format=FORMAT, raw=raw, html=html)
