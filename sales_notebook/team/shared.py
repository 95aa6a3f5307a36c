"""What of a lesson leaves the machine when it is published, and nothing more.

Shared: title, causes (with evidence and controllable/external), what happened, what to do
differently, outcome, date, and (only when ticked for that lesson) the account's name. The
seller's name is the server's: it comes from the role the seller connects as. Call notes,
the feeling, the stakeholder map and the checklist are never read here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sales_notebook.store.lessons import LessonRow

SHARED_FIELDS = (
    "uuid", "title", "outcome", "what_happened", "do_differently", "account_name",
    "lesson_date", "causes",
)  # fmt: skip


@dataclass(frozen=True)
class SharedCause:
    cause_id: str
    name: str
    evidence: str
    controllable: bool


@dataclass(frozen=True)
class SharedLesson:
    """A lesson as the team sees it."""

    uuid: str
    title: str
    outcome: str | None
    what_happened: str
    do_differently: str
    account_name: str | None
    lesson_date: date
    causes: tuple[SharedCause, ...]

    def params(self) -> dict[str, object]:
        """The values sent to the server, keyed as SHARED_FIELDS."""
        causes = [
            {"cause_id": c.cause_id, "name": c.name, "evidence": c.evidence,
             "controllable": c.controllable}
            for c in self.causes
        ]  # fmt: skip
        return {
            "uuid": self.uuid,
            "title": self.title,
            "outcome": self.outcome,
            "what_happened": self.what_happened,
            "do_differently": self.do_differently,
            "account_name": self.account_name,
            "lesson_date": self.lesson_date,
            "causes": json.dumps(causes, ensure_ascii=False),
        }


def shared_lesson(row: LessonRow, uuid: str, share_account: bool) -> SharedLesson:
    """The shareable part of a lesson; the account's name only when `share_account`."""
    return SharedLesson(
        uuid=uuid,
        title=row.title,
        outcome=row.outcome,
        what_happened=row.what_happened,
        do_differently=row.do_differently,
        account_name=row.account_name if share_account else None,
        lesson_date=row.created_at.date(),
        causes=tuple(
            SharedCause(c.cause_id, c.name, c.evidence, c.controllable) for c in row.causes
        ),
    )
