"""Plain-text articles: the title on the first line, an optional dek line, then the body."""

from __future__ import annotations

import re
from collections.abc import Iterator

from curate.document import RawDoc
from curate.errors import DocumentError
from curate.normalize import decode_bytes, normalize_text

FORMAT = "txt"
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)]$")
_MAX_DEK_CHARS = 320


def split_title_dek(text: str) -> tuple[str | None, str | None, str]:
    """(title, dek, body) of a normalized plain-text article.

    The dek is the block right after the title when it is a single line that does not read as a
    body sentence (no terminal punctuation) and is short; otherwise the body starts there.
    """
    blocks = text.split("\n\n")
    head, _, rest_of_first = blocks[0].partition("\n")
    title = head.strip() or None
    body_blocks = ([rest_of_first] if rest_of_first else []) + blocks[1:]
    dek = None
    if not rest_of_first and len(body_blocks) > 1:
        first = body_blocks[0]
        if "\n" not in first and len(first) <= _MAX_DEK_CHARS and not _SENTENCE_END.search(first):
            dek, body_blocks = first, body_blocks[1:]
    return title, dek, "\n\n".join(body_blocks)


def read_text(raw: bytes, uri: str) -> Iterator[RawDoc]:
    try:
        text = normalize_text(decode_bytes(raw, uri))
    except DocumentError as error:
        yield RawDoc(input_uri=uri, input_format=FORMAT, raw=raw, error=error)
        return
    title, dek, body = split_title_dek(text)
    yield RawDoc(input_uri=uri, input_format=FORMAT, raw=raw, text=body, title=title, subtitle=dek)
