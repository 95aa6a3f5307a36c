"""What a value must be to go into a column, read from the models' columns.

The type, nullability and default of each column come from SQLAlchemy; the few rules a column
type cannot say (its vocabulary, the window's length limit, a range) are listed here by
"table.column". A column added to the models later is checked by its type with no new code.
Used by import (every field of every row) and by `check` (vocabularies of stored rows).
"""

from __future__ import annotations

import math
import re
import uuid
from datetime import UTC, date, datetime

from sqlalchemy import Boolean, CheckConstraint, Column, Date, DateTime, Float, Integer, String
from sqlalchemy import Table as SaTable

from sales_notebook.core.qualification import FRAMEWORKS
from sales_notebook.core.vocabulary import (
    Attitude,
    Coverage,
    DecisionRole,
    Knowledge,
    LinkKind,
    MarkerKind,
    Outcome,
)
from sales_notebook.store.calls import MAX_NOTES_CHARS
from sales_notebook.store.live_call import MAX_MARKER_TEXT
from sales_notebook.store.next_steps import MAX_STEP_CHARS
from sales_notebook.store.qualification import MAX_ITEM_NOTE
from sales_notebook.store.sqlite_lib import sqlite3
from sales_notebook.store.stakeholders import MAX_PERSON_NOTES

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "stakeholder.decision_role": tuple(DecisionRole),
    "stakeholder.attitude": tuple(Attitude),
    "stakeholder.coverage": tuple(Coverage),
    "stakeholder_link.kind": tuple(LinkKind),
    "call.outcome": tuple(Outcome),
    "lesson.outcome": tuple(Outcome),
    "call_marker.kind": tuple(MarkerKind),
    "qualification_item.state": tuple(Knowledge),
    "qualification_item.framework": tuple(FRAMEWORKS),
    "qualification_item.field": tuple(
        dict.fromkeys(f.key for fw in FRAMEWORKS.values() for f in fw.fields)
    ),
    "deal.checklist": tuple(FRAMEWORKS),
    "team_outbox.action": ("publish", "unpublish"),
}
"""Columns holding one of a closed set of words."""

TEXT_LIMITS: dict[str, int] = {
    "call.notes": MAX_NOTES_CHARS,
    "call_marker.text": MAX_MARKER_TEXT,
    "next_step.text": MAX_STEP_CHARS,
    "qualification_item.note": MAX_ITEM_NOTE,
    "stakeholder.notes": MAX_PERSON_NOTES,
}
"""The window's limits on long text; a String(n) column has its own n."""
DEFAULT_TEXT_LIMIT = MAX_NOTES_CHARS
"""Any other long text: no field may hold more than a call's notes."""

UUID_TEXTS = frozenset({"lesson.uuid", "team_outbox.lesson_uuid"})
"""Text columns holding a UUID (the team server reads them as its uuid type)."""
TIME_TEXTS = frozenset({"team_outbox.queued_at"})
"""Text columns holding an ISO date and time (in UTC: an offset is converted)."""

RANGES: dict[str, tuple[int, int]] = {
    "call_marker.elapsed_seconds": (0, 2**31 - 1),
    "call_marker.position": (0, MAX_NOTES_CHARS),
}
"""Whole numbers with a narrower range than SQLite's 64 bits (CHECK ... BETWEEN adds more)."""
INT64 = (-(2**63), 2**63 - 1)

_BETWEEN = re.compile(r"^\s*(\w+)\s+BETWEEN\s+(-?\d+)\s+AND\s+(-?\d+)\s*$", re.IGNORECASE)


class FieldError(ValueError):
    """A value that does not fit its column; the message is in the user's words."""


def vocabulary(column: Column[object]) -> tuple[str, ...] | None:
    """The closed set of words `column` holds, or None."""
    return VOCABULARIES.get(f"{column.table.name}.{column.name}")


_RANGES: dict[tuple[str, str], tuple[int, int]] = {}


def _range(column: Column[object]) -> tuple[int, int]:
    key = (column.table.name, column.name)  # not the Column: its == builds SQL
    if key not in _RANGES:
        _RANGES[key] = _find_range(column)
    return _RANGES[key]


def _find_range(column: Column[object]) -> tuple[int, int]:
    low, high = RANGES.get(f"{column.table.name}.{column.name}", INT64)
    table = column.table
    if isinstance(table, SaTable):
        for constraint in checks(table):
            found = range_rule(constraint)
            if found and found.group(1) == column.name:
                low, high = max(low, int(found.group(2))), min(high, int(found.group(3)))
    return low, high


def range_rule(check: CheckConstraint) -> re.Match[str] | None:
    """`column BETWEEN low AND high`, the CHECK rules checked as a column's range."""
    return _BETWEEN.match(str(check.sqltext))


