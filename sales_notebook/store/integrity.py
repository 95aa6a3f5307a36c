"""`check`: SQLite's integrity and foreign-key checks, plus the schema revision."""

from __future__ import annotations

from sales_notebook.paths import DataPaths
from sales_notebook.store.errors import KnownError, StorageError, classify
from sales_notebook.store.migrate import HEAD_REVISION, stored_revision
from sales_notebook.store.sqlite_file import open_read_only, quick_check
from sales_notebook.store.sqlite_lib import sqlite3


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
    conn = open_read_only(db)
    try:
        for (message,) in conn.execute("PRAGMA integrity_check"):
            if message != "ok":
                problems.append(f"{db}: integrity: {message}")
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            problems.append(f"{db}: {table} row {rowid} points at a missing {parent}.")
        if revision == HEAD_REVISION:  # the models describe this schema's columns
            # Here, not at the top: the window's frame must show before SQLAlchemy loads.
            from sales_notebook.store.column_rules import stored_value_problems

            problems += [f"{db}: {problem}" for problem in stored_value_problems(conn)]
    except sqlite3.DatabaseError as exc:
        known = classify(exc, db)
        if isinstance(known, StorageError) and not known.damage:
            raise known from exc  # the disk, not the file: said as such, not as damage
        problems.append(f"{db}: cannot be read ({exc}).")
    finally:
        conn.close()
    return problems


# Left in the data dir when the background check finds damage while the window is open:
# the next start checks the file before opening it, and offers the newest good backup.
DAMAGE_MARK = "notebook.damaged"


def quick_check_notebook(paths: DataPaths) -> list[str]:
    """SQLite's quick_check of the notebook file, read-only: its problems, empty when sound.

    Reads every page (a zeroed one is found) in well under a second for a notebook of a few
    megabytes; the window runs it off the GUI thread after its first paint.
    """
    try:
        conn = open_read_only(paths.database)
        try:
            return quick_check(conn)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        known = classify(exc, paths.database)
        if isinstance(known, StorageError) and known.damage:
            return [str(exc)]
        raise


def mark_damaged(paths: DataPaths, problems: list[str]) -> None:
    """Remember, for the next start, that the notebook was found damaged."""
    (paths.root / DAMAGE_MARK).write_text("\n".join(problems) + "\n", "utf-8")


def damage_marked(paths: DataPaths) -> bool:
    return (paths.root / DAMAGE_MARK).exists()


def clear_damage_mark(paths: DataPaths) -> None:
    (paths.root / DAMAGE_MARK).unlink(missing_ok=True)
