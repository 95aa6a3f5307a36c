"""The root-cause taxonomy: what can go wrong in a call, with its question and prompt."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from sales_notebook.store.database import Database
from sales_notebook.store.models import Lesson, LessonCause, RootCause


@dataclass(frozen=True)
class CauseRow:
    id: str
    name: str
    question: str
    prompt: str
    retired: bool
    sort_order: int


def _row(cause: RootCause) -> CauseRow:
    return CauseRow(
        cause.id, cause.name, cause.question, cause.prompt, cause.retired, cause.sort_order
    )


class TaxonomyService:
    """Reads (and, in the lessons library, edits) the root causes."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def causes(self, include_retired: bool = False) -> list[CauseRow]:
        """Root causes in their display order; retired ones only when asked."""
        query = select(RootCause).order_by(RootCause.sort_order, RootCause.name)
        if not include_retired:
            query = query.where(RootCause.retired.is_(False))
        with self._db.session() as s:
            return [_row(c) for c in s.scalars(query)]

    def get(self, cause_id: str) -> CauseRow | None:
        """One root cause by id."""
        with self._db.session() as s:
            cause = s.get(RootCause, cause_id)
            return _row(cause) if cause else None

    def counts(self, account_id: int | None = None) -> list[tuple[CauseRow, int]]:
        """How many lessons carry each cause (on one account, or all), most frequent first."""
        n = func.count(LessonCause.lesson_id)
        query = (
            select(RootCause, n)
            .join(LessonCause, LessonCause.cause_id == RootCause.id)
            .join(Lesson, Lesson.id == LessonCause.lesson_id)
            .group_by(RootCause.id)
            .order_by(n.desc(), RootCause.sort_order)
        )
        if account_id is not None:
            query = query.where(Lesson.account_id == account_id)
        with self._db.session() as s:
            return [(_row(cause), int(count)) for cause, count in s.execute(query).all()]
