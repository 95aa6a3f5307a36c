"""team library: a UUID on every lesson, what is shared, the outbox, the team's cached lessons

Revision ID: 0007_team_outbox
Revises: 0006_search_exact
Create Date: 2026-11-29

Every lesson gets a UUID (existing ones are backfilled here; a lesson written without one
gets one from a trigger). The outbox holds each publish and unpublish until the server has
it; triggers queue a new publish when a shared lesson or its causes change, and an
unpublish when a shared lesson is deleted. The team's lessons are cached in their own
tables with their own FTS5 index (fts_team_lesson), apart from the notebook's own.
No table is rebuilt: the lesson table keeps its search triggers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_team_outbox"
down_revision = "0006_search_exact"
branch_labels = None
depends_on = None

TOKENIZE = "porter unicode61 remove_diacritics 2"
FTS_COLUMNS = ("title", "what_happened", "do_differently", "evidence")
FTS_RANK = "bm25(4.0, 2.0, 2.0, 1.0)"
# A version-4 UUID made by SQLite itself, for the backfill and for rows written without one.
NEW_UUID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))"
)
NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
SHARED = "EXISTS (SELECT 1 FROM team_share s WHERE s.lesson_id = {id})"
LESSON_WATCHED = "title, outcome, what_happened, do_differently, account_id, created_at"


def _queue(lesson_id: str) -> str:
    return (
        f"INSERT INTO team_outbox (lesson_uuid, action, queued_at) "
        f"SELECT uuid, 'publish', {NOW} FROM lesson WHERE id = {lesson_id};"
    )


TRIGGERS = [
    f"""CREATE TRIGGER lesson_uuid_ai AFTER INSERT ON lesson WHEN new.uuid = '' BEGIN
        UPDATE lesson SET uuid = {NEW_UUID} WHERE id = new.id; END""",
    f"""CREATE TRIGGER team_share_edit AFTER UPDATE OF {LESSON_WATCHED} ON lesson
        WHEN {SHARED.format(id="new.id")} BEGIN {_queue("new.id")} END""",
    f"""CREATE TRIGGER team_share_gone BEFORE DELETE ON lesson
        WHEN {SHARED.format(id="old.id")} BEGIN
        INSERT INTO team_outbox (lesson_uuid, action, queued_at)
        VALUES (old.uuid, 'unpublish', {NOW}); END""",
    f"""CREATE TRIGGER team_cause_ai AFTER INSERT ON lesson_cause
        WHEN {SHARED.format(id="new.lesson_id")} BEGIN {_queue("new.lesson_id")} END""",
    f"""CREATE TRIGGER team_cause_au AFTER UPDATE ON lesson_cause
        WHEN {SHARED.format(id="new.lesson_id")} BEGIN {_queue("new.lesson_id")} END""",
    f"""CREATE TRIGGER team_cause_ad AFTER DELETE ON lesson_cause
        WHEN {SHARED.format(id="old.lesson_id")} BEGIN {_queue("old.lesson_id")} END""",
]


def _fts() -> list[str]:
    cols = ", ".join(FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in FTS_COLUMNS)
    t = "fts_team_lesson"
    # A first pull (100,000 lessons) indexes them in one 'rebuild' at its end, three times
    # faster than row by row; meanwhile the key 'bulk_load' in team_state mutes the triggers.
    live = "WHEN NOT EXISTS (SELECT 1 FROM team_state WHERE key = 'bulk_load')"
    return [
        f"CREATE VIRTUAL TABLE {t} USING fts5({cols}, content='team_lesson', "
        f"content_rowid='id', tokenize='{TOKENIZE}', prefix='4 5')",
        f"CREATE TRIGGER {t}_ai AFTER INSERT ON team_lesson {live} BEGIN "
        f"INSERT INTO {t}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {t}_ad AFTER DELETE ON team_lesson {live} BEGIN "
        f"INSERT INTO {t}({t}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {t}_au AFTER UPDATE OF {cols} ON team_lesson {live} BEGIN "
        f"INSERT INTO {t}({t}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {t}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {t}({t}, rank) VALUES ('rank', '{FTS_RANK}')",
    ]


def upgrade() -> None:
    op.execute("ALTER TABLE lesson ADD COLUMN uuid VARCHAR(36) NOT NULL DEFAULT ''")
    op.execute(f"UPDATE lesson SET uuid = {NEW_UUID} WHERE uuid = ''")
    op.create_index("ix_lesson_uuid", "lesson", ["uuid"], unique=True)
    op.create_table(
        "team_share",
        sa.Column("lesson_id", sa.Integer(), nullable=False),
        sa.Column("share_account", sa.Boolean(), nullable=False),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["lesson.id"], name=op.f("fk_team_share_lesson_id_lesson"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("lesson_id", name=op.f("pk_team_share")),
    )  # fmt: skip
    op.create_table(
        "team_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lesson_uuid", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("queued_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_outbox")),
    )
    op.create_index("ix_team_outbox_lesson_uuid", "team_outbox", ["lesson_uuid"])
    op.create_table(
        "team_state",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_team_state")),
    )
    op.create_table(
        "team_lesson",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("author", sa.String(length=63), nullable=False),
        sa.Column("seller", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("do_differently", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("account_name", sa.String(length=200), nullable=True),
        sa.Column("lesson_date", sa.Date(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_team_lesson")),
        sa.UniqueConstraint("uuid", name=op.f("uq_team_lesson_uuid")),
    )
    for column in ("author", "account_name", "lesson_date"):
        op.create_index(f"ix_team_lesson_{column}", "team_lesson", [column])
    op.create_table(
        "team_lesson_cause",
        sa.Column("lesson_id", sa.Integer(), nullable=False),
        sa.Column("cause_id", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("controllable", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lesson_id"], ["team_lesson.id"],
            name=op.f("fk_team_lesson_cause_lesson_id_team_lesson"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("lesson_id", "cause_id", name=op.f("pk_team_lesson_cause")),
    )  # fmt: skip
    op.create_index("ix_team_lesson_cause_cause_id", "team_lesson_cause", ["cause_id"])
    for statement in TRIGGERS + _fts():
        op.execute(statement)


def downgrade() -> None:
    for name in ("lesson_uuid_ai", "team_share_edit", "team_share_gone", "team_cause_ai",
                 "team_cause_au", "team_cause_ad", "fts_team_lesson_ai", "fts_team_lesson_ad",
                 "fts_team_lesson_au"):  # fmt: skip
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS fts_team_lesson")
    for table in ("team_lesson_cause", "team_lesson", "team_state", "team_outbox", "team_share"):
        op.drop_table(table)
    op.drop_index("ix_lesson_uuid", "lesson")
    op.execute("ALTER TABLE lesson DROP COLUMN uuid")
