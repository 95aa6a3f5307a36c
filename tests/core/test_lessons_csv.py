"""The CSV export reads back as the same lessons, and never hands a spreadsheet a formula."""

from __future__ import annotations

import csv
import io
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from sales_notebook.core.lessons_csv import COLUMNS, lessons_csv, looks_like_formula
from sales_notebook.core.lessons_markdown import CauseText, LessonText


def lesson(**changes: object) -> LessonText:
    fields: dict[str, object] = {
        "title": "Budget cut in a reorg", "account": "Altamira, Schools", "outcome": "no_decision",
        "created": date(2026, 11, 2),
        "causes": (CauseText("Avoided hard talk"), CauseText("Wrong priority", "", False)),
        "what_happened": 'The board said "no".\nTwo lines.', "do_differently": "Ask early.",
    }  # fmt: skip
    fields.update(changes)
    return LessonText(**fields)  # type: ignore[arg-type]


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_one_row_per_lesson_with_quotes_commas_and_new_lines_intact() -> None:
    header, row = rows(lessons_csv([lesson()]))
    assert tuple(header) == COLUMNS
    assert dict(zip(header, row, strict=True)) == {
        "date": "2026-11-02", "account": "Altamira, Schools", "outcome": "no decision",
        "title": "Budget cut in a reorg", "root causes": "Avoided hard talk; Wrong priority",
        "external causes": "Wrong priority", "what happened": 'The board said "no".\nTwo lines.',
        "do differently": "Ask early.", "how it felt": "",
    }  # fmt: skip


def test_cells_a_spreadsheet_would_run_as_formulas_are_defused() -> None:
    [_, row] = rows(lessons_csv([lesson(title='=HYPERLINK("http://x")', do_differently="-1+2")]))
    assert row[COLUMNS.index("title")] == '\'=HYPERLINK("http://x")'
    assert row[COLUMNS.index("do differently")] == "'-1+2"
    assert row[COLUMNS.index("account")] == "Altamira, Schools"  # left alone


def test_no_lessons_is_just_the_header() -> None:
    assert rows(lessons_csv([])) == [list(COLUMNS)]


@given(st.text(), st.text())
def test_any_text_reads_back(title: str, notes: str) -> None:
    [_, row] = rows(lessons_csv([lesson(title=title, what_happened=notes)]))
    for written, read in ((title, row[3]), (notes, row[6])):
        assert read == ("'" + written if looks_like_formula(written) else written)
        if written.startswith(("=", "+", "-", "@", "\t", "\r")):
            assert read.startswith("'")
