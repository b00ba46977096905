from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curate.errors import DocumentError
from curate.normalize import decode_bytes, normalize_text
from curate.normalize import text as normal_form


def test_repairs_mojibake_and_keeps_curly_quotes() -> None:
    broken = "The caf\u00c3\u00a9 owner said \u00e2\u20ac\u0153we\u00e2\u20ac\u2122re open\u00e2\u20ac\u009d."
    assert normalize_text(broken) == "The café owner said “we’re open”."


def test_unescapes_entities_and_removes_controls() -> None:
    assert normalize_text("Fish &amp; chips\x07 \u200bnow") == "Fish & chips now"


def test_whitespace_and_line_endings() -> None:
    raw = "  Title\r\n\r\n\r\n\r\nFirst  para\u00a0line.  \r\nsame para.\n\n\n\nSecond.\t \n"
    assert normalize_text(raw) == "Title\n\nFirst para line.\nsame para.\n\nSecond."


def _every_rule(text: str) -> str:
    """The whitespace and control rules applied unconditionally, one after the other."""
    text = normal_form._LINE_BREAKS.sub("\n", text)
    text = normal_form._INVISIBLE.sub("", text)
    text = normal_form._SPACES.sub(" ", text)
    text = normal_form._SPACE_AROUND_NEWLINE.sub("\n", text)
    return normal_form._BLANK_RUNS.sub("\n\n", text).strip()


# Every character a rule looks for, and plain letters between them (no "&" or mojibake: ftfy,
# which the rules' fast paths do not touch, stays out of the comparison).
_WHITESPACE_HEAVY = st.lists(st.sampled_from(list("ab ž国 \n\t\x0b\x0c\x1f\x7f\x85\x9f\u00a0\u00ad\u2003\u200b"
                                                  "\u2028\u2029\u3000\ufeff")), max_size=80).map("".join)


@settings(max_examples=500, deadline=None)
@given(_WHITESPACE_HEAVY)
def test_rules_run_only_where_they_can_match(text: str) -> None:
    """Skipping a rule whose characters are absent changes nothing: the result is the rules' own."""
    assert normalize_text(text) == _every_rule(text)


def test_every_character_the_space_and_control_rules_look_for_is_unprintable() -> None:
    """What lets a text whose lines are printable skip both searches."""
    looked_for = [c for c in map(chr, range(0x110000))
                  if normal_form._LINE_BREAK_OR_INVISIBLE.match(c) or normal_form._ODD_SPACE_CHAR.match(c)]
    assert len(looked_for) > 40 and "\n" not in looked_for
    assert [c for c in looked_for if c.isprintable()] == []


@pytest.mark.parametrize("text", ["", "word", " " * 10_000, "\n" * 10_000 + "x", "a" * 12_000,
                                  "x\u3000" * 3_000, "日本語のテキスト" * 500, "a \n b" * 2_000,
                                  "“Printable” — £5 café\n\nlines" * 500, "\t" + "a" * 5_000])
def test_edge_texts_in_normal_form(text: str) -> None:
    assert normalize_text(text) == _every_rule(text)


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
