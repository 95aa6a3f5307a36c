"""Opening the notebook file with plain sqlite3: by a URI built from the path, never by hand.

A folder named `Sales #2`, `Q3?notes` or `a%20b` must open the file it names: an f-string URI
would cut the path at `#` or `?` (and open another file) and decode `%20`.
"""

from __future__ import annotations

import os
from pathlib import Path

from sales_notebook.store.sqlite_lib import sqlite3


def read_only_uri(path: Path) -> str:
    """The `file:` URI that opens `path` read-only, every character of the path escaped."""
    return path.absolute().as_uri() + "?mode=ro"


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to the file at `path` (which must exist)."""
    return sqlite3.connect(read_only_uri(path), uri=True)


def quick_check(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    """SQLite's quick_check on an open connection: its problems, empty when the file is sound.

    It reads every page of every table and index (so a zeroed page is found) without
    comparing indexes to their tables, which keeps it fast enough to run on every backup.
    """
    rows = conn.execute(f"PRAGMA quick_check({int(limit)})").fetchall()
    return [str(r[0]) for r in rows if r[0] != "ok"]


def fsync_path(path: Path) -> None:
    """Flush a file, or a folder's entries after a rename, to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
