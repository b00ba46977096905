"""The document viewer: removed spans back where they were, claims marked, everything escaped."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

import pyarrow.parquet as pq

from curate.boilerplate.spans import reconstruct
from curate.pipeline.build import BuildResult
from curate.reporting.viewer import document_html, insertion_points, page_name, render_document

VOID = {"meta", "input", "br"}


class _Reader(HTMLParser):
    """The document's text as a reader sees it (kind labels and claim numbers left out), and a
    check that every tag closes in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.stack: list[tuple[str, bool]] = []
        self.removed: list[str] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        found = dict(attrs)
        skip = tag == "sup" or found.get("class") == "kind" or any(s for _, s in self.stack)
        self.stack.append((tag, skip))
        self.classes.append(found.get("class") or "")
        if tag == "del":
            self.removed.append(found["data-kind"] or "")

    def handle_endtag(self, tag: str) -> None:
        opened, _ = self.stack.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"

    def handle_data(self, data: str) -> None:
        if not any(skip for _, skip in self.stack):
            self.text.append(data)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    assert not reader.stack, "every tag is closed"
    return reader


def _claim(content: tuple[int, int], source: tuple[int, int] | None, cue: tuple[int, int], text: str,
           status: str = "asserted") -> dict[str, Any]:
    return {"content": text[content[0]:content[1]], "content_start": content[0], "content_end": content[1],
            "content_parts": [{"start": content[0], "end": content[1]}],
            "source": text[source[0]:source[1]] if source else None,
            "source_start": source[0] if source else None, "source_end": source[1] if source else None,
            "cue": text[cue[0]:cue[1]], "cue_start": cue[0], "cue_end": cue[1], "kind": "reported_speech",
            "status": status}


def _at(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _row() -> dict[str, Any]:
    normalized = "Share <b>this</b>\n\nThe mayor said taxes & fees <will> rise.\n\nAds\n\nHe said \"no\"."
    text = "The mayor said taxes & fees <will> rise.\n\nHe said \"no\"."
    share, ads = _at(normalized, "Share <b>this</b>\n\n"), _at(normalized, "Ads\n\n")
    spans = [{"kind": "share_widget", "text": normalized[slice(*share)], "start": share[0], "end": share[1],
              "score": 0.9, "rule": "lexicon_v1:share_widget"},
             {"kind": "advertising", "text": normalized[slice(*ads)], "start": ads[0], "end": ads[1], "score": 0.8,
              "rule": "model"}]
    assert reconstruct(text, spans) == normalized
    claims = [_claim(_at(text, "taxes & fees <will> rise"), _at(text, "The mayor"), _at(text, "said"), text),
              # overlaps the first claim's source and cue
              _claim(_at(text, "yor sa"), _at(text, "The mayor"), _at(text, "said"), text, "hedged"),
              _claim(_at(text, '"no"'), _at(text, "He"), _at(text, "said", 20), text, "denied")]
    return {"id": "doc-1", "title": "A <title> & more", "subtitle": None, "text": text, "boilerplate": spans,
            "claims": claims, "language": "en", "language_score": 0.99, "split": "train",
            "boilerplate_ratio": 0.2,
            "quality": {"n_words": 14},
            "source": {"name": "Gazette", "url": "https://x.example/a?b=1&c=<2>", "input_uri": "a.txt",
                       "input_format": "txt", "published": None, "authors": []}}


def test_insertion_points_are_in_kept_text() -> None:
    row = _row()
    assert insertion_points(row["boilerplate"]) == [0, row["text"].index("He said")]


def test_page_shows_the_normalized_document_with_spans_and_claims() -> None:
    row = _row()
    html = render_document(row, dataset="news 1.0.0", back="../index.html")
    reader = read(html)
    body = read(document_html(row))
    assert "".join(body.text) == reconstruct(row["text"], row["boilerplate"])
    assert body.removed == ["share_widget", "advertising"]
    assert "<b>" not in html and "&lt;b&gt;this&lt;/b&gt;" in html and "&lt;will&gt;" in html
    assert "&lt;title&gt; &amp; more" in html and "c=&lt;2&gt;" in html
    assert any("c-content" in c and "c-source" in c for c in body.classes), "overlapping claims share a piece"
    assert html.count('<tr id="claim-') == 3 and "denied" in html and "hedged" in html
    assert 'href="../index.html"' in html and "<script" not in html
    assert reader.text, "the page parses"


def test_dropped_document_has_a_banner() -> None:
    html = render_document(_row(), dataset="news 1.0.0", reason="policy_too_short")
    assert "dropped by <b>policy_too_short</b>" in html


def test_every_sample_document_rebuilds(sample_build: BuildResult) -> None:
    for shard in sample_build.manifest["shards"]:
        for row in pq.read_table(sample_build.path / shard["path"]).to_pylist():
            reader = read(document_html(row))
            assert "".join(reader.text) == reconstruct(row["text"], row["boilerplate"]), row["id"]
            assert len(reader.removed) == len(row["boilerplate"])


def test_page_names_are_file_safe() -> None:
    assert page_name("a54f3711d2bcfc71d6378a7c6faceb2a") == "a54f3711d2bcfc71d6378a7c6faceb2a.html"
    for unsafe in ("../../etc/passwd", "a/b", ".hidden", "x" * 200):
        name = page_name(unsafe)
        assert name.startswith("id-") and "/" not in name and name != page_name("other")
