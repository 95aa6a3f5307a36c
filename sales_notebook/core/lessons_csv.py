"""Lessons as CSV, one row per lesson, for a spreadsheet.

A cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a
carriage return) is written with a leading apostrophe, so that opening an export never runs
what a note happened to start with (OWASP "CSV injection"). Spreadsheets skip leading blanks
and may fold look-alike signs, so the sign is looked for after whitespace, line breaks and
invisible characters (Unicode categories Z*, Cc, Cf), with the text in NFKC form (a fullwidth
＝ is =).
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence

from sales_notebook.core.lessons_markdown import LessonText

COLUMNS = (
    "date", "account", "outcome", "title", "root causes", "external causes",
    "what happened", "do differently", "how it felt",
)  # fmt: skip
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


FORMULA_SIGNS = ("=", "+", "-", "@")
_SKIPPED_CATEGORIES = ("Zs", "Zl", "Zp", "Cc", "Cf")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could read `text` as a formula."""
    if text.startswith(FORMULA_STARTS):
        return True
    for char in unicodedata.normalize("NFKC", text):
        if char.isspace() or unicodedata.category(char) in _SKIPPED_CATEGORIES:
            continue
        return char in FORMULA_SIGNS
    return False


def _cell(text: str) -> str:
    return "'" + text if looks_like_formula(text) else text


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
