"""Damage a notebook file the way a failing disk does: one page of a table, zeroed."""

from __future__ import annotations

from pathlib import Path

from sales_notebook.store.sqlite_lib import sqlite3


def zero_a_page_of(db: Path, table: str = "call") -> None:
    """Zero the root page of `table` in the (closed) file at `db`."""
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    (root,) = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    con.close()
    with db.open("r+b") as f:
        f.seek((root - 1) * page_size)
        f.write(bytes(page_size))
