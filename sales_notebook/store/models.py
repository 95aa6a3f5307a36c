"""The notebook's tables, as SQLAlchemy 2 typed models."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from sales_notebook.core.names import name_key

# Named constraints let Alembic's batch mode drop and recreate them on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """The current time in UTC, the only zone stored in the notebook."""
    return datetime.now(UTC)


def new_uuid() -> str:
    """A random UUID as text, the id a lesson keeps on every machine and on the team server."""
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _key_of_name(context: Any) -> str:
    # The key of a row inserted without one (an import of an older export).
    return name_key(str(context.get_current_parameters().get("name") or ""))


def _name_key() -> Mapped[str]:
    """`name_key`: the name compared as a person would (core/names.py), kept by `_follow`."""
    return mapped_column(String(600), default=_key_of_name, server_default="")


def _follow(row: Any, name: str) -> str:
    row.name_key = name_key(name)
    return name


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (Index("ix_account_name_key", "name_key", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    name_key: Mapped[str] = _name_key()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    deals: Mapped[list[Deal]] = relationship(
        back_populates="account", cascade="all, delete-orphan", order_by="Deal.name"
    )

    @validates("name")
    def _keep_key(self, _field: str, name: str) -> str:
        return _follow(self, name)


class Deal(Base):
    __tablename__ = "deal"
    __table_args__ = (
        UniqueConstraint("account_id", "name"),
        Index("ix_deal_name_key", "account_id", "name_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = _name_key()
    checklist: Mapped[str] = mapped_column(String(20), default="meddpicc")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    account: Mapped[Account] = relationship(back_populates="deals")

    @validates("name")
    def _keep_key(self, _field: str, name: str) -> str:
        return _follow(self, name)


class Stakeholder(Base):
    __tablename__ = "stakeholder"
    __table_args__ = (
        CheckConstraint("influence BETWEEN 1 AND 5", name="influence_range"),
        Index("ix_stakeholder_name_key", "account_id", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    # A person may matter to one deal only; None means the whole account.
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deal.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = _name_key()
    title: Mapped[str] = mapped_column(String(300), default="")
    decision_role: Mapped[str] = mapped_column(String(30), default="unknown")
    attitude: Mapped[str] = mapped_column(String(20), default="unknown")
    influence: Mapped[int] = mapped_column(Integer, default=3)
    coverage: Mapped[str] = mapped_column(String(20), default="no_contact")
    last_contact: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="")
    # A card standing for someone not identified yet ("Decision maker — unknown").
    placeholder: Mapped[bool] = mapped_column(Boolean, default=False)
    pos_x: Mapped[float | None] = mapped_column(Float)
    pos_y: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    @validates("name")
    def _keep_key(self, _field: str, name: str) -> str:
        return _follow(self, name)


class StakeholderLink(Base):
    """A directed edge: `source` reports to, or influences, `target`."""

    __tablename__ = "stakeholder_link"
    __table_args__ = (
        UniqueConstraint("source_id", "target_id", "kind"),
        CheckConstraint("source_id <> target_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("stakeholder.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(
        ForeignKey("stakeholder.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))


class Call(Base):
    __tablename__ = "call"
    # Finds the call left running (start-up recovery) without reading every call's notes.
    __table_args__ = (Index("ix_call_live", "started_at", sqlite_where=text("ended_at IS NULL")),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("account.id", ondelete="CASCADE"), index=True
    )
    deal_id: Mapped[int | None] = mapped_column(
        ForeignKey("deal.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300), default="")
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # NULL while the call is live; a live call found at start-up is a call to recover.
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_saved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str | None] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text, default="")


class CallAttendee(Base):
    __tablename__ = "call_attendee"

    call_id: Mapped[int] = mapped_column(
        ForeignKey("call.id", ondelete="CASCADE"), primary_key=True
    )
    stakeholder_id: Mapped[int] = mapped_column(
        ForeignKey("stakeholder.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    # Ticked as present, or only @mentioned in the notes.
    mentioned_only: Mapped[bool] = mapped_column(Boolean, default=False)


class CallMarker(Base):
    __tablename__ = "call_marker"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    elapsed_seconds: Mapped[int] = mapped_column(Integer)
    # Character offset into the notes when inserted; kept up to date as the text changes.
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")


class NextStep(Base):
    __tablename__ = "next_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("call.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    due: Mapped[date | None] = mapped_column(Date)
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class QualificationItem(Base):
    """One checklist field (MEDDPICC or BANT) of a deal, carried from call to call."""

    __tablename__ = "qualification_item"
    __table_args__ = (UniqueConstraint("deal_id", "framework", "field"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    deal_id: Mapped[int] = mapped_column(ForeignKey("deal.id", ondelete="CASCADE"))
    framework: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10), default="unknown")
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class RootCause(Base):
    __tablename__ = "root_cause"

    id: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    question: Mapped[str] = mapped_column(Text, default="")
    prompt: Mapped[str] = mapped_column(Text, default="")
    # Retired causes stay on old lessons but are not offered for new ones.
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Lesson(Base):
    __tablename__ = "lesson"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Names the lesson on the team server (migration 0007): sending it twice is harmless.
    uuid: Mapped[str] = mapped_column(String(36), unique=True, index=True, default=new_uuid)
    call_id: Mapped[int | None] = mapped_column(
        ForeignKey("call.id", ondelete="SET NULL"), index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("account.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    outcome: Mapped[str | None] = mapped_column(String(20))
    feeling: Mapped[str] = mapped_column(Text, default="")
    what_happened: Mapped[str] = mapped_column(Text, default="")
    do_differently: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )

    causes: Mapped[list[LessonCause]] = relationship(cascade="all, delete-orphan", lazy="selectin")


class LessonCause(Base):
    __tablename__ = "lesson_cause"

    lesson_id: Mapped[int] = mapped_column(
        ForeignKey("lesson.id", ondelete="CASCADE"), primary_key=True
    )
    cause_id: Mapped[str] = mapped_column(
        ForeignKey("root_cause.id", ondelete="RESTRICT", onupdate="CASCADE"),
        primary_key=True,
        index=True,
    )
    evidence: Mapped[str] = mapped_column(Text, default="")
    # Within the seller's control, or external (a budget freeze, a reorg).
    controllable: Mapped[bool] = mapped_column(Boolean, default=True)
