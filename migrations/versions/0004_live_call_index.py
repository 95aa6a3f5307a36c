"""a partial index on the call left running

Revision ID: 0004_live_call_index
Revises: 0003_search_index
Create Date: 2026-11-23

Start-up looks for a call with no end (a crash or a kill mid-call) to recover it. Without an
index that reads every call row; this one holds only the running calls, so it stays tiny.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_live_call_index"
down_revision = "0003_search_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.create_index(
            "ix_call_live", ["started_at"], unique=False, sqlite_where=sa.text("ended_at IS NULL")
        )


def downgrade() -> None:
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.drop_index("ix_call_live", sqlite_where=sa.text("ended_at IS NULL"))
