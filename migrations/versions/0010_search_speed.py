"""search index merged into one segment; a lesson's body weighs what a note does

Revision ID: 0010_search_speed
Revises: 0009_team_transfer
Create Date: 2026-11-29

0006's 'rebuild' leaves the index in many segments (25 on 300,000 documents, 16 on a heavy
seller's 16,500), and FTS5 looks every word up in each of them: a first answer with a date
filter (tens of date tokens) spent 12-20 ms on those look-ups at 300,000 documents, and each
row looked up for its snippet 0.3 ms. 'optimize' merges them into one (15.6 s at 300,000
documents while others worked; 1.4 s for a heavy seller, backup included). Later writes add
small segments, which FTS5's automerge keeps few.

The column weights of 0006 (a lesson's title 4, what happened / do differently / causes 2, a
note 1) hid every call note behind the lessons for common words at 300,000 documents (none in
the top 200 for `the`, one for `budget`), where the issue asks that lessons be preferred but
never hide every note. Any body text now weighs 1 on either side, a lesson's title 3 and a
call's 2 (a title of 2 let a short note that repeats the word beat the lesson titled with it):
at 300,000 documents 1-5 of the first 50 are notes, at a heavy seller's size about half.
No schema change; the downgrade puts 0006's weights back.
"""

from __future__ import annotations

from alembic import op

revision = "0010_search_speed"
down_revision = "0009_team_transfer"  # merged after #14's 0009
branch_labels = None
depends_on = None


# bm25 weights in 0006's column order: title, what_happened, do_differently, feeling, causes,
# call_title, notes, fold, tags (filters only: weight 0, never a score).
DOC_RANK = "bm25(3.0, 1.0, 1.0, 1.0, 1.0, 2.0, 1.0, 1.0, 0.0)"
OLD_RANK = "bm25(4.0, 2.0, 2.0, 1.0, 2.0, 2.0, 1.0, 1.0, 0.0)"


def upgrade() -> None:
    op.execute(f"INSERT INTO fts_doc(fts_doc, rank) VALUES ('rank', '{DOC_RANK}')")
    op.execute("INSERT INTO fts_doc(fts_doc) VALUES ('optimize')")


def downgrade() -> None:
    # The index holds the same rows however it is laid out: only the weights go back.
    op.execute(f"INSERT INTO fts_doc(fts_doc, rank) VALUES ('rank', '{OLD_RANK}')")
