"""What the notebook knows about a call besides its notes: the map, the checklist, the markers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select

from sales_notebook.core.diagnosis import CallFacts
from sales_notebook.core.vocabulary import Coverage, DecisionRole
from sales_notebook.store.database import Database
from sales_notebook.store.models import (
    Call,
    CallAttendee,
    CallMarker,
    NextStep,
    QualificationItem,
    Stakeholder,
)

DECIDERS = frozenset({DecisionRole.DECISION_MAKER.value, DecisionRole.ECONOMIC_BUYER.value})


@dataclass(frozen=True)
class MarkerRow:
    id: int
    kind: str
    elapsed_seconds: int
    text: str


class CallFactsService:
    """Reads the facts the root-cause suggestions weigh, and the call's marker timeline."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def markers(self, call_id: int) -> list[MarkerRow]:
        """The call's markers in the order they were set."""
        query = (
            select(CallMarker)
            .where(CallMarker.call_id == call_id)
            .order_by(CallMarker.elapsed_seconds, CallMarker.id)
        )
        with self._db.session() as s:
            return [MarkerRow(m.id, m.kind, m.elapsed_seconds, m.text) for m in s.scalars(query)]

    def facts(self, call_id: int) -> CallFacts:
        """Map, attendance, checklist, markers and next steps of a call, as CallFacts.

        A fact the seller never recorded stays None (an empty map is not a map without
        a decision maker), so suggestions only lean on what was really written down.
        """
        with self._db.session() as s:
            call = s.get_one(Call, call_id)
            people = list(
                s.scalars(
                    select(Stakeholder).where(
                        Stakeholder.account_id == call.account_id,
                        or_(Stakeholder.deal_id.is_(None), Stakeholder.deal_id == call.deal_id),
                    )
                )
            )
            attendance = dict(
                s.execute(
                    select(CallAttendee.stakeholder_id, CallAttendee.mentioned_only).where(
                        CallAttendee.call_id == call_id
                    )
                ).all()
            )
            checklist: dict[str, str] = {}
            if call.deal_id is not None:
                items = s.scalars(
                    select(QualificationItem).where(QualificationItem.deal_id == call.deal_id)
                )
                checklist = {item.field: item.state for item in items}
            kinds = list(s.scalars(select(CallMarker.kind).where(CallMarker.call_id == call_id)))
            dues = list(s.scalars(select(NextStep.due).where(NextStep.call_id == call_id)))
        return _facts(people, attendance, checklist, kinds, dues)


def _facts(
    people: list[Stakeholder],
    attendance: dict[int, bool],
    checklist: dict[str, str],
    marker_kinds: list[str],
    dues: list[date | None],
) -> CallFacts:
    known = [p for p in people if not p.placeholder]
    present = {pid for pid, mentioned_only in attendance.items() if not mentioned_only}
    deciders = [p for p in known if p.decision_role in DECIDERS]
    has_decision_maker: bool | None = bool(deciders) if people else None
    attended: bool | None = None
    if deciders and attendance:
        attended = any(p.id in present for p in deciders)
    engaged: int | None = None
    if known:
        engaged = sum(1 for p in known if p.coverage != Coverage.NO_CONTACT or p.id in present)
    return CallFacts(
        has_decision_maker=has_decision_maker,
        decision_maker_attended=attended,
        engaged_people=engaged,
        checklist=checklist,
        marker_kinds=tuple(marker_kinds),
        next_step_dated=any(due is not None for due in dues) if dues else None,
    )
