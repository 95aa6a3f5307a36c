"""The root-cause taxonomy: what can go wrong in a call, with its question and prompt.

The user edits it in the lessons library: add, rename, reword, retire (kept on old lessons,
not offered for new ones) and merge two causes into one (their lessons move over).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.models import Lesson, LessonCause, RootCause

MAX_CAUSE_NAME = 120


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
            .group_by(RootCause.id)
            .order_by(n.desc(), RootCause.sort_order)
        )
        if account_id is not None:
            # Only then is the lesson needed: every tag has one (ON DELETE CASCADE).
            query = query.join(Lesson, Lesson.id == LessonCause.lesson_id).where(
                Lesson.account_id == account_id
            )
        with self._db.session() as s:
            return [(_row(cause), int(count)) for cause, count in s.execute(query).all()]

    def monthly_counts(
        self, account_id: int | None = None, since: date | None = None
    ) -> list[tuple[str, str, int]]:
        """(month 'YYYY-MM', cause id, lessons) for each month with lessons (from `since`)."""
        month = func.strftime("%Y-%m", Lesson.created_at)
        n = func.count(LessonCause.lesson_id)
        query = (
            select(month, LessonCause.cause_id, n)
            .join(Lesson, Lesson.id == LessonCause.lesson_id)
            .group_by(month, LessonCause.cause_id)
            .order_by(month, LessonCause.cause_id)
        )
        if account_id is not None:
            query = query.where(Lesson.account_id == account_id)
        if since is not None:
            query = query.where(Lesson.created_at >= datetime.combine(since, time.min))
        with self._db.session() as s:
            return [(str(m), str(c), int(k)) for m, c, k in s.execute(query).all()]

    # -- editing ---------------------------------------------------------------

    def add(self, name: str, question: str = "", prompt: str = "") -> CauseRow:
        """A new cause at the end of the list; its id is made from the name."""
        name = _clean_name(name)
        with self._db.session() as s:
            _refuse_taken_name(s.scalars(select(RootCause.name)), name)
            ids = set(s.scalars(select(RootCause.id)))
            base = _slug(name)
            cause_id, n = base, 2
            while cause_id in ids:
                cause_id, n = f"{base}-{n}", n + 1
            last = s.scalar(select(func.max(RootCause.sort_order)))
            cause = RootCause(
                id=cause_id, name=name, question=question.strip(), prompt=prompt.strip(),
                retired=False, sort_order=(last or 0) + 1,
            )  # fmt: skip
            s.add(cause)
            s.flush()
            return _row(cause)

    def edit(
        self,
        cause_id: str,
        *,
        name: str | None = None,
        question: str | None = None,
        prompt: str | None = None,
    ) -> CauseRow:
        """Rename a cause or reword its question or prompt; lessons keep pointing at it."""
        with self._db.session() as s:
            cause = _get(s, cause_id)
            if name is not None:
                cleaned = _clean_name(name)
                others = select(RootCause.name).where(RootCause.id != cause_id)
                _refuse_taken_name(s.scalars(others), cleaned)
                cause.name = cleaned
            if question is not None:
                cause.question = question.strip()
            if prompt is not None:
                cause.prompt = prompt.strip()
            return _row(cause)

    def retire(self, cause_id: str, retired: bool = True) -> None:
        """Hide a cause from new tagging (or bring it back); old lessons keep it."""
        with self._db.session() as s:
            _get(s, cause_id).retired = retired

    def merge(self, source_id: str, target_id: str) -> int:
        """Move every lesson of `source` to `target`, then delete `source`; returns the lessons.

        A lesson tagged with both keeps one tag, with both evidences.
        """
        if source_id == target_id:
            raise InvalidInput("A cause cannot be merged into itself.")
        with self._db.session() as s:
            _get(s, source_id)
            _get(s, target_id)
            moved = s.scalars(select(LessonCause).where(LessonCause.cause_id == source_id)).all()
            both = {
                tag.lesson_id: tag
                for tag in s.scalars(
                    select(LessonCause).where(
                        LessonCause.cause_id == target_id,
                        LessonCause.lesson_id.in_([t.lesson_id for t in moved]),
                    )
                )
            }
            for tag in moved:
                kept = both.get(tag.lesson_id)
                if kept is not None and tag.evidence and tag.evidence not in kept.evidence:
                    kept.evidence = "; ".join(e for e in (kept.evidence, tag.evidence) if e)
            s.execute(
                delete(LessonCause).where(
                    LessonCause.cause_id == source_id, LessonCause.lesson_id.in_(list(both))
                )
            )
            s.execute(
                update(LessonCause)
                .where(LessonCause.cause_id == source_id)
                .values(cause_id=target_id)
            )
            s.execute(delete(RootCause).where(RootCause.id == source_id))
            return len(moved)


def _get(s: Session, cause_id: str) -> RootCause:
    cause = s.get(RootCause, cause_id)
    if cause is None:
        raise InvalidInput(f"There is no root cause '{cause_id}' (it may have been merged).")
    return cause


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned:
        raise InvalidInput("A root cause needs a name.")
    if len(cleaned) > MAX_CAUSE_NAME:
        raise InvalidInput(f"A root cause name has at most {MAX_CAUSE_NAME} characters.")
    return cleaned


def _refuse_taken_name(names: Iterable[str], name: str) -> None:
    if name.casefold() in {n.casefold() for n in names}:
        raise InvalidInput(f"There is already a root cause called “{name}”.")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:50] or "cause"
