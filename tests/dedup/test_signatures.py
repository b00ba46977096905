"""MinHash signatures: deterministic, batch-independent, stable, and estimating Jaccard."""

from __future__ import annotations

import random

import numpy as np
import pytest

from curate.dedup import MinHashParams, shingles, signatures, similarity
from curate.dedup.signatures import EMPTY, is_empty
from dedup.articles import article, near_copy

PARAMS = MinHashParams()


def test_shape_and_type():
    sigs = signatures(["one text here", "and another text"], PARAMS)
    assert sigs.shape == (2, PARAMS.bands * PARAMS.rows) and sigs.dtype == np.uint32
    assert signatures([], PARAMS).shape == (0, PARAMS.num_hashes)


def test_deterministic_and_independent_of_the_batch():
    rng = random.Random(1)
    texts = [article(rng) for _ in range(7)] + ["", "Advertisement"]
    together = signatures(texts, PARAMS)
    assert np.array_equal(together, signatures(texts, PARAMS))
    one_by_one = np.concatenate([signatures([text], PARAMS) for text in texts])
    assert np.array_equal(together, one_by_one)
    assert np.array_equal(together[::-1], signatures(texts[::-1], PARAMS))


def test_values_do_not_change_between_versions():
    """Stored signatures are compared with new ones (dedup against an earlier version): a change
    of the scheme must be deliberate, with a new `curate.dedup.VERSION`."""
    sig = signatures(["The quick brown fox jumps over the lazy dog, again in 2005."], MinHashParams(bands=2, rows=3))
    assert sig[0].tolist() == [481117588, 747011710, 227083286, 753324589, 336304076, 497618294]


def test_text_without_words_has_the_empty_signature():
    sigs = signatures(["", "  \n ", "...", "word"], PARAMS)
    assert is_empty(sigs).tolist() == [True, True, True, False]
    assert (sigs[0] == EMPTY).all()


def test_estimates_jaccard():
    rng = random.Random(2)
    original = article(rng, paragraphs=8)
    assert similarity(*signatures([original, original.upper()], PARAMS)) == 1.0
    copy_similarity = similarity(*signatures([original, near_copy(original, rng)], PARAMS))
    assert copy_similarity > 0.6
    assert similarity(*signatures([original, article(rng, paragraphs=8)], PARAMS)) < 0.05
    half = "\n\n".join(original.split("\n\n")[:4])  # exact 5-gram Jaccard about 1/2
    assert 0.35 < similarity(*signatures([original, half], PARAMS)) < 0.65


def test_similarity_needs_signatures_of_one_length():
    with pytest.raises(ValueError, match="different or no length"):
        similarity(np.zeros(4, np.uint32), np.zeros(5, np.uint32))


@pytest.mark.parametrize("field, value", [("ngram", 0), ("bands", -1), ("rows", 1.5), ("threshold", 1.2),
                                          ("seed", -1), ("bands", True)])
def test_parameters_are_checked(field, value):
    with pytest.raises(ValueError, match=field):
        MinHashParams(**{field: value})


def test_a_long_text_is_read_in_pieces_with_the_same_shingles(monkeypatch):
    rng = random.Random(4)
    text = "\n\n".join(article(rng) for _ in range(3))
    short = ["one two", "one two three four five six", " ".join(["word"] * 3)]
    whole = signatures([text, *short], PARAMS)
    monkeypatch.setattr(shingles, "PIECE_CHARS", 40)
    assert np.array_equal(signatures([text, *short], PARAMS), whole)
    pieces = list(shingles.text_shingles(text, PARAMS.ngram, PARAMS.seed))
    assert len(pieces) > 10 and max(piece.size for piece in pieces) < 20


def test_a_text_without_spaces_longer_than_a_piece(monkeypatch):
    monkeypatch.setattr(shingles, "PIECE_CHARS", 40)
    for text in ["x" * 1000, "東" * 1000, "ab" * 30]:
        sig = signatures([text], PARAMS)[0]
        assert not is_empty(sig) and similarity(sig, signatures([text], PARAMS)[0]) == 1.0
