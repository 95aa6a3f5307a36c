"""Export the whole notebook to JSON and import it back (format: docs/EXPORT.md)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import IO, Any

from sqlalchemy import Table, delete, func, insert, literal, select
from sqlalchemy.exc import DBAPIError, StatementError
from sqlalchemy.orm import Session

from sales_notebook import __version__
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.import_check import (
    ALWAYS_KEPT,
    FORMAT,
    FORMAT_VERSION,
    Parsed,
    check_references,
    parse_document,
    tables,
)
from sales_notebook.store.migrate import HEAD_REVISION
from sales_notebook.store.models import Lesson
from sales_notebook.store.team_models import TeamOutbox, TeamShare

__all__ = ["check_import", "import_document", "parse_document", "write_export"]


@dataclass
class ImportResult:
    """Rows imported per table, and the tables the file left out."""

    counts: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)
    emptied: list[str] = field(default_factory=list)


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return None  # JSON has no NaN or Infinity (an old import could store them)
    return value


def export_document(db: Database) -> dict[str, Any]:
    """Every row of every table, as one JSON-ready document."""
    rows_by_table: dict[str, list[dict[str, object]]] = {}
    with db.session() as s:
        for table in tables():
            order = list(table.primary_key.columns)
            rows = s.execute(select(table).order_by(*order)).mappings()
            rows_by_table[table.name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": HEAD_REVISION,
        "app_version": __version__,
        "exported_at": datetime.now().astimezone().isoformat(),
        "tables": rows_by_table,
    }


def write_export(db: Database, out: IO[str]) -> None:
    """Write the export document as indented JSON."""
    json.dump(export_document(db), out, ensure_ascii=False, indent=1, allow_nan=False)
    out.write("\n")


def import_document(db: Database, parsed: Parsed, replace: bool = False) -> ImportResult:
    """Load a parsed export in one transaction; on any problem nothing is written.

    An empty notebook is filled; one with data is only replaced when `replace` is true (the
    caller takes a backup first). A table missing from the file is left as it is, unless
    `replace` empties it; the root causes are never emptied.
    """
    result = ImportResult()
    try:
        with db.session() as s:
            kept = _fits(s, parsed, replace)
            shared_before = _shared_uuids(s)
            for table in tables():  # the tables the file leaves out, as the user sees them
                if table.name not in parsed and s.scalar(select(func.count()).select_from(table)):
                    (result.kept if table in kept else result.emptied).append(table.name)
            for table in reversed(tables()):
                if table not in kept:
                    s.execute(delete(table))
            for table in tables():
                rows = parsed.get(table.name)
                for group in _by_fields(rows or []):
                    _insert(s, table, group)
                if rows is not None:
                    result.counts[table.name] = len(rows)
            _unpublish_lost_shares(s, shared_before)
    except (DBAPIError, StatementError) as exc:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0]
        raise InvalidInput(f"The export does not fit the notebook ({detail}).") from exc
    return result


def check_import(db: Database, parsed: Parsed, replace: bool = False) -> None:
    """What `import_document` checks against the notebook (references to the rows it keeps,
    and that it is empty unless `replace`), without writing: before the caller's backup."""
    with db.session() as s:
        _fits(s, parsed, replace)


def _fits(s: Session, parsed: Parsed, replace: bool) -> list[Table]:
    """InvalidInput unless the parsed export fits this notebook; the tables it keeps."""
    kept = [
        table
        for table in tables()
        if table.name not in parsed and (not replace or table.name in ALWAYS_KEPT)
    ]
    check_references(parsed, _referenced_values(s, kept))
    if not replace and any(
        s.execute(select(literal(1)).select_from(t).limit(1)).first()
        for t in tables()
        if t.name not in ALWAYS_KEPT
    ):
        raise InvalidInput(
            "This notebook already holds data. Import into an empty notebook, "
            "or replace its contents with --replace (a backup is taken first)."
        )
    return kept


def _shared_uuids(s: Session) -> set[str]:
    return set(s.scalars(select(Lesson.uuid).join(TeamShare, TeamShare.lesson_id == Lesson.id)))


def _unpublish_lost_shares(s: Session, shared_before: set[str]) -> None:
    """A lesson this notebook had shared that the import leaves unshared (or gone) is taken
    back from the team at the next sync, so the server keeps no lesson no notebook shares."""
    now = datetime.now(UTC).isoformat(timespec="microseconds")
    for lost in sorted(shared_before - _shared_uuids(s)):
        s.add(TeamOutbox(lesson_uuid=lost, action="unpublish", queued_at=now))


def _insert(s: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    # Every rule the models declare was checked before; this names the table if one was not.
    try:
        s.execute(insert(table), rows)
    except (DBAPIError, StatementError) as exc:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0]
        raise InvalidInput(f"Table “{table.name}” does not fit the notebook ({detail}).") from exc


def _by_fields(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Rows grouped by the fields they give (one INSERT takes its columns from its first row);
    only a column the database fills in itself may be left out of some rows."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(tuple(row), []).append(row)
    return list(groups.values())


def _referenced_values(s: Session, kept: list[Table]) -> dict[str, set[object]]:
    values: dict[str, set[object]] = {}
    for table in tables():
        for fk in table.foreign_keys:
            if fk.column.table in kept:
                key = f"{fk.column.table.name}.{fk.column.name}"
                values.setdefault(key, set(s.scalars(select(fk.column))))
    return values
