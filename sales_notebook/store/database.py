"""The SQLite engine with the pragmas the notebook relies on, and its session factory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from sales_notebook.store.errors import NotebookBusy, storage_errors
from sales_notebook.store.sqlite_lib import sqlite3

BUSY_TIMEOUT_MS = 5000


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # FULL, not NORMAL: in WAL mode NORMAL may roll back the last commits on a power cut,
    # and a note the status bar called "saved" must survive one. Saves are debounced and
    # run off the keystroke path, so the extra fsync costs at most one per second of typing.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """An engine on the notebook file with WAL, foreign keys, busy timeout and durable commits."""
    # hide_parameters: an error's text (which reaches the log) never carries a note's words.
    # URL.create, not an f-string: a folder named "Sales #2" or "a%20b" is a path, not a URL.
    # module: the process's one SQLite library (store/sqlite_lib.py), not SQLAlchemy's default.
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(url, module=sqlite3, hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


class Database:
    """One notebook file: the engine and the short-lived sessions services open on it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = make_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One short transaction: committed on success, rolled back on error."""
        with storage_errors(self.path), self._sessions.begin() as session:
            yield session

    def save_log_pages(self) -> None:
        """Copy every page of the write-ahead log into the notebook file, then reopen the
        connections: another program deleted the log, which the open ones still write to."""
        with storage_errors(self.path), self.engine.connect() as connection:
            busy, *_ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
        if busy:  # a reader in another program: the pages stay in the open log, tried again
            raise NotebookBusy("the write-ahead log was deleted; it is copied later", self.path)
        self.engine.dispose()

    def dispose(self) -> None:
        """Close every pooled connection (the WAL is checkpointed by the last one)."""
        self.engine.dispose()
