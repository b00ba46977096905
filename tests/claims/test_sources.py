"""Sources as noun phrases: appositive chains, names that look like words, cue boundaries."""

from __future__ import annotations

import pytest

from curate.claims.sources import source_before, source_inverted


def _before(text: str, cue: str) -> str | None:
    span = source_before(text, 0, text.index(cue))
    return None if span is None else text[span[0] : span[1]]


@pytest.mark.parametrize(
    "text,cue,source",
    [
        ("Christopher M. Shelton, the head of the union, which backs Mr. Lee, said", "said",
         "Christopher M. Shelton, the head of the union, which backs Mr. Lee"),
        ("Tom Lee, who grew up in Austin, Texas, in the 1980s, said", "said",
         "Tom Lee, who grew up in Austin, Texas"),
        ("Will Doyle said", "said", "Will Doyle"),
        ("Last week the exchange said", "said", "the exchange"),
        ("The agency said a search revealed", "revealed", "a search"),
        ("The daily, considered close to the army, reported", "reported",
         "The daily, considered close to the army"),
    ],
)
def test_source_before(text: str, cue: str, source: str) -> None:
    assert _before(text, cue) == source


@pytest.mark.parametrize(
    "tail,source",
    [
        (" Ana Ruiz, speaking to reporters.", "Ana Ruiz"),
        (" Ben Cho, the engineer at the time the plant was built.", "Ben Cho"),
        (" she was elated.", None),
        (" Clinton didn’t appear concerned.", None),
    ],
)
def test_source_inverted(tail: str, source: str | None) -> None:
    span = source_inverted(tail, 0, len(tail))
    assert (None if span is None else tail[span[0] : span[1]]) == source
