"""JSON-LD facts: which node is the article's, and the bounds on what a page may send."""

from __future__ import annotations

import json

import lxml.html

from curate.extract.json_ld import ArticleFacts, article_facts


def _facts(*values: object) -> ArticleFacts:
    scripts = "".join(f'<script type="application/ld+json">{json.dumps(v)}</script>' for v in values)
    return article_facts(lxml.html.document_fromstring(f"<html><head>{scripts}</head><body><p>t</p></body></html>"))


def test_the_article_node_wins_over_the_page_node() -> None:
    page = {"@type": "WebPage", "name": "Page name", "url": "https://a.example/p"}
    article = {"@type": "http://schema.org/BlogPosting", "headline": "Post", "author": "Ana Ruiz"}
    assert _facts(page, article) == ArticleFacts(headline="Post", authors=("Ana Ruiz",))


def test_the_page_node_when_there_is_no_article() -> None:
    assert _facts({"@type": "WebPage", "name": "Page name", "@id": "https://a.example/p"}) == ArticleFacts(
        headline="Page name", url="https://a.example/p")


def test_other_script_types_and_too_many_nodes_are_not_read() -> None:
    crowd = [{"@type": "Thing"} for _ in range(3_000)]
    assert _facts(crowd + [{"@type": "Article", "headline": "Late"}]) == ArticleFacts()
    html = '<html><head><script type="application/json">{"@type": "Article", "headline": "x"}</script></head></html>'
    assert article_facts(lxml.html.document_fromstring(html)) == ArticleFacts()
