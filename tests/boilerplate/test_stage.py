"""The boilerplate stage's template lines: a line longer than the corpus pass keys is never looked up."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.boilerplate import remove_boilerplate
from curate.templates import line_key, line_keys

PROSE = "The council approved the budget on Wednesday after a long and bitter debate over the harbour."
FOOTER = "Bay Times reporters staff the harbor desk on weekdays"


def test_a_template_line_is_removed_within_the_length_the_corpus_pass_keys() -> None:
    document = f"{PROSE}\n\n{FOOTER}\n\n{PROSE} Again."
    cleaned = remove_boilerplate(document, "en", frozenset({line_key(FOOTER)}), template_chars=len(FOOTER))
    assert [(s.kind, s.text.strip()) for s in cleaned.spans] == [("template_line", FOOTER)]
    assert cleaned.flags["template_line"] and FOOTER not in cleaned.text


def test_a_longer_line_is_not_looked_up() -> None:
    """Only a line the corpus pass would not key (longer than `max_line_chars`) is spared; with no
    limit every line is looked up, as before."""
    document = f"{PROSE}\n\n{FOOTER}\n\n{PROSE} Again."
    keys = frozenset({line_key(FOOTER), line_key(PROSE)})
    limited = remove_boilerplate(document, "en", keys, template_chars=len(FOOTER))
    unlimited = remove_boilerplate(document, "en", keys)
    assert [s.text.strip() for s in limited.spans] == [FOOTER]
    assert [s.text.strip() for s in unlimited.spans] == [PROSE, FOOTER]


_SAMPLES = ["", FOOTER, FOOTER.upper(), "Share this", "Comments (12)", "Comments (7)", PROSE, PROSE + " Again.",
            "x" * 250, "Read more: " + "y " * 120]
_LINES = st.sampled_from(_SAMPLES)
# Any limit, and most often one at a sample line's length or one off it.
_LIMITS = st.one_of(st.integers(1, 300), st.sampled_from(sorted({len(line) + d for line in _SAMPLES for d in (-1, 0, 1)} - {-1, 0})))


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=12), st.lists(_LINES, max_size=6), _LIMITS)
def test_the_limit_changes_nothing_for_the_keys_the_corpus_pass_gives(lines: list[str], corpus: list[str],
                                                                       max_chars: int) -> None:
    """Template keys come from `line_keys(..., max_chars)`: judged with that limit or none, a
    document comes out the same (the limit only spares work)."""
    document = "\n".join(lines)
    templates = frozenset(line_keys("\n".join(corpus + lines[:3]), max_chars))
    assert remove_boilerplate(document, "en", templates, template_chars=max_chars) == \
        remove_boilerplate(document, "en", templates)
