"""the team's published lessons, row-level security, tombstones for unpublished ones

Revision ID: 0001_team_lessons
Revises:
Create Date: 2026-11-29

Every row of team.lesson is a published lesson. Any role granted the table reads them all;
the policies let a role insert, change and delete only rows whose author is itself, and the
author defaults to current_user, so the client never decides whose lesson it is. The grants
(which group of sellers may reach the tables at all) are made by `team init`, not here.

Sync reads what changed since its last pull by transaction id (xid8): rows written by a
transaction older than the previous pull's snapshot xmin were all seen by that pull, so a
pull never misses a row committed late. A deleted (unpublished) lesson leaves a tombstone,
written by a SECURITY DEFINER trigger: sellers cannot write tombstones themselves.
"""

from __future__ import annotations

from alembic import op

revision = "0001_team_lessons"
down_revision = None
branch_labels = None
depends_on = None

UPGRADE = [
    """CREATE TABLE team.seller (
        role text PRIMARY KEY,
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        added_at timestamptz NOT NULL DEFAULT now())""",
    """CREATE TABLE team.lesson (
        uuid uuid PRIMARY KEY,
        author text NOT NULL DEFAULT current_user,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        outcome text,
        what_happened text NOT NULL DEFAULT '',
        do_differently text NOT NULL DEFAULT '',
        account_name text CHECK (length(account_name) <= 200),
        lesson_date date NOT NULL,
        causes jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(causes) = 'array'),
        changed_at timestamptz NOT NULL DEFAULT now(),
        txid xid8 NOT NULL DEFAULT pg_current_xact_id())""",
    "CREATE INDEX ix_lesson_txid ON team.lesson (txid)",
    "CREATE INDEX ix_lesson_author ON team.lesson (author)",
    # A first pull reads every lesson oldest first: in index order, with no sort to disk.
    "CREATE INDEX ix_lesson_date ON team.lesson (lesson_date, uuid)",
    """CREATE TABLE team.tombstone (
        uuid uuid PRIMARY KEY,
        author text NOT NULL,
        changed_at timestamptz NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id())""",
    "CREATE INDEX ix_tombstone_txid ON team.tombstone (txid)",
    # The change's time on the server's clock, never in the future; the transaction id for sync.
    """CREATE FUNCTION team.stamp() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.txid := pg_current_xact_id();
        NEW.changed_at := least(coalesce(NEW.changed_at, clock_timestamp()), clock_timestamp());
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER lesson_stamp BEFORE INSERT OR UPDATE ON team.lesson
        FOR EACH ROW EXECUTE FUNCTION team.stamp()""",
    # team.stamp (a transaction-local setting) carries the unpublish's own time, when given.
    """CREATE FUNCTION team.bury() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog AS $$
    DECLARE
        stamp timestamptz := least(
            coalesce(nullif(current_setting('team.stamp', true), '')::timestamptz,
                     clock_timestamp()),
            clock_timestamp());
    BEGIN
        INSERT INTO team.tombstone (uuid, author, changed_at) VALUES (OLD.uuid, OLD.author, stamp)
        ON CONFLICT (uuid) DO UPDATE SET author = excluded.author,
            changed_at = excluded.changed_at, txid = pg_current_xact_id();
        RETURN OLD;
    END $$""",
    """CREATE TRIGGER lesson_bury AFTER DELETE ON team.lesson
        FOR EACH ROW EXECUTE FUNCTION team.bury()""",
    """CREATE FUNCTION team.unbury() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog AS $$
    BEGIN
        DELETE FROM team.tombstone WHERE uuid = NEW.uuid;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER lesson_unbury AFTER INSERT ON team.lesson
        FOR EACH ROW EXECUTE FUNCTION team.unbury()""",
    "REVOKE ALL ON FUNCTION team.bury(), team.unbury(), team.stamp() FROM PUBLIC",
    "ALTER TABLE team.lesson ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY read_team ON team.lesson FOR SELECT USING (true)",
    "CREATE POLICY insert_own ON team.lesson FOR INSERT WITH CHECK (author = current_user)",
    """CREATE POLICY update_own ON team.lesson FOR UPDATE
        USING (author = current_user) WITH CHECK (author = current_user)""",
    "CREATE POLICY delete_own ON team.lesson FOR DELETE USING (author = current_user)",
]


def upgrade() -> None:
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE team.lesson, team.tombstone, team.seller")
    op.execute("DROP FUNCTION team.stamp(), team.bury(), team.unbury()")
