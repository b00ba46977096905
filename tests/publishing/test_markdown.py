"""Card Markdown: any value renders as itself, in its own cell, and starts no markup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.publishing.markdown import Markdown, code, fenced, one_line, paragraphs, table, text
from publishing.rendered import render

HOSTILE = [
    "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[x](javascript:alert(1))",
    "![x](https://evil.example/x.png)", "<https://evil.example>", "a | b | c", "line one\nline two\r\n| x |",
    "`code` ``more``", "*bold* _em_ **strong** __strong__", "~~gone~~", "# heading", "- item", "1. item",
    "> quote", "---", "===", "&lt;b&gt; &amp;", "back\\slash \\| pipe", "$x^2$", "\u2028sep\u0085nel\x00nul",
    "   indented code", "\ud800 lone surrogate", "",
]


def _shown(value: str) -> str:
    """What a reader should see: the value on one line (markdown-it shows U+FFFD for NUL too)."""
    return one_line(value)


def test_hostile_values_in_a_table_render_as_themselves_in_their_own_cell() -> None:
    page = render(table(("value", "n"), [(value, "1") for value in HOSTILE]))
    assert page.rows == [["value", "n"]] + [[_shown(value), "1"] for value in HOSTILE]
    assert {tag for tag, _ in page.tags} == {"table", "thead", "tbody", "tr", "th", "td"}


def test_hostile_values_as_text_lines_and_list_items_start_no_markup() -> None:
    page = render("\n".join(f"- {text(value)}" for value in HOSTILE) + "\n\n" + paragraphs("\n\n".join(HOSTILE)))
    assert {tag for tag, _ in page.tags} == {"ul", "li", "p"}
    assert sum(tag == "li" for tag, _ in page.tags) == len(HOSTILE)


def test_no_raw_html_character_survives() -> None:
    for value in HOSTILE:
        assert not set(text(value)) & set("<>\n\r") and "&" not in text(value).replace("&amp;", "").replace(
            "&lt;", "").replace("&gt;", "")


def test_code_spans_only_for_values_a_code_span_shows_as_they_are() -> None:
    assert code("policy_too_short") == "`policy_too_short`"
    assert code("git -C data/hub checkout v1.0.0") == "`git -C data/hub checkout v1.0.0`"
    for value in ("a`b", "x|y", "<b>", "a\nb", "back\\slash", ""):
        assert code(value) == text(value)


def test_a_fence_outlasts_any_backticks_inside() -> None:
    body = "```\n````\nstill code <b>"
    page = render(fenced(body, "json") + "\n\nafter")
    assert [tag for tag, _ in page.tags] == ["pre", "code", "p"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_any_text_stays_in_its_cell(values: list[str]) -> None:
    page = render(table(("a", "b", "c"), [(value, Markdown("`x`"), value) for value in values]))
    assert page.rows[1:] == [[_shown(value), "x", _shown(value)] for value in values]
    assert {tag for tag, _ in page.tags} <= {"table", "thead", "tbody", "tr", "th", "td", "code"}
