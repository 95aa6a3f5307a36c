"""`check`: SQLite's integrity and foreign-key checks, plus the schema revision."""

from __future__ import annotations

import sqlite3

from sales_notebook.paths import DataPaths
from sales_notebook.store.column_rules import stored_value_problems
from sales_notebook.store.errors import KnownError
from sales_notebook.store.migrate import HEAD_REVISION, stored_revision


def check_notebook(paths: DataPaths) -> list[str]:
    """Problems found in the notebook file, in plain words; empty when it is sound."""
    db = paths.database
    if not db.exists():
        return [f"{db}: no notebook here yet."]
    try:
        revision = stored_revision(db)
    except KnownError as exc:
        return [str(exc)]
    problems = []
    if revision != HEAD_REVISION:
        problems.append(f"{db}: schema {revision}, this app expects {HEAD_REVISION}.")
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for (message,) in conn.execute("PRAGMA integrity_check"):
            if message != "ok":
                problems.append(f"{db}: integrity: {message}")
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{db}: {table} row {rowid} points at a missing {parent}.")
        if revision == HEAD_REVISION:  # the models describe this schema's columns
            problems += [f"{db}: {problem}" for problem in stored_value_problems(conn)]
    except sqlite3.DatabaseError as exc:
        problems.append(f"{db}: cannot be read ({exc}).")
    finally:
        conn.close()
    return problems
