"""The printed byline: which element counts, and which does not."""

from __future__ import annotations

import lxml.html

from curate.extract.byline import printed_byline


def _byline(body: str) -> str | None:
    return printed_byline(lxml.html.document_fromstring(f"<html><body>{body}</body></html>"))


def test_a_specific_byline_wins_over_an_earlier_generic_one() -> None:
    assert _byline('<div class="post-author-box">Ana Ruiz</div><p>x</p><a rel="author">Bo  Li</a>') == "Bo Li"


def test_generic_byline() -> None:
    assert _byline('<p class="byline">By Ana Ruiz</p>') == "By Ana Ruiz"


def test_comment_threads_and_sidebars_do_not_count() -> None:
    assert _byline('<ol class="commentlist"><li><span class="author">A Commenter</span></li></ol>'
                   '<div id="comments"><a rel="author">Another</a></div><aside class="sidebar">'
                   '<p class="byline">Sidebar Author</p></aside>') is None


def test_a_paragraph_or_an_initial_is_no_byline() -> None:
    assert _byline(f'<div class="author">{"word " * 40}</div><span class="byline">A</span>') is None
