"""Each deal's stage, latest call and coverage gaps, for the sidebar, in one read.

One session and five queries for the whole notebook (the calls summed up in SQL), then the
coverage rules of the map's panel (core.coverage) per deal: asking the map service deal by
deal took 4 s on a notebook of 200 accounts and 10,000 calls (at load).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from sales_notebook.core.coverage import PersonFacts, coverage_warnings
from sales_notebook.core.deal_status import DealStatus, stage
from sales_notebook.store.calls import as_utc
from sales_notebook.store.database import Database
from sales_notebook.store.models import Account, Call, CallAttendee, Deal, Stakeholder

# (account id, deal id): a deal, or (account id, None) for an account without deals.
Key = tuple[int, int | None]


LATEST = func.max(Call.started_at)


class DealStatusService:
    """Reads what the sidebar says under each deal (and under an account without deals)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> dict[Key, DealStatus]:
        """The status of every deal, and of every account that has no deal."""
        with self._db.session() as s:
            deals: list[Key] = [(a, d) for d, a in s.execute(select(Deal.id, Deal.account_id))]
            with_deals = {a for a, _ in deals}
            keys = deals + [(a, None) for a in s.scalars(select(Account.id)) if a not in with_deals]
            # Per account and deal: the latest call, whether one is live, and the outcome of
            # the latest call that has one (SQLite takes a bare column from the max's row).
            last = s.execute(
                select(
                    Call.account_id, Call.deal_id, LATEST,
                    func.count(), func.count(Call.ended_at),
                ).group_by(Call.account_id, Call.deal_id)
            ).all()  # fmt: skip
            decided = s.execute(
                select(Call.account_id, Call.deal_id, LATEST, Call.outcome)
                .where(Call.outcome.is_not(None))
                .group_by(Call.account_id, Call.deal_id)
            ).all()
            people = s.execute(
                select(
                    Stakeholder.account_id, Stakeholder.deal_id, Stakeholder.id, Stakeholder.name,
                    Stakeholder.decision_role, Stakeholder.attitude, Stakeholder.influence,
                    Stakeholder.notes, Stakeholder.placeholder,
                ).order_by(Stakeholder.id)
            ).all()  # fmt: skip
            present = s.execute(
                select(Call.account_id, Call.deal_id, CallAttendee.stakeholder_id)
                .join(CallAttendee, CallAttendee.call_id == Call.id)
                .where(CallAttendee.mentioned_only.is_(False))
            ).all()
        calls: dict[int, list[tuple[int | None, datetime, bool, int]]] = {}
        for account_id, deal_id, latest, count, ended in last:
            calls.setdefault(account_id, []).append((deal_id, as_utc(latest), count > ended, count))
        outcomes: dict[int, list[tuple[int | None, datetime, str | None]]] = {}
        for account_id, deal_id, when, outcome in decided:
            outcomes.setdefault(account_id, []).append((deal_id, as_utc(when), outcome))
        cast: dict[int, list[tuple[int | None, PersonFacts]]] = {}
        for account_id, deal_id, pid, name, role, attitude, influence, notes, gap in people:
            person = PersonFacts(pid, name, role, attitude, influence, notes, gap)
            cast.setdefault(account_id, []).append((deal_id, person))
        seen: dict[int, list[tuple[int | None, int]]] = {}
        for account_id, deal_id, person_id in present:
            seen.setdefault(account_id, []).append((deal_id, person_id))

        statuses: dict[Key, DealStatus] = {}
        for account_id, deal_id in keys:

            def mine(of: int | None, deal: int | None = deal_id) -> bool:
                return deal is None or of == deal

            held = [c for c in calls.get(account_id, []) if mine(c[0])]
            told = sorted((o for o in outcomes.get(account_id, []) if mine(o[0])), key=_when)
            # A deal's map is its own people and the account-wide ones (as on the map pane).
            facts = [f for of, f in cast.get(account_id, []) if of is None or mine(of)]
            engaged = {p for of, p in seen.get(account_id, []) if mine(of)}
            gaps = coverage_warnings(facts, engaged, sum(c[3] for c in held))
            latest_outcome = told[-1][2] if told else None
            statuses[account_id, deal_id] = DealStatus(
                stage=stage([latest_outcome] if held else [], any(c[2] for c in held)),
                last_call=max((c[1] for c in held), default=None),
                gaps=tuple(g.title for g in gaps),
            )
        return statuses


def _when(outcome: tuple[int | None, datetime, str | None]) -> datetime:
    return outcome[1]
