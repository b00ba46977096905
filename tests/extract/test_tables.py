from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from curate.config import Config
from curate.document import RawDoc
from curate.extract import extract_html, page_tree
from curate.extract.tables import is_layout, reflow_tables
from curate.pipeline.document import PipelineContext, annotate_raw

PROSE = ["The council met on Tuesday evening to hear residents who object to the new ferry timetable.",
         "Several speakers said the early sailing had been cut without any notice to the island's schools.",
         "The harbour master answered that crews could not be found for the first crossing of the day."]
LEAD = ("The port authority approved a plan on Tuesday to dredge the northern channel before the winter "
        "storms arrive, officials said, and work starts in March.")
TAIL = "Fishing crews have complained for two years that the channel silts up faster than the city can clear it."


def _extract(body: str) -> RawDoc:
    html = f"<html><head><title>Harbor news</title></head><body><article><p>{LEAD}</p>{body}<p>{TAIL}</p></article></body></html>"
    doc = RawDoc(input_uri="t.html", input_format="html", raw=html.encode(), html=html)
    return extract_html(doc, page_tree(doc))


def _row(*cells: str) -> str:
    return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"


LEAGUE = ("<table><tr><th>Team</th><th>Played</th><th>Won</th><th>Points</th></tr>"
          + _row("Ajax", "12", "9", "29") + _row("PSV", "12", "8", "26") + _row("Feyenoord", "12", "7", "23") + "</table>")


def test_layout_table_becomes_paragraphs_without_bars() -> None:
    doc = _extract("<table>" + _row(PROSE[0], PROSE[1]) + _row(PROSE[2], "") + "</table>")
    assert "|" not in doc.text
    assert doc.text.split("\n\n") == [LEAD, *PROSE, TAIL]


def test_data_table_stays_a_markdown_table() -> None:
    doc = _extract(LEAGUE)
    assert doc.text.split("\n\n") == [LEAD, "| Team | Played | Won | Points |\n| --- | --- | --- | --- |\n"
                                      "| Ajax | 12 | 9 | 29 |\n| PSV | 12 | 8 | 26 |\n| Feyenoord | 12 | 7 | 23 |", TAIL]


def test_headerless_data_table_gets_a_separator_under_its_first_row() -> None:
    lines = reflow_tables(["| Oslo | 4.1 | 12 | ", "| Bergen | 3.9 | 10 | ", "| Tromsø | 2.5 | 7 | "])
    assert lines == ["| Oslo | 4.1 | 12 |\n| --- | --- | --- |\n| Bergen | 3.9 | 10 |\n| Tromsø | 2.5 | 7 |"]


def test_mixed_page_keeps_prose_around_and_between_tables() -> None:
    doc = _extract(f"<table>{_row(PROSE[0], PROSE[1])}</table><p>{PROSE[2]}</p>{LEAGUE}")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[:4] == [LEAD, PROSE[0], PROSE[1], PROSE[2]]
    assert paragraphs[4].startswith("| Team | Played |") and paragraphs[5] == TAIL


def test_escaped_bar_in_a_layout_cell_is_unescaped() -> None:
    assert reflow_tables(["| Prices rose by a tenth this year \\| officials blamed fuel and the long winter. | "]) == [
        "Prices rose by a tenth this year | officials blamed fuel and the long winter."]


def test_classification_from_cells() -> None:
    assert is_layout([[PROSE[0], PROSE[1]]], has_header=False)
    assert is_layout([["Menu"], ["Home"]], has_header=False)  # one column: no grid to keep
    assert not is_layout([["Team", "Won"], ["Ajax", "9"], ["PSV", "8"]], has_header=True)
    wordy_grid = [[PROSE[0], PROSE[1], PROSE[2], PROSE[0]], ["a", "b", "c", "d"]]
    assert not is_layout(wordy_grid, has_header=True)
    assert is_layout([[], [""]], has_header=False)


def test_lines_outside_tables_are_untouched() -> None:
    lines = ["Plain paragraph with trailing space ", "| not a row", "a | b | c"]
    assert reflow_tables(lines) == lines


def test_empty_cells_rowspan_colspan_and_nested_tables_do_not_crash() -> None:
    nested = "<table><tr><td><table>" + _row(PROSE[0], "") + "</table></td><td colspan='3'></td></tr>" \
             "<tr><td rowspan='4'>7</td><td></td></tr><tr></tr></table>"
    doc = _extract(nested * 3)
    assert PROSE[0] in doc.text and LEAD in doc.text


def test_deeply_nested_tables_stay_fast() -> None:
    deep = "<table><tr><td>" * 200 + PROSE[0] + "</td></tr></table>" * 200
    start = time.perf_counter()
    doc = _extract(deep)
    assert time.perf_counter() - start < 10
    assert LEAD in doc.text


def test_ten_thousand_cell_table_stays_fast_and_is_kept() -> None:
    rows = "".join(_row(*(str(r * 10 + c) for c in range(10))) for r in range(1000))
    start = time.perf_counter()
    lines = reflow_tables(["| " + " | ".join(str(r * 10 + c) for c in range(10)) + " | " for r in range(1000)])
    assert time.perf_counter() - start < 2
    assert len(lines) == 1 and lines[0].count("\n") == 1000 and lines[0].split("\n")[1].count("---") == 10
    doc = _extract(f"<table>{rows}</table>")
    assert "| 9990 | 9991 |" in doc.text


def test_adjacent_tables_are_told_apart() -> None:
    doc = _extract(LEAGUE + "<table>" + _row(PROSE[0], PROSE[1]) + "</table>")
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[1].endswith("| Feyenoord | 12 | 7 | 23 |")
    assert paragraphs[2:4] == PROSE[:2]


def test_a_single_row_of_short_cells_is_judged_line_by_line() -> None:
    assert reflow_tables(["| Home | News | Sport | Contact | "]) == ["Home", "News", "Sport", "Contact"]


def test_a_data_table_survives_the_whole_pipeline() -> None:
    html = (f"<html><head><title>Harbor news</title></head><body><article><h1>Harbor news</h1><p>{LEAD}</p>"
            f"{LEAGUE}<p>{PROSE[0]}</p><p>{TAIL}</p></article></body></html>")
    row = annotate_raw(RawDoc(input_uri="t.html", input_format="html", raw=html.encode(), html=html),
                       PipelineContext.create(Config()))
    assert "| Team | Played | Won | Points |\n| --- | --- | --- | --- |\n| Ajax | 12 | 9 | 29 |" in row["text"]
    assert not any("Ajax" in span["text"] for span in row["boilerplate"])


_CELL_TEXT = st.lists(st.sampled_from([*"ab1 .|\\-:", "word ", "x" * 120]), max_size=30).map("".join)
_LINE = st.one_of(_CELL_TEXT.map(lambda text: text.strip() or "p"),
                  st.lists(_CELL_TEXT, min_size=1, max_size=6).map(lambda cells: "| " + " | ".join(cells) + " | "))


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINE, max_size=12))
def test_reflow_never_loses_or_invents_words(lines: list[str]) -> None:
    out = reflow_tables(lines)
    assert re.findall(r"\w+", "\n".join(out)) == re.findall(r"\w+", "\n".join(lines))
