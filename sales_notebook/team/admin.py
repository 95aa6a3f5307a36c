"""What the team's admin runs: create or upgrade the server schema, and add sellers.

The admin's role owns the `team` schema. Sellers are login roles in one group role per team
database (`<database>_sellers`), which may connect, read the team's lessons, and write its
own through row-level security, and nothing else: no DDL, no temporary tables, no other table.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, text

from sales_notebook.team.server import SCHEMA, TeamError, connected, make_engine, parse_url

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def group_role(conn: Connection) -> str:
    database = str(conn.exec_driver_sql("SELECT current_database()").scalar_one())
    return _ident_safe(f"{database}_sellers"[:63])


def _ident_safe(name: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", name.lower())


def _quote(conn: Connection, name: str) -> str:
    return str(conn.exec_driver_sql("SELECT quote_ident(%(n)s)", {"n": name}).scalar_one())


def init_team(url: str, password: str | None = None) -> str:
    """Create or upgrade the team schema and its grants; returns the schema revision."""
    from importlib.resources import files

    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    engine = make_engine(url, password)
    try:
        with connected(engine, "Cannot set up the team database") as conn:
            conn.exec_driver_sql(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
            config = Config()
            config.set_main_option("script_location", str(files("sales_notebook.migrations.team")))
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
            _grant(conn)
            head = ScriptDirectory.from_config(config).get_current_head()
        return str(head)
    finally:
        engine.dispose()


def _grant(conn: Connection) -> None:
    group = _quote(conn, group_role(conn))
    database = _quote(conn, str(conn.exec_driver_sql("SELECT current_database()").scalar_one()))
    exists = conn.exec_driver_sql(
        "SELECT 1 FROM pg_roles WHERE rolname = %(g)s", {"g": group_role(conn)}
    ).first()
    if exists is None:
        conn.exec_driver_sql(f"CREATE ROLE {group} NOLOGIN")
    for statement in (
        # This database belongs to the team: only its sellers (and the admin) connect, and
        # nobody creates temporary tables or objects in the public schema.
        f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {database} TO {group}",
        f"GRANT CONNECT ON DATABASE {database} TO current_user",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"REVOKE ALL ON SCHEMA {SCHEMA} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO {group}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {SCHEMA}.lesson TO {group}",
        f"GRANT SELECT ON {SCHEMA}.tombstone, {SCHEMA}.seller TO {group}",
    ):
        conn.exec_driver_sql(statement)


@dataclass(frozen=True)
class NewSeller:
    role: str
    display_name: str
    password: str
    url: str


def seller_role(name: str) -> str:
    """The login role for a seller's name: lower case ASCII letters, digits and _."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    role = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if role and role[0].isdigit():
        role = f"s_{role}"
    if not ROLE_NAME.match(role):
        raise TeamError(f"“{name}” cannot be turned into a role name: use letters and digits.")
    return role


def add_seller(url: str, name: str, password: str | None = None) -> NewSeller:
    """Create a seller's login role in the team's group with a fresh random password."""
    display = " ".join(name.split())
    if not display:
        raise TeamError("The seller needs a name.")
    role = seller_role(display)
    secret = secrets.token_urlsafe(18)
    engine = make_engine(url, password)
    try:
        with connected(engine, f"Cannot add {display}") as conn:
            known = conn.exec_driver_sql(
                "SELECT 1 FROM pg_namespace WHERE nspname = %(s)s", {"s": SCHEMA}
            ).first()
            if known is None:
                raise TeamError("This database has no team schema yet: run `team init URL` first.")
            if conn.exec_driver_sql(
                "SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": role}
            ).first():
                raise TeamError(f"A role named {role} already exists on this server.")
            group = _quote(conn, group_role(conn))
            quoted = _quote(conn, role)
            literal = conn.exec_driver_sql("SELECT quote_literal(%(p)s)", {"p": secret})
            conn.exec_driver_sql(
                f"CREATE ROLE {quoted} LOGIN INHERIT NOCREATEDB NOCREATEROLE "
                f"PASSWORD {literal.scalar_one()} IN ROLE {group}"
            )
            conn.execute(
                text(f"INSERT INTO {SCHEMA}.seller (role, display_name) VALUES (:r, :n)"),
                {"r": role, "n": display},
            )
    finally:
        engine.dispose()
    seller_url = parse_url(url)._replace(drivername="postgresql", username=role, password=None)
    return NewSeller(role, display, secret, seller_url.render_as_string(hide_password=False))
