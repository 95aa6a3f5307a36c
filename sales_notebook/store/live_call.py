"""What a live call writes beside its notes: markers stamped with the call's time, and the
account's past lessons read for the watch-outs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update

from sales_notebook.core.vocabulary import MarkerKind
from sales_notebook.store.calls import as_utc, write_notes
from sales_notebook.store.database import Database
from sales_notebook.store.models import CallMarker, Lesson

MAX_MARKER_TEXT = 300


@dataclass(frozen=True)
class MarkerRow:
    id: int
    kind: MarkerKind
    elapsed_seconds: int
    position: int
    text: str


@dataclass(frozen=True)
class MarkerPlace:
    """Where a marker sits in the notes now, and the words that follow it on its line."""

    id: int
    position: int
    text: str


@dataclass(frozen=True)
class LessonRow:
    id: int
    title: str
    do_differently: str
    created_at: datetime


class LiveCallService:
    """Markers and the notes they sit in, saved together so their positions always agree."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add_marker(
        self, call_id: int, kind: MarkerKind, elapsed_seconds: int, position: int
    ) -> int:
        """Store a marker the moment it is inserted; returns its id."""
        with self._db.session() as s:
            marker = CallMarker(
                call_id=call_id,
                kind=MarkerKind(kind).value,
                elapsed_seconds=max(0, elapsed_seconds),
                position=max(0, position),
            )
            s.add(marker)
            s.flush()
            return marker.id

    def markers(self, call_id: int) -> list[MarkerRow]:
        """A call's markers in the order they sit in the notes."""
        query = (
            select(CallMarker)
            .where(CallMarker.call_id == call_id)
            .order_by(CallMarker.position, CallMarker.elapsed_seconds, CallMarker.id)
        )
        with self._db.session() as s:
            return [
                MarkerRow(m.id, MarkerKind(m.kind), m.elapsed_seconds, m.position, m.text)
                for m in s.scalars(query)
            ]

    def save_notes(
        self,
        call_id: int,
        notes: str,
        places: Sequence[MarkerPlace] = (),
        removed: Sequence[int] = (),
    ) -> datetime:
        """Store the notes, where each marker now sits, and drop markers whose stamp was
        deleted from the text; one transaction, so a crash never splits them. Raises CallGone
        when the call is no longer live in the notebook."""
        with self._db.session() as s:
            saved_at = write_notes(s, call_id, notes, live_only=True)
            for place in places:
                s.execute(
                    update(CallMarker)
                    .where(CallMarker.id == place.id, CallMarker.call_id == call_id)
                    .values(position=place.position, text=place.text[:MAX_MARKER_TEXT])
                )
            if removed:
                s.execute(
                    delete(CallMarker).where(
                        CallMarker.call_id == call_id, CallMarker.id.in_(removed)
                    )
                )
        return saved_at

    def account_lessons(self, account_id: int, limit: int = 5) -> list[LessonRow]:
        """The account's most recent lessons, for the watch-outs."""
        query = (
            select(Lesson)
            .where(Lesson.account_id == account_id)
            .order_by(Lesson.created_at.desc())
            .limit(limit)
        )
        with self._db.session() as s:
            return [
                LessonRow(x.id, x.title, x.do_differently, as_utc(x.created_at))
                for x in s.scalars(query)
            ]
