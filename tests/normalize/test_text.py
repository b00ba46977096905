from __future__ import annotations

import pytest

from curate.errors import DocumentError
from curate.normalize import decode_bytes, normalize_text


def test_repairs_mojibake_and_keeps_curly_quotes() -> None:
    broken = "The caf\u00c3\u00a9 owner said \u00e2\u20ac\u0153we\u00e2\u20ac\u2122re open\u00e2\u20ac\u009d."
    assert normalize_text(broken) == "The café owner said “we’re open”."


def test_unescapes_entities_and_removes_controls() -> None:
    assert normalize_text("Fish &amp; chips\x07 \u200bnow") == "Fish & chips now"


def test_whitespace_and_line_endings() -> None:
    raw = "  Title\r\n\r\n\r\n\r\nFirst  para\u00a0line.  \r\nsame para.\n\n\n\nSecond.\t \n"
    assert normalize_text(raw) == "Title\n\nFirst para line.\nsame para.\n\nSecond."


def test_nfc() -> None:
    assert normalize_text("Cafe\u0301") == "Caf\u00e9"


def test_mojibake_stored_decomposed_is_repaired() -> None:
    # "Libération" read as cp1252 ("LibÃ©ration"), then stored in NFD: "A" + combining tilde.
    assert normalize_text("the Paris daily LibA\u0303\u00a9ration said") == "the Paris daily Libération said"


def test_repeated_widget_label_is_not_hidden() -> None:
    assert normalize_text("Send in e-mailSend in e-mail\nBody.") == "Send in e-mailSend in e-mail\nBody."


def test_decodes_latin1() -> None:
    text = "Le café de Zürich a ouvert ses portes à São Paulo, a déclaré la directrice."
    assert decode_bytes(text.encode("latin-1"), "x.txt") == text


def test_decodes_utf8_bom() -> None:
    assert decode_bytes("\ufeffhello".encode("utf-8"), "x.txt") == "hello"


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "read_empty_file"),
    (b"  \n ", "read_empty_file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "read_binary_content"),
])
def test_refuses_non_text(data: bytes, reason: str) -> None:
    with pytest.raises(DocumentError) as caught:
        decode_bytes(data, "bad/file.txt")
    assert caught.value.reason == reason
    assert "bad/file.txt" in str(caught.value)
