"""Each deal's stage, latest call and coverage gaps, for the sidebar, in one read."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from sales_notebook.core.deal_status import DealStatus, stage
from sales_notebook.store.database import Database
from sales_notebook.store.models import Account, Call, Deal
from sales_notebook.store.stakeholders import StakeholdersService

# (account id, deal id): a deal, or (account id, None) for an account's calls on no deal.
Key = tuple[int, int | None]
CallFacts = tuple[datetime, datetime | None, str | None]  # started, ended, outcome


class DealStatusService:
    """Reads what the sidebar says under each deal (and under an account without deals)."""

    def __init__(self, db: Database, stakeholders: StakeholdersService) -> None:
        self._db = db
        self._stakeholders = stakeholders

    def all(self) -> dict[Key, DealStatus]:
        """The status of every deal, and of every account that has no deal."""
        with self._db.session() as s:
            deals: list[Key] = [(a, d) for d, a in s.execute(select(Deal.id, Deal.account_id))]
            with_deals = {a for a, _ in deals}
            keys = deals + [(a, None) for a in s.scalars(select(Account.id)) if a not in with_deals]
            calls = s.execute(
                select(
                    Call.account_id, Call.deal_id, Call.started_at, Call.ended_at, Call.outcome
                ).order_by(Call.started_at.desc(), Call.id.desc())
            ).all()
        by_key: dict[Key, list[CallFacts]] = {}
        for account_id, deal_id, started, ended, outcome in calls:
            by_key.setdefault((account_id, deal_id), []).append((started, ended, outcome))
        return {key: self._status(key, by_key.get(key, [])) for key in keys}

    def _status(self, key: Key, calls: list[CallFacts]) -> DealStatus:
        live = any(ended is None for _, ended, _ in calls)
        outcomes = [outcome for _, _, outcome in calls]
        gaps = self._stakeholders.coverage_warnings(*key)
        return DealStatus(
            stage=stage(outcomes, live),
            last_call=calls[0][0] if calls else None,
            gaps=tuple(g.title for g in gaps),
        )
