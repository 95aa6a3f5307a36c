"""Calls and their notes: start, autosave, end, recover."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Row, Select, select, update
from sqlalchemy.orm import Session

from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput, KnownError
from sales_notebook.store.models import Account, Call, Deal, Lesson, utcnow

# Notes beyond this are refused with a message: a stray 10 MB paste would make the editor,
# autosave and search crawl, and no call's notes are that long.
MAX_NOTES_CHARS = 1_000_000
# A review's summary is two or three sentences; a stray paste is refused with a message.
MAX_SUMMARY_CHARS = 10_000


@dataclass(frozen=True)
class CallRow:
    id: int
    account_id: int
    account_name: str
    deal_id: int | None
    deal_name: str | None
    title: str
    started_at: datetime
    ended_at: datetime | None
    notes: str
    notes_saved_at: datetime | None
    outcome: str | None
    summary: str

    @property
    def live(self) -> bool:
        return self.ended_at is None


def as_utc(moment: datetime) -> datetime:
    """SQLite hands datetimes back naive; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class CallsService:
    """Everything about one call's life, each method one short transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def start(self, account_id: int, deal_id: int | None = None, title: str = "") -> int:
        """Start a live call now and return its id."""
        with self._db.session() as s:
            call = Call(account_id=account_id, deal_id=deal_id, title=title.strip()[:300])
            s.add(call)
            s.flush()
            return call.id

    def save_notes(self, call_id: int, notes: str) -> datetime:
        """Store the whole notes text; returns when it was saved."""
        with self._db.session() as s:
            return write_notes(s, call_id, notes)

    def end(self, call_id: int, notes: str | None = None) -> None:
        """Stop the call's clock, saving the last notes with it."""
        values: dict[str, object] = {"ended_at": utcnow()}
        if notes is not None:
            values.update(notes=notes, notes_saved_at=values["ended_at"])
        with self._db.session() as s:
            result = s.execute(
                update(Call).where(Call.id == call_id, Call.ended_at.is_(None)).values(values)
            )
            if result.rowcount != 1 and s.get(Call, call_id) is None:  # type: ignore[attr-defined]
                raise CallGone(call_id)

    def set_outcome(self, call_id: int, outcome: str | None, summary: str | None = None) -> None:
        """Record how the call went."""
        values: dict[str, object] = {"outcome": outcome}
        if summary is not None:
            if len(summary) > MAX_SUMMARY_CHARS:
                raise InvalidInput(
                    f"The summary is too long to save ({len(summary):,} characters; at most "
                    f"{MAX_SUMMARY_CHARS:,}). Shorten it: the last saved summary is kept."
                )
            values["summary"] = summary
        with self._db.session() as s:
            s.execute(update(Call).where(Call.id == call_id).values(values))

    def get(self, call_id: int) -> CallRow:
        """One call with its account and deal names."""
        with self._db.session() as s:
            row = s.execute(_call_query().where(Call.id == call_id)).one()
        return _row(row)

    def live_call(self) -> CallRow | None:
        """The call left running (by a crash, a kill or a quit mid-call), to recover it."""
        with self._db.session() as s:
            row = s.execute(
                _call_query().where(Call.ended_at.is_(None)).order_by(Call.started_at.desc())
            ).first()
        return _row(row) if row else None

    def for_account(self, account_id: int, deal_id: int | None = None) -> list[CallRow]:
        """Calls of an account (or one deal), newest first."""
        query = _call_query().where(Call.account_id == account_id)
        if deal_id is not None:
            query = query.where(Call.deal_id == deal_id)
        with self._db.session() as s:
            rows = s.execute(query.order_by(Call.started_at.desc())).all()
        return [_row(r) for r in rows]

    def set_title(self, call_id: int, title: str) -> str:
        """Name the call ("Pricing follow-up"); returns the title as stored."""
        clean = " ".join(title.split())[:300]
        with self._db.session() as s:
            s.execute(update(Call).where(Call.id == call_id).values(title=clean))
        return clean

    def move(self, call_id: int, account_id: int, deal_id: int | None) -> None:
        """File a call under another account or deal (it was filed in the wrong place); its
        lessons go with it, so their watch-outs come before the right account's next call."""
        with self._db.session() as s:
            if deal_id is not None:
                deal = s.get_one(Deal, deal_id)
                if deal.account_id != account_id:
                    raise InvalidInput("That deal belongs to another account.")
            old_account_id = s.scalar(select(Call.account_id).where(Call.id == call_id))
            s.execute(
                update(Call)
                .where(Call.id == call_id)
                .values(account_id=account_id, deal_id=deal_id)
            )
            s.execute(
                update(Lesson)
                .where(Lesson.call_id == call_id, Lesson.account_id == old_account_id)
                .values(account_id=account_id)
            )

    def delete(self, call_id: int) -> None:
        """Delete a call with its markers and attendance."""
        with self._db.session() as s:
            s.delete(s.get_one(Call, call_id))


class CallGone(KnownError):
    """The call being written is no longer in the notebook (deleted, or the notebook replaced)."""

    def __init__(self, call_id: int) -> None:
        super().__init__(
            "This call is no longer in the notebook (its account was deleted, or the notebook "
            "was replaced by an import), so the latest notes could not be saved. What you typed "
            "is still here."
        )
        self.call_id = call_id


def write_notes(session: Session, call_id: int, notes: str, live_only: bool = False) -> datetime:
    """The notes of a call, in the caller's transaction; refused past MAX_NOTES_CHARS.

    Raises CallGone when the UPDATE touched no row (with `live_only`, also when the call has
    ended): a save that stored nothing must never be reported as saved."""
    if len(notes) > MAX_NOTES_CHARS:
        raise InvalidInput(
            f"These notes are longer than {MAX_NOTES_CHARS:,} characters and were not saved."
        )
    saved_at = utcnow()
    query = update(Call).where(Call.id == call_id)
    if live_only:
        query = query.where(Call.ended_at.is_(None))
    result = session.execute(query.values(notes=notes, notes_saved_at=saved_at))
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise CallGone(call_id)
    return saved_at


def _call_query() -> Select[Call, str, str]:
    return (
        select(Call, Account.name, Deal.name)
        .join(Account, Account.id == Call.account_id)
        .outerjoin(Deal, Deal.id == Call.deal_id)
    )


def _row(row: Row[Call, str, str]) -> CallRow:
    call, account_name, deal_name = row
    return CallRow(
        id=call.id,
        account_id=call.account_id,
        account_name=account_name,
        deal_id=call.deal_id,
        deal_name=deal_name,
        title=call.title,
        started_at=as_utc(call.started_at),
        ended_at=as_utc(call.ended_at) if call.ended_at else None,
        notes=call.notes,
        notes_saved_at=as_utc(call.notes_saved_at) if call.notes_saved_at else None,
        outcome=call.outcome,
        summary=call.summary,
    )
