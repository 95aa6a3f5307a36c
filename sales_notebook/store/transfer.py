"""Export the whole notebook to JSON and import it back (format: docs/EXPORT.md)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import IO, Any

from sqlalchemy import Boolean, Date, DateTime, Table, delete, func, insert, select
from sqlalchemy.exc import DBAPIError, StatementError

from sales_notebook import __version__
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.migrate import HEAD_REVISION
from sales_notebook.store.models import Account, Base

FORMAT = "sales-notebook-export"
FORMAT_VERSION = 1


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _plain(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def export_document(db: Database) -> dict[str, Any]:
    """Every row of every table, as one JSON-ready document."""
    tables: dict[str, list[dict[str, object]]] = {}
    with db.session() as s:
        for table in _tables():
            order = list(table.primary_key.columns)
            rows = s.execute(select(table).order_by(*order)).mappings()
            tables[table.name] = [{k: _plain(v) for k, v in row.items()} for row in rows]
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": HEAD_REVISION,
        "app_version": __version__,
        "exported_at": datetime.now().astimezone().isoformat(),
        "tables": tables,
    }


def write_export(db: Database, out: IO[str]) -> None:
    """Write the export document as indented JSON."""
    json.dump(export_document(db), out, ensure_ascii=False, indent=1)
    out.write("\n")


def _parse(table: Table, raw: dict[str, Any], where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where}: a row must be a JSON object.")
    unknown = set(raw) - set(table.columns.keys())
    if unknown:
        raise InvalidInput(f"{where}: unknown field(s) {', '.join(sorted(unknown))}.")
    row: dict[str, Any] = {}
    for key, value in raw.items():
        kind = table.columns[key].type
        try:
            if value is None:
                row[key] = None
            elif isinstance(kind, DateTime):
                row[key] = datetime.fromisoformat(value)
            elif isinstance(kind, Date):
                row[key] = date.fromisoformat(value)
            elif isinstance(kind, Boolean):
                if not isinstance(value, bool):
                    raise TypeError("expected true or false")
                row[key] = value
            else:
                row[key] = value
        except (TypeError, ValueError) as exc:
            raise InvalidInput(f"{where}: field “{key}” has a bad value ({exc}).") from exc
    return row


def parse_document(document: object) -> list[tuple[Table, list[dict[str, Any]]]]:
    """Check an export completely before anything is written; rows per table in insert order."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise InvalidInput("This file is not a Sales Notebook export.")
    if document.get("format_version") != FORMAT_VERSION:
        raise InvalidInput(
            f"This export has format version {document.get('format_version')!r}; "
            f"this app reads version {FORMAT_VERSION}."
        )
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise InvalidInput("The export has no “tables” object.")
    known = {t.name for t in _tables()}
    strange = set(tables) - known
    if strange:
        raise InvalidInput(f"The export has unknown table(s): {', '.join(sorted(strange))}.")
    parsed = []
    for table in _tables():
        raw_rows = tables.get(table.name, [])
        if not isinstance(raw_rows, list):
            raise InvalidInput(f"Table “{table.name}” must be a list of rows.")
        parsed.append(
            (table, [_parse(table, r, f"{table.name} row {i + 1}") for i, r in enumerate(raw_rows)])
        )
    return parsed


def import_document(
    db: Database, parsed: list[tuple[Table, list[dict[str, Any]]]], replace: bool = False
) -> dict[str, int]:
    """Load a parsed export in one transaction; on any problem nothing is written.

    An empty notebook (no accounts) is filled; a notebook with data is only replaced when
    `replace` is true (the caller takes a backup first).
    """
    counts: dict[str, int] = {}
    try:
        with db.session() as s:
            if not replace and s.scalar(select(func.count()).select_from(Account)):
                raise InvalidInput(
                    "This notebook already holds accounts. Import into an empty notebook, "
                    "or replace its contents with --replace (a backup is taken first)."
                )
            for table in reversed(_tables()):
                s.execute(delete(table))
            for table, rows in parsed:
                if rows:
                    s.execute(insert(table), rows)
                counts[table.name] = len(rows)
    except (DBAPIError, StatementError) as exc:
        detail = str(getattr(exc, "orig", exc)).splitlines()[0]
        raise InvalidInput(f"The export does not fit the notebook ({detail}).") from exc
    return counts
