"""Alembic environment of the team server (PostgreSQL): its own tree and its own version table.

Never mixed with the notebook's revisions: the version table lives in the `team` schema as
`alembic_version_team`, and `sales-notebook team init` hands over the admin's connection.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

SCHEMA = "team"
VERSION_TABLE = "alembic_version_team"


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=None,
        version_table=VERSION_TABLE,
        version_table_schema=SCHEMA,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("The team migrations run only through `sales-notebook team init URL`.")
run_migrations(connection)
