"""What the first half tells the second about a document's origin: text an extractor chose from
a page is judged by the boilerplate stage with that in mind (`remove_boilerplate(extracted=)`)."""

from __future__ import annotations

from curate.config import Config
from curate.document import RawDoc
from curate.pipeline.prepare import prepare, prepared_from_row

SENTENCES = ["The port authority approved a plan on Tuesday to dredge the northern channel before winter.",
             "Engineers said the work would take eleven weeks and cost about four million dollars in total."]


def test_a_page_is_marked_extracted_and_a_text_file_is_not() -> None:
    html = "<html><body><article>" + "".join(f"<p>{s}</p>" for s in SENTENCES) + "</article></body></html>"
    page = prepare(RawDoc(input_uri="p.html", input_format="html", raw=html.encode(), html=html), Config())
    text = "\n\n".join(SENTENCES)
    plain = prepare(RawDoc(input_uri="p.txt", input_format="txt", raw=text.encode(), text=text), Config())
    assert (page.extracted, plain.extracted) == (True, False)


def test_a_rebuild_marks_rows_of_pages_extracted() -> None:
    def row(input_format: str) -> dict:
        source = {"input_uri": "x", "input_format": input_format, "url": None, "domain": None, "name": None,
                  "published": None, "authors": []}
        return {"source": source, "provenance": {"input_sha256": "ab" * 32}, "text": SENTENCES[0], "boilerplate": [],
                "title": None, "subtitle": None}

    assert [prepared_from_row(row(f)).extracted for f in ("html", "warc", "txt", "jsonl")] == [True, True, False, False]
