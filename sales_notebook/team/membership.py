"""Joining a team: checking the server answers, and keeping its URL (never a password)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

from sales_notebook.paths import DataPaths
from sales_notebook.store.database import Database
from sales_notebook.team.local import TeamLocal
from sales_notebook.team.server import connected, has_password, make_engine, public_url

NOT_JOINED = "Not joined, and the notebook's folder is left as it was"


def check_server(url: str, password: str | None = None, what: str | None = None) -> str:
    """The role this notebook connects as; raises TeamError when the server does not answer."""
    engine = make_engine(url, password)
    try:
        with connected(engine, what or "Cannot reach the team server") as conn:
            role = conn.execute(text("SELECT current_user")).scalar_one()
            conn.execute(text("SELECT 1 FROM team.lesson LIMIT 1")).all()
            return str(role)
    finally:
        engine.dispose()


def keep_membership(db: Database, url: str, role: str) -> bool:
    """Keep the server's URL (never a password) for `role`, which `check_server` found.

    Returns whether a password given in the URL was dropped. Joining another server empties
    the cache of the old one; what the seller shared and the outbox stay.
    """
    kept = public_url(url)
    local = TeamLocal(db)
    if local.get("url") != kept:
        with db.session() as s:
            s.connection().exec_driver_sql("DELETE FROM team_lesson")
        local.put(cursor=None, last_sync=None, last_error=None)
    local.put(url=kept, me=role)
    return has_password(url)


@contextmanager
def left_as_found(paths: DataPaths) -> Iterator[None]:
    """Undo what a failed join made of the data folder: a folder or notebook it created.

    The server is asked before any of it (see commands.py); this covers a failure after that
    (a full disk, say), so a failed join never leaves an empty notebook behind."""
    root = paths.root
    existed = root.exists()
    before: set[Path] = set(root.iterdir()) if root.is_dir() else set()
    try:
        yield
    except BaseException:
        if not existed:
            shutil.rmtree(root, ignore_errors=True)
        elif not root.is_dir():
            pass  # not a folder: nothing was made in it (paths.ensure() said so)
        elif paths.database not in before:
            for made in set(root.iterdir()) - before:
                if made.is_dir():
                    shutil.rmtree(made, ignore_errors=True)
                else:
                    made.unlink(missing_ok=True)
        raise
