"""The notebook's side of the team library (migration 0007): what is shared, the outbox of
changes not yet on the server, the read-only cache of the team's lessons, and sync state.

The cache has its own FTS5 index (fts_team_lesson, written by hand in migrations 0007 and
0009), apart from the notebook's own lessons index.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sales_notebook.store.models import Base, utcnow


class TeamShare(Base):
    """A lesson the seller chose to publish; its row goes when it is unpublished."""

    __tablename__ = "team_share"

    lesson_id: Mapped[int] = mapped_column(
        ForeignKey("lesson.id", ondelete="CASCADE"), primary_key=True
    )
    # The account's name leaves the machine only when ticked for this lesson.
    share_account: Mapped[bool] = mapped_column(Boolean, default=False)
    shared_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TeamOutbox(Base):
    """A publish or unpublish not yet accepted by the server, in the order it was made."""

    __tablename__ = "team_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_uuid: Mapped[str] = mapped_column(String(36), index=True)
    action: Mapped[str] = mapped_column(String(10))  # publish | unpublish
    # ISO text in UTC, so that the triggers of migration 0007 can write it too.
    queued_at: Mapped[str] = mapped_column(String(32))


class TeamState(Base):
    """Sync's few settings: the server URL (never a password), cursor, last sync, last error."""

    __tablename__ = "team_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class TeamLesson(Base):
    """A lesson of the team as the server last sent it (read-only: only its author edits it)."""

    __tablename__ = "team_lesson"

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    author: Mapped[str] = mapped_column(String(63), index=True)
    seller: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    outcome: Mapped[str | None] = mapped_column(String(20))
    what_happened: Mapped[str] = mapped_column(Text, default="")
    do_differently: Mapped[str] = mapped_column(Text, default="")
    # The causes' evidence, joined: what the FTS index reads besides the texts above.
    evidence: Mapped[str] = mapped_column(Text, default="")
    # The texts above that hold ø, æ, ß, ł …, folded as the library folds them (migration
    # 0009): unicode61 keeps those letters, so "Orsted" finds "Ørsted" through this column.
    fold: Mapped[str] = mapped_column(Text, default="")
    account_name: Mapped[str | None] = mapped_column(String(200), index=True)
    lesson_date: Mapped[date] = mapped_column(Date, index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TeamLessonCause(Base):
    __tablename__ = "team_lesson_cause"

    lesson_id: Mapped[int] = mapped_column(
        ForeignKey("team_lesson.id", ondelete="CASCADE"), primary_key=True
    )
    cause_id: Mapped[str] = mapped_column(String(60), primary_key=True, index=True)
    name: Mapped[str] = mapped_column(String(120))
    evidence: Mapped[str] = mapped_column(Text, default="")
    controllable: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
