from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.signals.letters import ascii_letters


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_counts_the_ascii_letters_of_any_text(text: str) -> None:
    assert ascii_letters(text) == (sum(c.isascii() and c.isalpha() for c in text),
                                   sum(c.isascii() and c.isupper() for c in text))


def test_edge_texts() -> None:
    assert ascii_letters("") == (0, 0)
    assert ascii_letters("Señor SMITH, 42") == (9, 6)
    assert ascii_letters("国务院\ud800Ωω") == (0, 0)
    assert ascii_letters("Ab" * 50_000) == (100_000, 50_000)
