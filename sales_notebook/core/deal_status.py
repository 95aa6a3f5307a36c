"""Where a deal stands, for the sidebar: a stage read from its calls, and a short status line.

The notebook keeps no pipeline of its own (that is the CRM's job); what it knows is the calls.
The stage is the outcome of the latest call that has one, "In a call" while one runs, "New"
before the first call and "Talking" when calls were held but none has an outcome yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sales_notebook.core.vocabulary import Outcome

STAGES = {
    Outcome.WON: "Won",
    Outcome.ADVANCED: "Advancing",
    Outcome.STALLED: "Stalled",
    Outcome.LOST: "Lost",
    Outcome.NO_DECISION: "No decision",
}
# The stages that need the seller's attention (shown in the warning colour).
AT_RISK = frozenset({"Stalled", "Lost", "No decision"})


@dataclass(frozen=True)
class DealStatus:
    """What the sidebar says under a deal (or an account's own calls)."""

    stage: str
    last_call: datetime | None  # when the latest call started
    gaps: tuple[str, ...]  # the coverage gaps' titles, most serious first

    def line(self, today: date) -> str:
        """ "Stalled · last call 3 days ago · 2 gaps" (the parts that say something)."""
        parts = [self.stage]
        if self.last_call is not None:
            parts.append(f"last call {when(self.last_call, today)}")
        if self.gaps:
            parts.append("1 gap" if len(self.gaps) == 1 else f"{len(self.gaps)} gaps")
        return " · ".join(parts)


def stage(outcomes_newest_first: list[str | None], live: bool) -> str:
    """The stage from the deal's calls' outcomes, newest first."""
    if live:
        return "In a call"
    if not outcomes_newest_first:
        return "New"
    for value in outcomes_newest_first:
        if value in set(Outcome):
            return STAGES[Outcome(value)]
    return "Talking"


def when(moment: datetime, today: date) -> str:
    """A call's day as a seller says it: today, yesterday, 3 days ago, 12 Mar, 12 Mar 2024."""
    day = moment.astimezone().date() if moment.tzinfo else moment.date()
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 7:
        return f"{days} days ago"
    if day.year == today.year:
        return f"{day.day} {day:%b}"
    return f"{day.day} {day:%b %Y}"
