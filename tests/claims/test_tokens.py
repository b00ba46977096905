"""The one-token look-back that cue and source finders use."""

from __future__ import annotations

from curate.claims.tokens import token_before, tokens


def _before(text: str, pos: int, lo: int = 0) -> str | None:
    span = token_before(text, lo, pos)
    return None if span is None else text[span[0] : span[1]]


def test_token_before_matches_the_tokenizer() -> None:
    text = "Mr. Ortiz hasn’t said, U.S. officials (2016) did."
    for s, e in tokens(text, 0, len(text)):
        assert token_before(text, 0, e) == (s, e), text[s:e]


def test_token_before_skips_spaces_and_stops_at_lo() -> None:
    assert _before("has  also   said", 11) == "also"
    assert _before("X, and said", 7) == "and"
    assert _before("X, and said", 3) == ","
    assert _before("hello world", 6, lo=6) is None
    assert _before("   ", 3) is None
