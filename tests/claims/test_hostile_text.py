"""The extractor on text built from the pieces its rules key on (quote marks of every style and
their runs, dashes, parentheses, colons, "As ... reported,", relative clauses, lists): it never
raises, and every span of every claim points at its own text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from claims.test_extract import _check_offsets
from curate.claims.extract import extract_claims

_PIECES = st.sampled_from([
    "Ruiz ", "the senator ", "Clinton ", "85% of voters ", "he ", "who ", "which ", "As ", "as ", "in 2010 ",
    "said ", "told CNN ", "reported ", "according to ", "appeared ", "found ", "called ", "added ", "said, ",
    '"', "“", "”", "''", "'''", "``", "'", "‘", "’", " -- ", " — ", " – ", "(", ")", ": ", ", ", ",", ". ",
    "? ", "\n", "\n\n", "and ", "but ", "that ", "to ", "about half ", "a list, of, things, and more ",
    "On \"CBS This Morning,\" ", "The Latest: ", "Clinton: 1,769. ", "İ", "é", "\u00a0", "\ufeff",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_mix_of_attribution_pieces_gives_claims_that_point_at_their_text(text: str) -> None:
    _check_offsets(text, extract_claims(text))


def test_an_empty_quotation_is_no_ones_speech() -> None:
    """`""` takes no attribution, and marks with no word before a quote are no lead-in (found by
    the test above: a claim with an empty content)."""
    assert extract_claims('""Ruiz said ') == []
    text = '"We won," he said. "" "Again," he added.'
    claims = extract_claims(text)
    _check_offsets(text, claims)
    assert [(c.cue, c.content) for c in claims] == [("said", "We won"), ("added", "Again")]


def test_two_commas_in_a_row_before_a_cue_are_no_appositive() -> None:
    """Nothing between two commas ended the appositive walk with an IndexError (found by the
    test above: "Ruiz , , Ruiz , said ")."""
    for text in ("Ruiz , , Ruiz , said ", "Ruiz, , said it would rain.", "The mayor,, a doctor, said it was fine."):
        _check_offsets(text, extract_claims(text))
