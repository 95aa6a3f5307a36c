"""Who took part in a call: ticked attendees, people @mentioned, and people added mid-call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from sales_notebook.core.attendance import coverage_after_calls
from sales_notebook.core.names import name_key, sort_key
from sales_notebook.core.people import parse_person_line
from sales_notebook.core.vocabulary import Coverage
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import CallAttendee, Stakeholder


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    title: str
    decision_role: str
    coverage: Coverage
    last_contact: date | None

    @property
    def label(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


def _person(p: Stakeholder) -> PersonRow:
    return PersonRow(p.id, p.name, p.title, p.decision_role, Coverage(p.coverage), p.last_contact)


class AttendanceService:
    """Attendance rows of calls, and the coverage they earn on the stakeholder map."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def people(self, account_id: int, deal_id: int | None = None) -> list[PersonRow]:
        """Identified people of the account (for a deal: the whole account's and the deal's)."""
        query = select(Stakeholder).where(
            Stakeholder.account_id == account_id, Stakeholder.placeholder.is_(False)
        )
        scope: ColumnElement[bool] = Stakeholder.deal_id.is_(None)
        if deal_id is not None:
            scope = or_(scope, Stakeholder.deal_id == deal_id)
        with self._db.session() as s:
            people = sorted(s.scalars(query.where(scope)), key=lambda p: sort_key(p.name))
            return [_person(p) for p in people]

    def attendance(self, call_id: int) -> dict[int, bool]:
        """stakeholder id -> mentioned only (False: ticked as present)."""
        with self._db.session() as s:
            rows = s.execute(
                select(CallAttendee.stakeholder_id, CallAttendee.mentioned_only).where(
                    CallAttendee.call_id == call_id
                )
            )
            return {sid: bool(mentioned) for sid, mentioned in rows}

    def set_present(
        self, call_id: int, stakeholder_id: int, present: bool, on: date | None = None
    ) -> None:
        """Tick or untick someone as on the call. Unticking keeps their coverage and last
        contact: those only ever grow from calls."""
        with self._db.session() as s:
            row = s.get(CallAttendee, (call_id, stakeholder_id))
            if not present:
                if row is not None:
                    s.delete(row)
                return
            if row is None:
                s.add(CallAttendee(call_id=call_id, stakeholder_id=stakeholder_id))
            else:
                row.mentioned_only = False
            s.flush()
            _engaged(s, stakeholder_id, on or date.today())

    def mention(self, call_id: int, stakeholder_id: int, on: date | None = None) -> bool:
        """Count an @mentioned person as engaged in this call; False if they already were."""
        with self._db.session() as s:
            if s.get(CallAttendee, (call_id, stakeholder_id)) is not None:
                return False
            s.add(CallAttendee(call_id=call_id, stakeholder_id=stakeholder_id, mentioned_only=True))
            s.flush()
            _engaged(s, stakeholder_id, on or date.today())
            return True

    def add_person(
        self, account_id: int, line: str, call_id: int | None = None, on: date | None = None
    ) -> PersonRow:
        """Add a person typed as 'Dana Lee, CFO' to the account (and tick them on the call).
        A name already on the account is reused rather than duplicated."""
        try:
            person = parse_person_line(line)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from exc
        with self._db.session() as s:
            found = s.scalar(
                select(Stakeholder).where(
                    Stakeholder.account_id == account_id,
                    Stakeholder.name_key == name_key(person.name),
                    Stakeholder.placeholder.is_(False),
                )
            )
            if found is None:
                found = Stakeholder(account_id=account_id, name=person.name, title=person.title)
                s.add(found)
                s.flush()
            elif person.title and not found.title:
                found.title = person.title
            if call_id is not None:
                row = s.get(CallAttendee, (call_id, found.id))
                if row is None:
                    s.add(CallAttendee(call_id=call_id, stakeholder_id=found.id))
                else:
                    row.mentioned_only = False
                s.flush()
                _engaged(s, found.id, on or date.today())
            return _person(found)


def _engaged(s: Session, stakeholder_id: int, on: date) -> None:
    person = s.get_one(Stakeholder, stakeholder_id)
    calls = s.scalar(select(func.count()).where(CallAttendee.stakeholder_id == stakeholder_id))
    person.coverage = coverage_after_calls(Coverage(person.coverage), int(calls or 0)).value
    if person.last_contact is None or person.last_contact < on:
        person.last_contact = on
