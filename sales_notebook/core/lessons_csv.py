"""Lessons as CSV, one row per lesson, for a spreadsheet.

A cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a
carriage return) is written with a leading apostrophe, so that opening an export never runs
what a note happened to start with (OWASP "CSV injection").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from sales_notebook.core.lessons_markdown import LessonText

COLUMNS = (
    "date", "account", "outcome", "title", "root causes", "external causes",
    "what happened", "do differently", "how it felt",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def lessons_csv(lessons: Sequence[LessonText]) -> str:
    """The lessons as CSV text (a header row, then one row each; causes joined by "; ")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for lesson in lessons:
        writer.writerow(
            _cell(value)
            for value in (
                lesson.created.isoformat(),
                lesson.account,
                (lesson.outcome or "").replace("_", " "),  # as in the Markdown export
                lesson.title,
                "; ".join(c.name for c in lesson.causes),
                "; ".join(c.name for c in lesson.causes if not c.controllable),
                lesson.what_happened,
                lesson.do_differently,
                lesson.feeling,
            )
        )
    return out.getvalue()
