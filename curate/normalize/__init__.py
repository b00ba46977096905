"""Bytes to clean Unicode text: decoding with detection, then repair and whitespace rules."""

from curate.normalize.decode import decode_bytes
from curate.normalize.text import NAME, VERSION, normalize_text

__all__ = ["NAME", "VERSION", "decode_bytes", "normalize_text"]
