"""Joining a team: checking the server answers, and keeping its URL (never a password)."""

from __future__ import annotations

from sqlalchemy import text

from sales_notebook.store.database import Database
from sales_notebook.team.local import TeamLocal
from sales_notebook.team.server import connected, make_engine


def check_server(url: str, password: str | None = None) -> str:
    """The role this notebook connects as; raises TeamError when the server does not answer."""
    engine = make_engine(url, password)
    try:
        with connected(engine, "The team server does not answer") as conn:
            role = conn.execute(text("SELECT current_user")).scalar_one()
            conn.execute(text("SELECT 1 FROM team.lesson LIMIT 1")).all()
            return str(role)
    finally:
        engine.dispose()


def join_team(db: Database, url: str, password: str | None = None) -> tuple[str, bool]:
    """Keep the server's URL (never a password) once the server answers for this role.

    Returns the role and whether a password given in the URL was dropped. Joining another
    server empties the cache of the old one; what the seller shared and the outbox stay.
    """
    from sales_notebook.team.server import has_password, parse_url, public_url

    dropped = has_password(url)
    secret = password if password is not None else parse_url(url).password
    role = check_server(url, secret)
    kept = public_url(url)
    local = TeamLocal(db)
    if local.get("url") != kept:
        with db.session() as s:
            s.connection().exec_driver_sql("DELETE FROM team_lesson")
        local.put(cursor=None, last_sync=None, last_error=None)
    local.put(url=kept, me=role)
    return role, dropped
