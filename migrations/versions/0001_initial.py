"""initial schema

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("name", name=op.f("uq_account_name")),
    )
    op.create_table(
        "root_cause",
        sa.Column("id", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_root_cause")),
    )
    op.create_table(
        "deal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("checklist", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_deal_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deal")),
        sa.UniqueConstraint("account_id", "name", name=op.f("uq_deal_account_id")),
    )
    op.create_table(
        "call",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("notes_saved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_call_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_call_deal_id_deal"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call")),
    )
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_call_deal_id"), ["deal_id"], unique=False)

    op.create_table(
        "qualification_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("framework", sa.String(length=20), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["deal_id"],
            ["deal.id"],
            name=op.f("fk_qualification_item_deal_id_deal"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qualification_item")),
        sa.UniqueConstraint(
            "deal_id", "framework", "field", name=op.f("uq_qualification_item_deal_id")
        ),
    )
    op.create_table(
        "stakeholder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("decision_role", sa.String(length=30), nullable=False),
        sa.Column("attitude", sa.String(length=20), nullable=False),
        sa.Column("influence", sa.Integer(), nullable=False),
        sa.Column("coverage", sa.String(length=20), nullable=False),
        sa.Column("last_contact", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("placeholder", sa.Boolean(), nullable=False),
        sa.Column("pos_x", sa.Float(), nullable=True),
        sa.Column("pos_y", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "influence BETWEEN 1 AND 5", name=op.f("ck_stakeholder_influence_range")
        ),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_stakeholder_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["deal_id"], ["deal.id"], name=op.f("fk_stakeholder_deal_id_deal"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholder")),
    )
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stakeholder_account_id"), ["account_id"], unique=False)

    op.create_table(
        "call_attendee",
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("stakeholder_id", sa.Integer(), nullable=False),
        sa.Column("mentioned_only", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["call.id"], name=op.f("fk_call_attendee_call_id_call"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["stakeholder_id"],
            ["stakeholder.id"],
            name=op.f("fk_call_attendee_stakeholder_id_stakeholder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("call_id", "stakeholder_id", name=op.f("pk_call_attendee")),
    )
    with op.batch_alter_table("call_attendee", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_call_attendee_stakeholder_id"), ["stakeholder_id"], unique=False
        )

    op.create_table(
        "call_marker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("elapsed_seconds", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["call.id"], name=op.f("fk_call_marker_call_id_call"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_marker")),
    )
    with op.batch_alter_table("call_marker", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_marker_call_id"), ["call_id"], unique=False)

    op.create_table(
        "lesson",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=True),
        sa.Column("account_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("outcome", sa.String(length=20), nullable=True),
        sa.Column("feeling", sa.Text(), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("do_differently", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_lesson_account_id_account"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["call_id"], ["call.id"], name=op.f("fk_lesson_call_id_call"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lesson")),
    )
    with op.batch_alter_table("lesson", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lesson_account_id"), ["account_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lesson_call_id"), ["call_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_lesson_created_at"), ["created_at"], unique=False)

    op.create_table(
        "next_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("call_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("due", sa.Date(), nullable=True),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["call_id"], ["call.id"], name=op.f("fk_next_step_call_id_call"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_next_step")),
    )
    with op.batch_alter_table("next_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_next_step_call_id"), ["call_id"], unique=False)

    op.create_table(
        "stakeholder_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.CheckConstraint("source_id <> target_id", name=op.f("ck_stakeholder_link_not_self")),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["stakeholder.id"],
            name=op.f("fk_stakeholder_link_source_id_stakeholder"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["target_id"],
            ["stakeholder.id"],
            name=op.f("fk_stakeholder_link_target_id_stakeholder"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholder_link")),
        sa.UniqueConstraint(
            "source_id", "target_id", "kind", name=op.f("uq_stakeholder_link_source_id")
        ),
    )
    with op.batch_alter_table("stakeholder_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stakeholder_link_target_id"), ["target_id"], unique=False
        )

    op.create_table(
        "lesson_cause",
        sa.Column("lesson_id", sa.Integer(), nullable=False),
        sa.Column("cause_id", sa.String(length=60), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("controllable", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["cause_id"],
            ["root_cause.id"],
            name=op.f("fk_lesson_cause_cause_id_root_cause"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["lesson_id"],
            ["lesson.id"],
            name=op.f("fk_lesson_cause_lesson_id_lesson"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("lesson_id", "cause_id", name=op.f("pk_lesson_cause")),
    )
    with op.batch_alter_table("lesson_cause", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lesson_cause_cause_id"), ["cause_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("lesson_cause", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lesson_cause_cause_id"))

    op.drop_table("lesson_cause")
    with op.batch_alter_table("stakeholder_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stakeholder_link_target_id"))

    op.drop_table("stakeholder_link")
    with op.batch_alter_table("next_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_next_step_call_id"))

    op.drop_table("next_step")
    with op.batch_alter_table("lesson", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lesson_created_at"))
        batch_op.drop_index(batch_op.f("ix_lesson_call_id"))
        batch_op.drop_index(batch_op.f("ix_lesson_account_id"))

    op.drop_table("lesson")
    with op.batch_alter_table("call_marker", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_marker_call_id"))

    op.drop_table("call_marker")
    with op.batch_alter_table("call_attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_attendee_stakeholder_id"))

    op.drop_table("call_attendee")
    with op.batch_alter_table("stakeholder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stakeholder_account_id"))

    op.drop_table("stakeholder")
    op.drop_table("qualification_item")
    with op.batch_alter_table("call", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_deal_id"))
        batch_op.drop_index(batch_op.f("ix_call_account_id"))

    op.drop_table("call")
    op.drop_table("deal")
    op.drop_table("root_cause")
    op.drop_table("account")
