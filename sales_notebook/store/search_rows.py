"""What a search hit shows besides its rank: the document's details and its snippet in the
letters the seller wrote. Rowids are the search index's: a lesson's id, or minus a call's id."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection

from sales_notebook.core.snippet_letters import FOLDED_LETTERS, in_written_letters
from sales_notebook.store.fts import ELLIPSIS, MARK_END, MARK_START, SNIPPET_TOKENS

Kind = Literal["lesson", "call"]
CAUSE_SEPARATOR = "\x1f"


def details(conn: Connection, rowids: list[int]) -> dict[int, tuple[Any, ...]]:
    """(title, account, outcome, date, call id, causes) of each document by its rowid."""
    out: dict[int, tuple[Any, ...]] = {}
    sources: tuple[tuple[Kind, str, str, int], ...] = (
        ("lesson", "created_at", "l.call_id", 1),
        ("call", "started_at", "l.id", -1),
    )
    for kind, when, owner, sign in sources:
        ids = [sign * r for r in rowids if r * sign > 0]
        if not ids:
            continue
        sql = (
            f"SELECT l.id, l.title, a.name, l.outcome, l.{when}, {owner}, {causes_sql(kind)} "
            f"FROM {kind} l LEFT JOIN account a ON a.id = l.account_id "
            f"WHERE l.id IN ({', '.join('?' * len(ids))})"
        )
        for row in conn.exec_driver_sql(sql, tuple(ids)):
            out[sign * int(row[0])] = tuple(row[1:])
    return out


def dates(conn: Connection, rowids: list[int]) -> dict[int, object]:
    """The stored date of each document by its rowid (a lesson's creation, a call's start)."""
    out: dict[int, object] = {}
    for sql, sign in (
        ("SELECT id, created_at FROM lesson WHERE id IN ({})", 1),
        ("SELECT id, started_at FROM call WHERE id IN ({})", -1),
    ):
        ids = [sign * r for r in rowids if r * sign > 0]
        if ids:
            rows = conn.exec_driver_sql(sql.format(", ".join("?" * len(ids))), tuple(ids))
            out.update((sign * int(r[0]), r[1]) for r in rows)
    return out


def written_snippets(conn: Connection, snippets: dict[int, str]) -> dict[int, str]:
    """The snippets that came from the index's folded copy, in the letters the seller wrote
    (the others as they are)."""
    rowids = [r for r, text in snippets.items() if text and not FOLDED_LETTERS.search(text)]
    out = dict(snippets)
    for sql, ids in (
        (_LESSON_TEXT, [r for r in rowids if r > 0]),
        (_CALL_TEXT, [-r for r in rowids if r < 0]),
    ):
        if not ids:
            continue
        for row in conn.exec_driver_sql(sql.format(", ".join("?" * len(ids))), tuple(ids)):
            fields = [str(f or "") for f in row[1:]]
            marks = (MARK_START, MARK_END)
            out[row[0]] = in_written_letters(out[row[0]], fields, marks, ELLIPSIS)
    return out


# The fields of a document that migration 0006's view folds, in its order (a test compares).
_LESSON_TEXT = (
    "SELECT l.id, l.title, l.what_happened, l.do_differently, l.feeling, "
    "(SELECT group_concat(t, ' ') FROM (SELECT r.name || ' ' || x.evidence AS t "
    "FROM lesson_cause x JOIN root_cause r ON r.id = x.cause_id "
    "WHERE x.lesson_id = l.id ORDER BY x.cause_id)) FROM lesson l WHERE l.id IN ({})"
)
_CALL_TEXT = "SELECT -id, title, notes FROM call WHERE id IN ({})"


def when(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def opening(text: str, words: int = SNIPPET_TOKENS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (ELLIPSIS if len(parts) > words else "")


def causes_sql(kind: Kind) -> str:
    """A column with the row's causes (for a call: its lessons' causes) in taxonomy order."""
    owner = "x.lesson_id" if kind == "lesson" else "y.call_id"
    return (
        f"(SELECT group_concat(cause_id, '{CAUSE_SEPARATOR}') FROM (SELECT x.cause_id "
        "FROM lesson_cause x JOIN lesson y ON y.id = x.lesson_id "
        f"JOIN root_cause r ON r.id = x.cause_id WHERE {owner} = l.id "
        "GROUP BY x.cause_id ORDER BY min(r.sort_order), x.cause_id))"
    )


def split(causes: object) -> tuple[str, ...]:
    return tuple(str(causes).split(CAUSE_SEPARATOR)) if causes else ()
