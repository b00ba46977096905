from __future__ import annotations

from collections import Counter

from curate.config import SplitsConfig
from curate.signals.identity import assign_split, canonical_url, content_hash, document_id, domain_of


def test_canonical_url_drops_noise() -> None:
    assert canonical_url("HTTPS://www.News.example/a/b/?utm_source=x&id=3#top") == "https://news.example/a/b?id=3"


def test_id_is_stable_and_from_source_identity() -> None:
    a = document_id("https://news.example/story?utm_medium=rss", "feeds.jsonl#0")
    b = document_id("https://www.news.example/story/", "other.jsonl#9")
    assert a == b and len(a) == 32
    assert document_id(None, "txt/a.txt") != document_id(None, "txt/b.txt")


def test_content_hash() -> None:
    assert content_hash("x") == content_hash("x") != content_hash("y")


def test_domain() -> None:
    assert domain_of("https://www.harborgazette.example/x") == "harborgazette.example"
    assert domain_of(None) is None


def test_split_is_stable_and_follows_ratios() -> None:
    splits = SplitsConfig(train=0.8, validation=0.1, test=0.1)
    ids = [document_id(None, f"doc-{n}") for n in range(20000)]
    first = [assign_split(i, splits) for i in ids]
    assert first == [assign_split(i, splits) for i in ids]
    counts = Counter(first)
    assert abs(counts["train"] / 20000 - 0.8) < 0.02
    assert abs(counts["validation"] / 20000 - 0.1) < 0.01
    assert abs(counts["test"] / 20000 - 0.1) < 0.01
