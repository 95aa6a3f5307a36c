"""Alembic environment: always runs on the connection the notebook hands over."""

from __future__ import annotations

import warnings
from typing import Any

from alembic import context
from sqlalchemy import Connection

import sales_notebook.store.team_models  # noqa: F401  (registers the team tables)
from sales_notebook.store.models import Base

# FTS5 virtual tables, their shadow tables and triggers are written by hand in revisions.
HAND_WRITTEN_PREFIX = "fts_"


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(HAND_WRITTEN_PREFIX))


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction(), warnings.catch_warnings():
        # SQLAlchemy cannot reflect the expression index fts_call_rid (0006) and says so.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based")
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    from sqlalchemy import create_engine

    from sales_notebook.store.sqlite_lib import sqlite3

    url = context.config.get_main_option("sqlalchemy.url") or "sqlite://"
    with create_engine(url, module=sqlite3).connect() as fresh:
        run_migrations(fresh)
else:
    run_migrations(connection)
