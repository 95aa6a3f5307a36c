"""Check a JSON export completely before anything is written (format: docs/EXPORT.md).

Every field of every row is checked against its column (store/column_rules.py), then the
uniqueness, CHECK rules and references between tables. Each refusal names the table, the row
(counting from 1) and the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table, UniqueConstraint

from sales_notebook.store import team_models  # noqa: F401  (its tables join Base.metadata)
from sales_notebook.store.column_rules import FieldError, checks, convert, range_rule, shown
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import Base
from sales_notebook.store.sqlite_lib import sqlite3

FORMAT = "sales-notebook-export"
FORMAT_VERSION = 1
ROOT_CAUSES = "root_cause"
# team_state: the team server's URL and sync cursor, settings of this machine, not lessons.
ALWAYS_KEPT: frozenset[str] = frozenset({ROOT_CAUSES, "team_state"})
"""Tables that a file leaving them out never empties, not even with --replace; they are not
"data" either (a notebook holding only them is empty)."""

Rows = list[dict[str, Any]]
Parsed = dict[str, Rows]
"""The tables the file holds, by name, each with its rows ready to insert."""

CHECK_WORDS = {"not_self": "a person cannot report to or influence themselves"}
"""CHECK rules in the user's words, by constraint name (the others are quoted)."""


# What the seller chose to share and the changes not yet sent are the seller's data: they go
# with the lessons (by UUID), so a notebook exported and imported elsewhere neither loses a
# publish nor sends its lessons to the team again as new ones.
SHARING: tuple[str, ...] = ("team_share", "team_outbox")
# The team's cached lessons and this machine's sync state (server URL, cursor) are not: the
# cache is pulled again, and a notebook joins a team on each machine.
MACHINE_ONLY: frozenset[str] = frozenset({"team_state", "team_lesson", "team_lesson_cause"})


def tables() -> list[Table]:
    """The exported tables, parents before children, and the sharing tables last.

    Last: a lesson's causes written while its share row exists would queue a publish
    (triggers of migration 0007), so shares are written after every lesson and cause, and
    removed (read backwards) before them."""
    known = [t for t in Base.metadata.sorted_tables if t.name not in MACHINE_ONLY]
    return [t for t in known if t.name not in SHARING] + [
        t for name in SHARING for t in known if t.name == name
    ]


def where(table: str, row: int, fields: Iterable[str] = ()) -> str:
    """“Table “call”, row 3, field “notes”” for a message."""
    names = [f"“{shown(f)[1:-1]}”" for f in fields]
    label = "" if not names else (" field " if len(names) == 1 else " fields ") + ", ".join(names)
    return f"Table “{table}”, row {row}" + ("," + label if label else "")


def parse_document(document: object) -> Parsed:
    """Every row of every table in the file, checked and converted; InvalidInput otherwise."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput("This file is not a Sales Notebook export.")
    version = document.get("format_version")
    if version != FORMAT_VERSION or isinstance(version, bool):
        raise InvalidInput(
            f"This export has format version {shown(version)}; "
            f"this app reads version {FORMAT_VERSION}."
        )
    raw_tables = document.get("tables")
    if not isinstance(raw_tables, dict):
        raise InvalidInput("The export has no “tables” object.")
    known = {t.name: t for t in tables()}
    strange = [shown(name) for name in raw_tables if name not in known]
    if strange:
        raise InvalidInput(
            f"The export has unknown table(s): {', '.join(strange)}. "
            f"A notebook has: {', '.join(known)}."
        )
    parsed: Parsed = {}
    for table in tables():
        if table.name not in raw_tables:
            continue
        raw_rows = raw_tables[table.name]
        if not isinstance(raw_rows, list):
            raise InvalidInput(
                f"Table “{table.name}” must be a list of rows, not {shown(raw_rows)}."
            )
        if table.name == ROOT_CAUSES and not raw_rows:
            raise InvalidInput(
                "Table “root_cause” is empty, and a notebook always keeps its root causes. "
                "Leave the table out of the file to keep the notebook's own."
            )
        parsed[table.name] = parse_rows(table, raw_rows)
    return parsed


def parse_rows(table: Table, raw_rows: list[object]) -> Rows:
    """The rows of one table, each field checked against its column, then the uniqueness and
    CHECK rules across rows; InvalidInput naming the row and field otherwise."""
    rows = [_row(table, raw, index) for index, raw in enumerate(raw_rows, 1)]
    _check_unique(table, rows)
    _check_rules(table, rows)
    return rows


def _row(table: Table, raw: object, index: int) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where(table.name, index)}: a row must be an object of fields.")
    names = set(table.columns.keys())
    unknown = [key for key in raw if key not in names]
    if unknown:
        raise InvalidInput(
            f"{where(table.name, index, unknown[:1])}: this table has no such field "
            f"(it has {', '.join(table.columns.keys())})."
        )
    row: dict[str, Any] = {}
    derived = [column for column in table.columns if is_derived(column)]
    for column in table.columns:
        if column in derived or (
            column.name not in raw and column.default is None and column.server_default is not None
        ):
            continue  # worked out below, or filled in by the database
        try:
            row[column.name] = (
                convert(column, raw[column.name]) if column.name in raw else _default(column, row)
            )
        except FieldError as exc:
            raise InvalidInput(f"{where(table.name, index, [column.name])}: {exc}.") from None
    for column in derived:  # from the row's checked fields, whatever the file says
        row[column.name] = _default(column, row)
    return row


def is_derived(column: Column[Any]) -> bool:
    """A column whose default is worked out from the rest of its row (`name_key` from `name`):
    SQLAlchemy hands such a function the insert's context, and wraps one that takes none."""
    default = column.default
    return bool(
        default is not None
        and getattr(default, "is_callable", False)
        and not hasattr(default.arg, "__wrapped__")  # type: ignore[attr-defined]
    )


