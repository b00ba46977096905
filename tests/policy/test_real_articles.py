"""The default policy keeps every real article: all 2,225 of the BBC corpus, and every page of the
extraction bench's dev split that is really an article.

A dev page is really an article when the bench's human-written gold text (`articleBody`) has at
least `min_words` words: shorter ones are not kept by any version of the policy. Such a page must be
kept twice: built from its gold text as a plain-text document (the rules judged on the article
itself) and built from its HTML as `curate build` does (the rules judged on what extraction kept).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

from conftest import needs_shared
from curate.config import Config
from curate.document import RawDoc
from curate.pipeline.document import PipelineContext, annotate_raw
from curate.policy import drop_reason
from curate.signals.words import count_words

POLICY = Config().policy


def _dropped(docs: Iterator[RawDoc]) -> dict[str, tuple[str, str]]:
    ctx = PipelineContext.create(Config())
    verdicts = {doc.input_uri: drop_reason(annotate_raw(doc, ctx), POLICY) for doc in docs}
    return {uri: verdict for uri, verdict in verdicts.items() if verdict is not None}


def test_every_bbc_article_is_kept() -> None:
    corpus = needs_shared("bench", "corpus", "news.jsonl.gz")
    with gzip.open(corpus, "rt", encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    assert len(records) == 2225
    docs = (RawDoc(input_uri=r["id"], input_format="jsonl", raw=b"", text=r["text"], title=r["title"]) for r in records)
    assert _dropped(docs) == {}


def test_every_dev_page_that_is_an_article_is_kept() -> None:
    folder = needs_shared("bench", "extraction", "dev")
    gold = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    articles = {page: truth["articleBody"] for page, truth in gold.items()
                if count_words(truth["articleBody"]) >= POLICY.min_words}
    assert len(articles) >= 80, "the dev split has 83 pages, nearly all articles"
    as_text = (RawDoc(input_uri=page, input_format="txt", raw=b"", text=text) for page, text in articles.items())
    assert _dropped(as_text) == {}
    pages = (gzip.decompress((folder / "html" / f"{page}.html.gz").read_bytes()).decode("utf-8") for page in articles)
    as_html = (RawDoc(input_uri=page, input_format="html", raw=b"", html=html) for page, html in zip(articles, pages))
    assert _dropped(as_html) == {}
