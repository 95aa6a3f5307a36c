"""The people of an account and the links between them: the stakeholder map's aggregate."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import Select, or_, select, update
from sqlalchemy.orm import Session

from sales_notebook.core.coverage import CoverageWarning, PersonFacts, coverage_warnings
from sales_notebook.core.names import name_key
from sales_notebook.core.people import MAX_PERSON_NAME, MAX_PERSON_TITLE, parse_person_line
from sales_notebook.core.vocabulary import Attitude, Coverage, DecisionRole, LinkKind
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import (
    Account,
    Call,
    CallAttendee,
    Deal,
    Stakeholder,
    StakeholderLink,
)

MAX_PERSON_NOTES = 20_000


@dataclass(frozen=True)
class PersonDetails:
    """Everything a seller edits about one person (the card's fields)."""

    name: str
    title: str = ""
    decision_role: str = DecisionRole.UNKNOWN
    attitude: str = Attitude.UNKNOWN
    influence: int = 3
    coverage: str = Coverage.NO_CONTACT
    last_contact: date | None = None
    notes: str = ""
    placeholder: bool = False
    deal_id: int | None = None


@dataclass(frozen=True)
class PersonRow:
    id: int
    account_id: int
    details: PersonDetails
    pos_x: float | None = None
    pos_y: float | None = None

    @property
    def name(self) -> str:
        return self.details.name


@dataclass(frozen=True)
class LinkRow:
    id: int
    source_id: int
    target_id: int
    kind: str


@dataclass(frozen=True)
class MapData:
    """The people shown for one account (or deal) and the links among them."""

    people: tuple[PersonRow, ...]
    links: tuple[LinkRow, ...]


@dataclass(frozen=True)
class RemovedPerson:
    """What deleting a person took with them, so the deletion can be undone exactly."""

    person: PersonRow
    links: tuple[LinkRow, ...]
    attended: tuple[tuple[int, bool], ...]  # (call_id, mentioned_only)


def placeholder_name(role: str) -> str:
    """The card title for someone not identified yet: 'Decision maker — unknown'."""
    return f"{DecisionRole(role).label} — unknown"


def check_details(details: PersonDetails) -> PersonDetails:
    """Trim the fields and refuse what cannot be stored, with a message the user understands."""
    try:
        DecisionRole(details.decision_role)
        Attitude(details.attitude)
        Coverage(details.coverage)
    except ValueError as exc:
        raise InvalidInput(f"Unknown value: {exc}") from exc
    name = " ".join(details.name.split())
    if not name and details.placeholder:
        name = placeholder_name(details.decision_role)
    title = " ".join(details.title.split())
    if not name:
        raise InvalidInput("The person needs a name (or make the card a placeholder).")
    if len(name) > MAX_PERSON_NAME:
        raise InvalidInput(f"The name is too long (at most {MAX_PERSON_NAME} characters).")
    if len(title) > MAX_PERSON_TITLE:
        raise InvalidInput(f"The title is too long (at most {MAX_PERSON_TITLE} characters).")
    if len(details.notes) > MAX_PERSON_NOTES:
        raise InvalidInput(f"The notes are too long (at most {MAX_PERSON_NOTES:,} characters).")
    if not 1 <= details.influence <= 5:
        raise InvalidInput("Influence goes from 1 (little) to 5 (decisive).")
    return replace(details, name=name, title=title)


class StakeholdersService:
    """Add, edit, link, move and remove people; compute the map's coverage warnings."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def map(self, account_id: int, deal_id: int | None = None) -> MapData:
        """People of the account (for a deal: its own people plus the account-wide ones)."""
        with self._db.session() as s:
            people = s.scalars(_people_query(account_id, deal_id)).all()
            ids = [p.id for p in people]
            links = s.scalars(
                select(StakeholderLink)
                .where(StakeholderLink.source_id.in_(ids), StakeholderLink.target_id.in_(ids))
                .order_by(StakeholderLink.id)
            ).all()
            return MapData(
                tuple(_person_row(p) for p in people), tuple(_link_row(k) for k in links)
            )

    def get(self, stakeholder_id: int) -> PersonRow:
        """One person."""
        with self._db.session() as s:
            return _person_row(s.get_one(Stakeholder, stakeholder_id))

    def scope_names(
        self, account_id: int, deal_id: int | None = None
    ) -> tuple[str, str | None] | None:
        """The account's name and the deal's (None for the whole account); None if deleted."""
        with self._db.session() as s:
            account = s.get(Account, account_id)
            deal = s.get(Deal, deal_id) if deal_id is not None else None
            if account is None:
                return None
            return account.name, deal.name if deal is not None else None

    def deals(self, account_id: int) -> list[tuple[int, str]]:
        """The account's deals (id, name), for scoping a person to one of them."""
        with self._db.session() as s:
            rows = s.execute(
                select(Deal.id, Deal.name)
                .where(Deal.account_id == account_id)
                .order_by(Deal.name_key)
            ).all()
        return [(r[0], r[1]) for r in rows]

    def add(
        self, account_id: int, details: PersonDetails, position: tuple[float, float] | None = None
    ) -> int:
        """Create a person on the account's map and return their id."""
        details = check_details(details)
        with self._db.session() as s:
            person = Stakeholder(account_id=account_id, **_columns(details))
            if position is not None:
                person.pos_x, person.pos_y = position
            s.add(person)
            s.flush()
            return person.id

    def add_line(
        self,
        account_id: int,
        line: str,
        deal_id: int | None = None,
        position: tuple[float, float] | None = None,
    ) -> int:
        """Create a person from one typed line ('Dana Lee, CFO')."""
        try:
            parsed = parse_person_line(line)
        except ValueError as exc:
            raise InvalidInput(str(exc)) from exc
        return self.add(
            account_id, PersonDetails(parsed.name, parsed.title, deal_id=deal_id), position
        )

    def update(self, stakeholder_id: int, details: PersonDetails) -> None:
        """Replace the editable fields of one person."""
        details = check_details(details)
        with self._db.session() as s:
            s.execute(
                update(Stakeholder)
                .where(Stakeholder.id == stakeholder_id)
                .values(**_columns(details), name_key=name_key(details.name))
            )

    def move(self, positions: Mapping[int, tuple[float, float] | None]) -> None:
        """Store where cards sit on the canvas (None lets the layout place them)."""
        with self._db.session() as s:
            for stakeholder_id, pos in positions.items():
                x, y = pos if pos is not None else (None, None)
                s.execute(
                    update(Stakeholder)
                    .where(Stakeholder.id == stakeholder_id)
                    .values(pos_x=x, pos_y=y)
                )

    def remove(self, stakeholder_id: int) -> RemovedPerson:
        """Delete a person with their links and attendance; returns what `restore` needs."""
        with self._db.session() as s:
            person = s.get_one(Stakeholder, stakeholder_id)
            links = s.scalars(
                select(StakeholderLink).where(
                    or_(
                        StakeholderLink.source_id == stakeholder_id,
                        StakeholderLink.target_id == stakeholder_id,
                    )
                )
            ).all()
            attended = s.execute(
                select(CallAttendee.call_id, CallAttendee.mentioned_only).where(
                    CallAttendee.stakeholder_id == stakeholder_id
                )
            ).all()
            removed = RemovedPerson(
                _person_row(person),
                tuple(_link_row(k) for k in links),
                tuple((r[0], r[1]) for r in attended),
            )
            s.delete(person)
        return removed

    def restore(self, removed: RemovedPerson) -> None:
        """Put a removed person back with the same id, links and call attendance."""
        row = removed.person
        with self._db.session() as s:
            s.add(
                Stakeholder(
                    id=row.id, account_id=row.account_id, pos_x=row.pos_x, pos_y=row.pos_y,
                    **_columns(row.details),
                )
            )  # fmt: skip
            s.flush()
            ends = {k.source_id for k in removed.links} | {k.target_id for k in removed.links}
            present = set(s.scalars(select(Stakeholder.id).where(Stakeholder.id.in_(ends))))
            for link in removed.links:
                if link.source_id in present and link.target_id in present:
                    s.add(StakeholderLink(id=link.id, source_id=link.source_id,
                                          target_id=link.target_id, kind=link.kind))  # fmt: skip
            wanted = [call_id for call_id, _ in removed.attended]
            calls = set(s.scalars(select(Call.id).where(Call.id.in_(wanted))))
            for call_id, mentioned_only in removed.attended:
                if call_id in calls:
                    s.add(CallAttendee(call_id=call_id, stakeholder_id=row.id,
                                       mentioned_only=mentioned_only))  # fmt: skip

    def link(self, source_id: int, target_id: int, kind: str) -> int:
        """Record that source reports to (or influences) target; refuses loops and repeats."""
        kind = LinkKind(kind)
        if source_id == target_id:
            raise InvalidInput("A person cannot report to or influence themselves.")
        with self._db.session() as s:
            source = s.get_one(Stakeholder, source_id)
            target = s.get_one(Stakeholder, target_id)
            if source.account_id != target.account_id:
                raise InvalidInput("Both people must belong to the same account.")
            exists = s.scalar(
                select(StakeholderLink.id).where(
                    StakeholderLink.source_id == source_id,
                    StakeholderLink.target_id == target_id,
                    StakeholderLink.kind == kind,
                )
            )
            verb = "reports to" if kind == LinkKind.REPORTS_TO else "influences"
            if exists is not None:
                raise InvalidInput(
                    f"The map already shows that {source.name} {verb} {target.name}."
                )
            if kind == LinkKind.REPORTS_TO and _reports_up_to(s, target_id, source_id):
                raise InvalidInput(
                    f"{target.name} already reports, directly or not, to {source.name}: "
                    f"{source.name} cannot also report to {target.name}."
                )
            link = StakeholderLink(source_id=source_id, target_id=target_id, kind=kind)
            s.add(link)
            s.flush()
            return link.id

    def unlink(self, link_id: int) -> LinkRow:
        """Remove one link; returns it so it can be put back."""
        with self._db.session() as s:
            link = s.get_one(StakeholderLink, link_id)
            row = _link_row(link)
            s.delete(link)
        return row

    def relink(self, link: LinkRow) -> None:
        """Put a removed link back with its id."""
        with self._db.session() as s:
            s.add(StakeholderLink(id=link.id, source_id=link.source_id,
                                  target_id=link.target_id, kind=link.kind))  # fmt: skip

    def engaged_ids(self, account_id: int, deal_id: int | None = None) -> tuple[set[int], int]:
        """People ticked as present on the account's (or deal's) calls, and how many calls."""
        calls = select(Call.id).where(Call.account_id == account_id)
        if deal_id is not None:
            calls = calls.where(Call.deal_id == deal_id)
        with self._db.session() as s:
            call_ids = list(s.scalars(calls))
            engaged = set(
                s.scalars(
                    select(CallAttendee.stakeholder_id).where(
                        CallAttendee.call_id.in_(call_ids), CallAttendee.mentioned_only.is_(False)
                    )
                )
            )
        return engaged, len(call_ids)

    def coverage_warnings(
        self, account_id: int, deal_id: int | None = None
    ) -> list[CoverageWarning]:
        """The coverage gaps of an account (or one deal), most serious first."""
        return self.coverage(account_id, deal_id)[0]

    def coverage(
        self, account_id: int, deal_id: int | None = None
    ) -> tuple[list[CoverageWarning], int]:
        """The coverage gaps, and how many calls were held (0: nobody can have been reached)."""
        people = self.map(account_id, deal_id).people
        engaged, calls_held = self.engaged_ids(account_id, deal_id)
        return coverage_warnings([facts(p) for p in people], engaged, calls_held), calls_held


def facts(person: PersonRow) -> PersonFacts:
    """The fields of a person that the coverage warnings look at."""
    d = person.details
    return PersonFacts(
        id=person.id, name=d.name, decision_role=d.decision_role, attitude=d.attitude,
        influence=d.influence, notes=d.notes, placeholder=d.placeholder,
    )  # fmt: skip


def _people_query(account_id: int, deal_id: int | None) -> Select[Stakeholder]:
    query = select(Stakeholder).where(Stakeholder.account_id == account_id)
    if deal_id is not None:
        query = query.where(or_(Stakeholder.deal_id == deal_id, Stakeholder.deal_id.is_(None)))
    return query.order_by(Stakeholder.id)


def _reports_up_to(s: Session, start: int, boss: int) -> bool:
    """Whether `start` reports to `boss` through a chain of reports-to links."""
    seen: set[int] = set()
    frontier = {start}
    while frontier:
        if boss in frontier:
            return True
        seen |= frontier
        frontier = (
            set(
                s.scalars(
                    select(StakeholderLink.target_id).where(
                        StakeholderLink.source_id.in_(frontier),
                        StakeholderLink.kind == LinkKind.REPORTS_TO,
                    )
                )
            )
            - seen
        )
    return False


def _columns(details: PersonDetails) -> dict[str, object]:
    return {f.name: getattr(details, f.name) for f in fields(details)}


def _person_row(p: Stakeholder) -> PersonRow:
    details = PersonDetails(
        name=p.name, title=p.title, decision_role=p.decision_role, attitude=p.attitude,
        influence=p.influence, coverage=p.coverage, last_contact=p.last_contact, notes=p.notes,
        placeholder=p.placeholder, deal_id=p.deal_id,
    )  # fmt: skip
    return PersonRow(p.id, p.account_id, details, p.pos_x, p.pos_y)


def _link_row(link: StakeholderLink) -> LinkRow:
    return LinkRow(link.id, link.source_id, link.target_id, link.kind)
