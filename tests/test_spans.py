"""Non-destructive removal: kept text + spans give back the document, for any verdicts."""

from __future__ import annotations

import random

import pytest

from curate.boilerplate.spans import assemble, reconstruct
from curate.boilerplate.verdict import LineVerdict

FLAG = LineVerdict("teaser", 0.9, "test")


def _doc(lines: list[str]) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize(("lines", "expected"), [
    (["P1", "B", "", "P2"], "P1\n\nP2"),
    (["P1", "", "B", "P2"], "P1\n\nP2"),
    (["B", "", "P1", "", "P2"], "P1\n\nP2"),
    (["P1", "", "P2", "B", "", "B"], "P1\n\nP2"),
    (["B", "B"], ""),
    (["P1", "P2"], "P1\nP2"),
])
def test_kept_text(lines: list[str], expected: str) -> None:
    document = _doc(lines)
    verdicts = [FLAG if line == "B" else None for line in lines]
    text, spans = assemble(document, verdicts)
    assert text == expected
    assert reconstruct(text, spans) == document
    assert all(document[s.start:s.end] == s.text for s in spans)


def test_random_documents_round_trip() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        lines = [rng.choice([f"Para {i}.", f"Widget {i}", ""]) for i in range(rng.randint(1, 9))]
        document = _doc(lines).strip("\n")
        while "\n\n\n" in document:
            document = document.replace("\n\n\n", "\n\n")
        if not document:
            continue
        verdicts = [FLAG if line.startswith("Widget") else None for line in document.split("\n")]
        text, spans = assemble(document, verdicts)
        assert reconstruct(text, spans) == document
        assert "Widget" not in text
        assert text == text.strip() and "\n\n\n" not in text
        as_rows = [{"start": s.start, "text": s.text} for s in spans]
        assert reconstruct(text, as_rows) == document


def test_verdict_count_must_match() -> None:
    with pytest.raises(ValueError, match="verdicts"):
        assemble("a\nb", [None])
