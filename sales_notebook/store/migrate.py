"""Bring a notebook file to the current schema, paying nothing when it already is.

The stored revision is read with plain sqlite3 and compared to HEAD_REVISION; Alembic is
imported only when they differ (a fresh file, an older file, or one from a newer app).
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sales_notebook.paths import DataPaths
from sales_notebook.store.backup import backup_database
from sales_notebook.store.errors import (
    CorruptNotebook,
    KnownError,
    NewerNotebook,
    StorageError,
    classify,
    storage_errors,
)
from sales_notebook.store.sqlite_file import fsync_path, open_read_only
from sales_notebook.store.sqlite_lib import sqlite3

if TYPE_CHECKING:
    from alembic.config import Config

# Must equal the head of migrations/versions (a test checks it).
HEAD_REVISION = "0010_search_speed"


# Tables that hold the user's own data (root_cause starts with the default causes).
_USER_TABLES = (
    "account", "call", "call_attendee", "call_marker", "deal", "lesson", "lesson_cause",
    "next_step", "qualification_item", "stakeholder", "stakeholder_link",
)  # fmt: skip


class UnfinishedNotebook(CorruptNotebook):
    """A notebook whose creation was cut short (older versions built it in place)."""

    def __init__(self, path: Path) -> None:
        KnownError.__init__(
            self,
            f"The notebook file {path} was never finished: its first start was interrupted "
            "(a full disk, or two starts at once) before any note was written to it.",
        )
        self.path = path


def stored_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the file, None for an empty one; raises on a bad file.

    A disk that cannot be read right now (full, an I/O error, no permission) raises that
    error, never CorruptNotebook: only a file SQLite finds damaged is called damaged.
    """
    try:
        conn = open_read_only(path)
        try:
            return _revision(conn, path)
        finally:
            conn.close()
    except sqlite3.Error as exc:
        known = classify(exc, path)
        if isinstance(known, StorageError) and not known.damage:
            raise known from exc
        raise CorruptNotebook(path, str(exc)) from exc


def _revision(conn: sqlite3.Connection, path: Path) -> str | None:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    row = None
    if "alembic_version" in tables:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    if row:
        return str(row[0])
    if not tables:
        return None
    ours = {"alembic_version", "root_cause", *_USER_TABLES}
    if all(t in ours or t.startswith("fts_") for t in tables) and not any(
        conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in _USER_TABLES if t in tables
    ):
        raise UnfinishedNotebook(path)
    raise CorruptNotebook(path, "it holds tables but is not a Sales Notebook file")


def alembic_config(connection: object | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations, optionally on a live connection."""
    from importlib.resources import files

    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("sales_notebook.migrations")))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def needs_prepare(paths: DataPaths) -> bool:
    """True when `prepare` would write: no file yet, or one at another revision."""
    db = paths.database
    return not db.exists() or db.stat().st_size == 0 or stored_revision(db) != HEAD_REVISION


def prepare(paths: DataPaths) -> str | None:
    """Create or upgrade the notebook file; returns the backup taken before an upgrade, if any.

    A new notebook is built whole in a temporary file and only then linked into place, so a
    full disk or a second start at the same moment never leaves a half-built one behind.
    """
    paths.ensure()
    db = paths.database
    try:
        fresh = not db.exists() or db.stat().st_size == 0
        revision = None if fresh else stored_revision(db)
    except UnfinishedNotebook:
        revision, fresh = None, True
    if revision == HEAD_REVISION:
        return None
    if fresh or revision is None:
        _create(paths)
        return prepare(paths)  # another start may have won the race: check what is there

    from alembic.script import ScriptDirectory

    known = {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision not in known:
        raise NewerNotebook(db, revision)
    backup = backup_database(paths, reason=f"before-{HEAD_REVISION}")
    _upgrade(db)
    return str(backup)


def _create(paths: DataPaths) -> None:
    db = paths.database
    building = paths.root / f".notebook-new-{os.getpid()}-{threading.get_ident()}.db"
    with storage_errors(db):
        try:
            _remove_sqlite_file(building)
            _upgrade(building)
            os.chmod(building, 0o600)
            fsync_path(building)
            if db.exists() and db.stat().st_size > 0:
                _set_unfinished_aside(db)
            elif db.exists():
                db.unlink(missing_ok=True)  # a 0-byte file: nothing to keep
            with contextlib.suppress(FileExistsError):  # another start made it first: keep it
                os.link(building, db)
            fsync_path(paths.root)
        finally:
            _remove_sqlite_file(building)


def _set_unfinished_aside(db: Path) -> None:
    try:
        stored_revision(db)
    except UnfinishedNotebook:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = db.with_name(f"notebook-unfinished-{stamp}.db")
        db.rename(aside)
        print(
            f"sales-notebook: {UnfinishedNotebook(db)} It was set aside as {aside}, "
            "and a new notebook was made in its place.",
            file=sys.stderr,
        )
    # Otherwise another start has just put a whole notebook there: keep it.


def _remove_sqlite_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def _upgrade(db: Path) -> None:
    from alembic import command

    from sales_notebook.store.database import make_engine

    engine = make_engine(db)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
    finally:
        engine.dispose()
