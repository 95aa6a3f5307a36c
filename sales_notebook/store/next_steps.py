"""A call's next steps: what was agreed, by when, and whether it is done."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import NextStep

MAX_STEP_CHARS = 2000


@dataclass(frozen=True)
class NextStepRow:
    id: int
    call_id: int
    text: str
    due: date | None
    done: bool


def _clean(text: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidInput("A next step needs a description.")
    if len(cleaned) > MAX_STEP_CHARS:
        raise InvalidInput(f"A next step is at most {MAX_STEP_CHARS:,} characters.")
    return cleaned


class NextStepsService:
    """Add, edit, tick and delete next steps, each in one short transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def for_call(self, call_id: int) -> list[NextStepRow]:
        """The call's next steps: open ones first, then by due date (undated last)."""
        query = select(NextStep).where(NextStep.call_id == call_id)
        with self._db.session() as s:
            rows = [_row(n) for n in s.scalars(query)]
        return sorted(rows, key=lambda r: (r.done, r.due is None, r.due or date.min, r.id))

    def add(self, call_id: int, text: str, due: date | None = None) -> int:
        """Record a next step for the call."""
        with self._db.session() as s:
            step = NextStep(call_id=call_id, text=_clean(text), due=due)
            s.add(step)
            s.flush()
            return step.id

    def update(self, step_id: int, text: str, due: date | None) -> None:
        """Change what the step says and when it is due."""
        with self._db.session() as s:
            step = s.get_one(NextStep, step_id)
            step.text = _clean(text)
            step.due = due

    def set_done(self, step_id: int, done: bool) -> None:
        """Tick a step done (or open it again)."""
        with self._db.session() as s:
            s.get_one(NextStep, step_id).done = done

    def delete(self, step_id: int) -> None:
        """Remove a step recorded by mistake."""
        with self._db.session() as s:
            s.delete(s.get_one(NextStep, step_id))


def _row(step: NextStep) -> NextStepRow:
    return NextStepRow(step.id, step.call_id, step.text, step.due, step.done)
