"""Turn raw bytes into text, detecting the encoding when the bytes are not UTF-8.

UTF-8 is tried first (it is what almost every modern page is, and a strict decode almost never
succeeds on other encodings by accident). Then Windows-1252, which browsers use for any page
labelled Latin-1, whenever it reads as cleanly as charset-normalizer's best guess: on short
Western-European texts that guess is often an exotic code page (cp775) that garbles the accents.
Otherwise charset-normalizer's guess stands (Cyrillic, Greek, CJK legacy encodings). Content that
is not text at all is refused rather than decoded into garbage. Whatever the bytes, `decode_bytes`
raises nothing but `DocumentError`.

Strings that come from records rather than from bytes (JSON's `"\\ud800"` escapes) may hold lone
surrogates, which no UTF-8 writer accepts: `repair_surrogates` turns each into U+FFFD.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes
from charset_normalizer.md import mess_ratio

from curate.errors import DocumentError

# Control bytes other than \t \n \f \r and ESC: their presence in bulk means "not text".
_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BINARY_TOLERANCE = 0.01
_CHAOS_TOLERANCE = 0.02
_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_surrogates(text: str) -> str:
    """`text` with every lone surrogate replaced by U+FFFD (a pair escaped in JSON arrives as
    one character, so only lone halves remain)."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _BINARY_BYTES))
    return controls > _BINARY_TOLERANCE * len(sample)


def decode_bytes(data: bytes, where: str) -> str:
    """Decode `data` read from `where` (named in any error)."""
    if not data.strip():
        raise DocumentError("read_empty_file", f"{where}: the input is empty")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:  # an odd byte count, a lone surrogate
            raise DocumentError("read_undecodable", f"{where}: starts with a UTF-16 byte order mark "
                                                    f"but is not valid UTF-16: {exc}") from exc
    if _looks_binary(data):
        raise DocumentError("read_binary_content",
                            f"{where}: the input is binary data, not text (NUL or control bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        western: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    try:
        best = from_bytes(data).best()
        if western is not None and (best is None or mess_ratio(western) <= best.chaos + _CHAOS_TOLERANCE):
            return western
        guessed = None if best is None else repair_surrogates(str(best))
    except Exception as exc:  # a detector failure is this document's, not the build's
        raise DocumentError("read_undecodable", f"{where}: encoding detection failed: "
                                                f"{type(exc).__name__}: {exc}") from exc
    if guessed is None:
        raise DocumentError("read_undecodable",
                            f"{where}: the bytes are neither UTF-8 nor any encoding charset-normalizer recognizes")
    return guessed
