"""search index merged into one segment

Revision ID: 0008_search_speed
Revises: 0007_team_outbox
Create Date: 2026-11-29

0006's 'rebuild' leaves the index in many segments (25 on 300,000 documents, 16 on a heavy
seller's 16,500), and FTS5 looks every word up in each of them: a first answer with a date
filter (tens of date tokens) spent 12-20 ms on those look-ups at 300,000 documents, and each
row looked up for its snippet 0.3 ms. 'optimize' merges them into one (15.6 s at 300,000
documents while others worked; 1.4 s for a heavy seller, backup included). Later writes add
small segments, which FTS5's automerge keeps few. No schema change: nothing to downgrade.
"""

from __future__ import annotations

from alembic import op

revision = "0008_search_speed"
down_revision = "0007_team_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("INSERT INTO fts_doc(fts_doc) VALUES ('optimize')")


def downgrade() -> None:
    pass  # the index holds the same rows however it is laid out
