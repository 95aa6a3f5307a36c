"""name keys: accented names compared as a person would

Revision ID: 0005_name_keys
Revises: 0004_live_call_index
Create Date: 2026-11-29

SQLite's lower() folds ASCII only, so "Ärzte GmbH" and "ärzte gmbh" were two accounts and
typing one when the other existed raised an IntegrityError. Accounts, deals and people get a
`name_key` (NFKC, case-folded, spaces collapsed; see sales_notebook/core/names.py), unique for
accounts and for the deals of one account. Duplicates that older versions let in are kept
as they are (nothing is merged): the later rows get their id in the key. The app always
writes the key; a trigger gives rows inserted by plain SQL without one lower(name).
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0005_name_keys"
down_revision = "0004_live_call_index"
branch_labels = None
depends_on = None

# table -> the columns a name is unique within (plus the key), and whether it must be unique
KEYED = {
    "account": ((), True),
    "deal": (("account_id",), True),
    "stakeholder": (("account_id",), False),
}


def _key(name: str) -> str:
    # A copy of core.names.name_key as it was at this revision: a migration must not change
    # when the app's code does.
    folded = unicodedata.normalize("NFKC", name).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


def upgrade() -> None:
    bind = op.get_bind()
    for table, (scope, unique) in KEYED.items():
        op.add_column(
            table, sa.Column("name_key", sa.String(600), nullable=False, server_default="")
        )
        cols = ", ".join(("id", "name", *scope))
        seen: set[tuple[object, ...]] = set()
        updates = []
        for row in bind.execute(sa.text(f"SELECT {cols} FROM {table} ORDER BY id")):
            key = _key(row.name or "")
            where = tuple(getattr(row, c) for c in scope)
            if unique and (*where, key) in seen:
                key = f"{key} #{row.id}"
            seen.add((*where, key))
            updates.append({"id": row.id, "key": key})
        if updates:
            bind.execute(sa.text(f"UPDATE {table} SET name_key = :key WHERE id = :id"), updates)
        op.create_index(f"ix_{table}_name_key", table, [*scope, "name_key"], unique=unique)
        # A row written by plain SQL (a script, a benchmark) without a key gets SQLite's
        # lower() of its name: right for ASCII names, and never an empty key.
        op.execute(
            f"CREATE TRIGGER {table}_name_key_ai AFTER INSERT ON {table} "
            f"WHEN new.name_key = '' BEGIN UPDATE {table} SET name_key = lower(trim(new.name)) "
            "WHERE id = new.id; END"
        )


def downgrade() -> None:
    for table in KEYED:
        op.execute(f"DROP TRIGGER IF EXISTS {table}_name_key_ai")
        op.drop_index(f"ix_{table}_name_key", table_name=table)
        op.drop_column(table, "name_key")