class _RowContext:
    """What a column default that reads its row is given at insert, for one parsed row."""

    def __init__(self, row: dict[str, Any]) -> None:
        self._row = row

    def get_current_parameters(self, isolate_multiinsert_groups: bool = True) -> dict[str, Any]:
        return dict(self._row)


def _default(column: Column[Any], row: dict[str, Any]) -> object:
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg  # type: ignore[attr-defined]
    if default is not None and getattr(default, "is_callable", False):
        value = default.arg(_RowContext(row))  # type: ignore[attr-defined]
        return convert(column, value.isoformat()) if isinstance(value, datetime | date) else value
    if column.nullable:
        return None
    raise FieldError("is missing, and it has no default")


def _keys(table: Table) -> list[tuple[str, ...]]:
    keys = [tuple(c.name for c in table.primary_key.columns)]
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            keys.append(tuple(c.name for c in constraint.columns))
    keys += [(c.name,) for c in table.columns if c.unique]
    keys += [tuple(c.name for c in index.columns) for index in table.indexes if index.unique]
    return keys


def _check_unique(table: Table, rows: Rows) -> None:
    for key in _keys(table):
        seen: dict[tuple[object, ...], int] = {}
        for index, row in enumerate(rows, 1):
            value = tuple(row.get(name) for name in key)
            if any(v is None for v in value):
                continue  # SQL lets NULLs repeat
            if value in seen:
                raise InvalidInput(_duplicate(table, key, rows, index, seen[value]))
            seen[value] = index


def _duplicate(table: Table, key: tuple[str, ...], rows: Rows, index: int, first: int) -> str:
    # A derived field (name_key) is told as the field it comes from (name).
    sources = tuple(
        name[: -len("_key")] if is_derived(table.columns[name]) and name.endswith("_key") else name
        for name in key
    )
    if sources != key and all(s in table.columns for s in sources):
        names = " and ".join(f"“{shown(rows[index - 1][s])[1:-1]}”" for s in sources)
        earlier = " and ".join(f"“{shown(rows[first - 1][s])[1:-1]}”" for s in sources)
        return (
            f"{where(table.name, index, sources)}: {names} is the same as row {first}'s "
            f"{earlier} once case, spacing and character forms are set aside; it must be unique."
        )
    what = (
        f"{shown(rows[index - 1][key[0]])} is already used by row {first}; it must be unique"
        if len(key) == 1
        else f"the same as row {first}; together they must be unique"
    )
    return f"{where(table.name, index, key)}: {what}."


def _check_rules(table: Table, rows: Rows) -> None:
    """CHECK constraints other than ranges, evaluated by SQLite itself on each row."""
    rules = [c for c in checks(table) if not range_rule(c)]  # ranges: checked per field
    if not rules or not rows:
        return
    names = list(table.columns.keys())
    probe = sqlite3.connect(":memory:")
    try:
        for check in rules:
            sql = f"SELECT ({check.sqltext}) FROM (SELECT {', '.join('? AS ' + n for n in names)})"
            fields = [n for n in names if re.search(rf"\b{n}\b", str(check.sqltext))]
            for index, row in enumerate(rows, 1):
                values = [_sql_value(row.get(n)) for n in names]
                if probe.execute(sql, values).fetchone()[0] == 0:
                    rule = next(
                        (w for n, w in CHECK_WORDS.items() if str(check.name).endswith(n)),
                        f"breaks the rule “{check.sqltext}”",
                    )
                    raise InvalidInput(f"{where(table.name, index, fields)}: {rule}.")
    finally:
        probe.close()


def _sql_value(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime | date) else value


def check_references(parsed: Parsed, existing: Mapping[str, set[object]]) -> None:
    """Every reference points at a row of the file, or of a table the import keeps.

    `existing` holds, by "table.column", the referenced values of the kept tables.
    """
    targets: dict[str, set[object]] = {}
    for table in tables():
        for index, row in enumerate(parsed.get(table.name, []), 1):
            for fk in table.foreign_keys:
                value = row.get(fk.parent.name)
                if value is None:
                    continue
                target, key = fk.column.table.name, f"{fk.column.table.name}.{fk.column.name}"
                if key not in targets:
                    targets[key] = (
                        {r.get(fk.column.name) for r in parsed[target]}
                        if target in parsed
                        else set(existing.get(key, set()))
                    )
                if value not in targets[key]:
                    place = "in the file" if target in parsed else "in the file or the notebook"
                    raise InvalidInput(
                        f"{where(table.name, index, [fk.parent.name])}: points at {target} "
                        f"{shown(value)}, which is not {place}."
                    )
