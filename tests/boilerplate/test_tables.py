from __future__ import annotations

from curate.boilerplate import remove_boilerplate
from curate.boilerplate.tables import keep_tables, table_rows, without_table_markup
from curate.boilerplate.verdict import LineVerdict

MENU = LineVerdict("navigation", 0.9, "model_v1:outside_block")
BODY = ("The port authority approved a plan on Tuesday to dredge the northern channel before the winter storms "
        "arrive, officials said, and the work is due to start in March.")
TABLE = ["| Team | Played | Won |", "| --- | --- | --- |", "| Ajax | 12 | 9 |", "| PSV | 12 | 8 |"]


def test_rows_of_a_markdown_table_block() -> None:
    lines = ["intro", *TABLE, "", "| Home | News |", "after"]
    assert table_rows(lines) == {1, 2, 3, 4}


def test_bar_lines_without_a_separator_row_are_not_a_table() -> None:
    assert table_rows(["| Home | News | Sport |", "| Login | Subscribe |"]) == set()
    assert table_rows(["Home | News | Sport", "| --- | --- |"]) == set()


def test_keep_tables_clears_only_table_rows() -> None:
    lines = ["Home", *TABLE]
    verdicts = keep_tables(lines, [MENU] * len(lines))
    assert verdicts == [MENU, None, None, None, None]


def test_the_line_stage_never_removes_a_data_table() -> None:
    document = "\n\n".join([BODY, "\n".join(TABLE), BODY.replace("Tuesday", "Monday")])
    result = remove_boilerplate(document, "en")
    assert "\n".join(TABLE) in result.text
    assert not any("Ajax" in span.text for span in result.spans)


def test_table_markup_is_not_words() -> None:
    text = f"{BODY}\n\n" + "\n".join(TABLE)
    assert without_table_markup(text) == f"{BODY}\n\n  Team   Played   Won  \n  Ajax   12   9  \n  PSV   12   8  "
    menu = "| Home | News |\n| About | --- |"
    assert without_table_markup(menu) == menu and without_table_markup(BODY) == BODY
