"""Whole lessons for the library, in the shapes of store/lessons.py: the detail and the export,
and the seller's corrections to a lesson (its words) or its removal."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select, update

from sales_notebook.core.lessons_csv import lessons_csv
from sales_notebook.core.lessons_markdown import CauseText, LessonText, lessons_markdown
from sales_notebook.store.calls import as_utc
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.lessons import LessonCauseRow, LessonRow, clean_title
from sales_notebook.store.models import Account, Lesson, RootCause


def lesson_text(lesson: LessonRow) -> LessonText:
    """The lesson in the shape the Markdown export prints."""
    return LessonText(
        title=lesson.title, account=lesson.account_name or "", outcome=lesson.outcome,
        created=lesson.created_at.astimezone().date(),
        causes=tuple(CauseText(c.name, c.evidence, c.controllable) for c in lesson.causes),
        what_happened=lesson.what_happened, do_differently=lesson.do_differently,
        feeling=lesson.feeling,
    )  # fmt: skip


GONE = "That lesson is no longer in the notebook."


class LibraryService:
    """Reads whole lessons, corrects or deletes one; one short session per call."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def lessons(self, ids: Sequence[int] | None = None) -> list[LessonRow]:
        """The lessons with these ids in that order, or every lesson newest first."""
        query = select(Lesson, Account.name).outerjoin(Account, Account.id == Lesson.account_id)
        if ids is not None:
            query = query.where(Lesson.id.in_(list(ids)))
        else:
            query = query.order_by(Lesson.created_at.desc(), Lesson.id.desc())
        with self._db.session() as s:
            rows = s.execute(select(RootCause.id, RootCause.name, RootCause.sort_order)).all()
            names = {cause_id: name for cause_id, name, _ in rows}
            order = {cause_id: sort_order for cause_id, _, sort_order in rows}
            found = [
                LessonRow(
                    id=lesson.id, call_id=lesson.call_id, account_id=lesson.account_id,
                    account_name=account,
                    title=lesson.title, outcome=lesson.outcome,
                    created_at=as_utc(lesson.created_at), feeling=lesson.feeling,
                    what_happened=lesson.what_happened, do_differently=lesson.do_differently,
                    causes=tuple(
                        LessonCauseRow(c.cause_id, names.get(c.cause_id, c.cause_id),
                                       c.evidence, c.controllable)
                        for c in sorted(lesson.causes, key=lambda c: order.get(c.cause_id, 0))
                    ),
                )
                for lesson, account in s.execute(query).all()
            ]  # fmt: skip
        if ids is None:
            return found
        by_id = {d.id: d for d in found}
        return [by_id[i] for i in ids if i in by_id]

    def lesson(self, lesson_id: int) -> LessonRow | None:
        """One lesson, or None if it is gone."""
        found = self.lessons([lesson_id])
        return found[0] if found else None

    def correct(
        self, lesson_id: int, title: str, what_happened: str, do_differently: str, feeling: str
    ) -> None:
        """Replace a lesson's words (its causes stay as tagged). The search index, the team's
        outbox (a shared lesson is published again) and the watch-outs follow by themselves."""
        values = {
            "title": clean_title(title),
            "what_happened": what_happened.strip(),
            "do_differently": do_differently.strip(),
            "feeling": feeling.strip(),
        }
        with self._db.session() as s:
            found = s.execute(update(Lesson).where(Lesson.id == lesson_id).values(**values))
            if not found.rowcount:  # type: ignore[attr-defined]
                raise InvalidInput(GONE)

    def delete(self, lesson_id: int) -> None:
        """Delete a lesson with its causes' evidence; the call and its notes stay (a shared
        lesson is taken back from the team at the next sync)."""
        with self._db.session() as s:
            gone = s.execute(delete(Lesson).where(Lesson.id == lesson_id))
            if not gone.rowcount:  # type: ignore[attr-defined]
                raise InvalidInput(GONE)

    def export_markdown(
        self, ids: Sequence[int] | None = None, heading: str = "Lessons", note: str = ""
    ) -> str:
        """The lessons (these ids, or all) as one Markdown document."""
        return lessons_markdown([lesson_text(d) for d in self.lessons(ids)], heading, note)

    def export_csv(self, ids: Sequence[int] | None = None) -> str:
        """The lessons (these ids, or all) as CSV, one row each."""
        return lessons_csv([lesson_text(d) for d in self.lessons(ids)])