def checks(table: SaTable) -> list[CheckConstraint]:
    """The table's CHECK constraints, declared on the table or on one of its columns."""
    found = [c for c in table.constraints if isinstance(c, CheckConstraint)]
    for column in table.columns:
        found += [c for c in column.constraints if isinstance(c, CheckConstraint)]
    return found


def text_limit(column: Column[object]) -> int:
    """How many characters `column` may hold."""
    kind = column.type
    if isinstance(kind, String) and kind.length:
        return kind.length
    return TEXT_LIMITS.get(f"{column.table.name}.{column.name}", DEFAULT_TEXT_LIMIT)


def _timestamp(value: object) -> datetime:
    try:
        if not isinstance(value, str):
            raise ValueError
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is not None:  # stored in UTC: convert the offset, never drop it
            moment = moment.astimezone(UTC).replace(tzinfo=None)
    except (ValueError, OverflowError):  # OverflowError: an offset past year 1 or 9999
        raise FieldError(
            f"must be a date and time such as 2026-01-05T09:00:00, not {shown(value)}"
        ) from None
    return moment


def _date(value: object) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise FieldError(f"must be a date such as 2026-01-05, not {shown(value)}")


def _text(column: Column[object], value: object) -> str:
    if not isinstance(value, str):
        raise FieldError(f"must be text, not {shown(value)}")
    limit = text_limit(column)
    if len(value) > limit:
        raise FieldError(f"is too long ({len(value):,} characters; at most {limit:,})")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise FieldError(
            f"holds a broken character ({shown(value[exc.start : exc.end])}) that is not text"
        ) from None
    words = vocabulary(column)
    if words is not None and value not in words:
        raise FieldError(f"must be one of {', '.join(words)}, not {shown(value)}")
    return value


def _integer(column: Column[object], value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise FieldError(f"must be a whole number, not {shown(value)}")
    low, high = _range(column)
    if not low <= value <= high:
        span = f"from {low:,} to {high:,}" if (low, high) != INT64 else "of a sensible size"
        raise FieldError(f"must be a whole number {span}, not {shown(value)}")
    return value


def convert(column: Column[object], value: object) -> object:
    """`value` from a JSON export as the column stores it; FieldError when it does not fit."""
    if value is None:
        if not column.nullable:
            raise FieldError("must have a value")
        return None
    kind = column.type
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise FieldError(f"must be true or false, not {shown(value)}")
        return value
    if isinstance(kind, Integer):
        return _integer(column, value)
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise FieldError(f"must be a number, not {shown(value)}")
        if not math.isfinite(value):
            raise FieldError(f"must be a finite number, not {shown(value)}")
        if abs(value) > 1e15:
            raise FieldError(f"must be a number of a sensible size, not {shown(value)}")
        return float(value)
    if isinstance(kind, DateTime):
        return _timestamp(value)
    if isinstance(kind, Date):
        return _date(value)
    text = _text(column, value)
    key = f"{column.table.name}.{column.name}"
    if key in UUID_TEXTS:
        return _uuid(text)
    if key in TIME_TEXTS:
        return _timestamp(text).replace(tzinfo=UTC).isoformat(timespec="microseconds")
    return text


def _uuid(text: str) -> str:
    """The UUID in its usual form (lower case, with hyphens), as the team server writes it."""
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise FieldError(
            f"must be a UUID such as 0b9d7a3e-5c1f-4b7e-9d2a-4f6c8e1a2b3c, not {shown(text)}"
        ) from None


def shown(value: object, limit: int = 40) -> str:
    """A value quoted for a message: short, printable, never a lone surrogate."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, list | dict):
        return "a list" if isinstance(value, list) else "an object"
    text = str(value) if isinstance(value, int | float) else repr(value)[1:-1]
    if isinstance(value, int) and len(text) > limit:
        return f"a {len(text)}-digit number"
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    text = text if len(text) <= limit else text[: limit - 1] + "…"
    return text if isinstance(value, int | float) else f"“{text}”"


def stored_value_problems(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """Rows of a notebook holding a word outside its column's vocabulary, or a number that is
    not one (for `check`); at most `limit` lines per column."""
    from sales_notebook.store.models import Base

    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            words = vocabulary(column)
            if words is not None:
                marks = ", ".join("?" * len(words))
                where, args = f"{column.name} IS NOT NULL AND {column.name} NOT IN ({marks})", words
                what = f"is not one of {', '.join(words)}"
            elif isinstance(column.type, Integer | Float) and not isinstance(column.type, Boolean):
                allowed = "'integer'" if isinstance(column.type, Integer) else "'integer', 'real'"
                where, args = f"typeof({column.name}) NOT IN ('null', {allowed})", ()
                what = "is not a number"
            else:
                continue
            sql = f"SELECT rowid, {column.name} FROM {table.name} WHERE {where} LIMIT {limit}"
            for rowid, value in conn.execute(sql, args):
                problems.append(f"{table.name} row {rowid}: {column.name} {shown(value)} {what}.")
    return problems
