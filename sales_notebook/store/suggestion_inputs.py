"""What the root-cause suggester reads from the notebook besides a call's notes: the seller's
causes in their own words, and their tagged lessons.

One reader for the post-mortem wizard (through `LessonsService.for_suggestions`) and for
`sales-notebook lessons suggest`, so both suggest from the same causes and lessons. It is
plain SQL over a DB-API connection: the command line answers without importing SQLAlchemy,
which costs it about half a second of CPU (docs/QUALITY.md, Speed).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sales_notebook.core.cause_texts import CauseText, PastLesson
from sales_notebook.store.errors import storage_errors
from sales_notebook.store.sqlite_file import open_read_only

SUGGESTION_LESSONS = 300
"""The suggester compares notes with this many of the newest lessons."""
NOTES_CHARS = 1_500
"""Of a lesson's call, the suggester reads the first this many characters of its notes: about
250 words, the longest notes its closeness threshold was measured on (docs/QUALITY.md). At
4,000, a seller with 300 lessons on long calls waited 1.2 s of CPU for each suggestion."""


@dataclass(frozen=True)
class SuggestionInputs:
    """The seller's causes (retired ones left out), in display order, and their tagged lessons."""

    causes: tuple[CauseText, ...]
    lessons: tuple[PastLesson, ...]


def read_causes(connection: Any) -> tuple[CauseText, ...]:
    """The causes offered for new lessons, in the seller's order, in the seller's words."""
    rows = connection.execute(
        "SELECT id, name, question, prompt FROM root_cause WHERE NOT retired "
        "ORDER BY sort_order, name"
    ).fetchall()
    return tuple(
        CauseText(i, name, question or "", prompt or "") for i, name, question, prompt in rows
    )


def read_lessons(
    connection: Any, *, exclude_call_id: int | None = None, limit: int = SUGGESTION_LESSONS
) -> tuple[PastLesson, ...]:
    """The newest `limit` lessons that have causes, as the suggester reads them: their words,
    their causes' evidence and their call's notes (cut to NOTES_CHARS), with their causes
    (in the order they were ticked)."""
    rows = connection.execute(
        "SELECT lesson.id, lesson.title, lesson.what_happened, lesson.do_differently, "
        "substr(call.notes, 1, ?) FROM lesson LEFT JOIN call ON call.id = lesson.call_id "
        "WHERE ? IS NULL OR lesson.call_id IS NULL OR lesson.call_id != ? "
        "ORDER BY lesson.created_at DESC, lesson.id DESC LIMIT ?",
        (NOTES_CHARS, exclude_call_id, exclude_call_id, max(limit, 0)),
    ).fetchall()
    causes: dict[int, list[tuple[str, str]]] = {}
    ids = [row[0] for row in rows]
    for start in range(0, len(ids), 500):  # SQLite allows 999 parameters in older builds
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for lesson_id, cause_id, evidence in connection.execute(
            "SELECT lesson_id, cause_id, evidence FROM lesson_cause "
            f"WHERE lesson_id IN ({marks}) ORDER BY lesson_id, rowid",
            chunk,
        ):
            causes.setdefault(lesson_id, []).append((cause_id, evidence or ""))
    lessons = []
    for lesson_id, title, what_happened, do_differently, notes in rows:
        tagged = causes.get(lesson_id)
        if not tagged:
            continue
        parts = (title, what_happened, do_differently, *(e for _, e in tagged), notes)
        text = "\n".join(part for part in parts if part and part.strip())
        lessons.append(PastLesson(lesson_id, title, text, tuple(c for c, _ in tagged)))
    return tuple(lessons)


def read_suggestion_inputs(database: Path) -> SuggestionInputs:
    """The causes and lessons of the notebook file at `database` (which must exist and be
    at the current revision), read on a read-only connection."""
    with storage_errors(database):
        connection = open_read_only(database)
        try:
            connection.execute("BEGIN")  # one read: the causes and lessons of the same moment
            return SuggestionInputs(read_causes(connection), read_lessons(connection))
        finally:
            connection.close()


__all__ = [
    "NOTES_CHARS",
    "SUGGESTION_LESSONS",
    "SuggestionInputs",
    "read_causes",
    "read_lessons",
    "read_suggestion_inputs",
]
