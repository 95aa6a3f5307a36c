"""Bring a notebook file to the current schema, paying nothing when it already is.

The stored revision is read with plain sqlite3 and compared to HEAD_REVISION; Alembic is
imported only when they differ (a fresh file, an older file, or one from a newer app).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sales_notebook.paths import DataPaths
from sales_notebook.store.backup import backup_database
from sales_notebook.store.errors import CorruptNotebook, NewerNotebook

if TYPE_CHECKING:
    from alembic.config import Config

# Must equal the head of migrations/versions (a test checks it).
HEAD_REVISION = "0007_team_outbox"


def stored_revision(path: Path) -> str | None:
    """The Alembic revision recorded in the file, None for an empty one; raises on a bad file."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise CorruptNotebook(path, str(exc)) from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables:
                raise CorruptNotebook(path, "it holds tables but is not a Sales Notebook file")
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise CorruptNotebook(path, str(exc)) from exc
    finally:
        conn.close()


def alembic_config(connection: object | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations, optionally on a live connection."""
    from importlib.resources import files

    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("sales_notebook.migrations")))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def prepare(paths: DataPaths) -> str | None:
    """Create or upgrade the notebook file; returns the backup taken before an upgrade, if any."""
    paths.ensure()
    db = paths.database
    fresh = not db.exists() or db.stat().st_size == 0
    revision = None if fresh else stored_revision(db)
    if revision == HEAD_REVISION:
        return None

    from alembic.script import ScriptDirectory

    config = alembic_config()
    if revision is not None:
        known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
        if revision not in known:
            raise NewerNotebook(db, revision)
    backup = None if revision is None else backup_database(paths, reason=f"before-{HEAD_REVISION}")
    _upgrade(db)
    os.chmod(db, 0o600)
    return str(backup) if backup else None


def _upgrade(db: Path) -> None:
    from alembic import command

    from sales_notebook.store.database import make_engine

    engine = make_engine(db)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
    finally:
        engine.dispose()
