"""Lessons: what a failed call taught, tagged with its root causes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select, update

from sales_notebook.core.cause_texts import PastLesson
from sales_notebook.core.vocabulary import Outcome
from sales_notebook.store.calls import as_utc
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput, storage_errors
from sales_notebook.store.models import Account, Call, Lesson, LessonCause, RootCause
from sales_notebook.store.suggestion_inputs import SUGGESTION_LESSONS, read_lessons

MAX_TITLE = 300
SIMILAR_LIMIT = 5


def clean_title(text: str) -> str:
    """A lesson's title on one line; refused when empty or too long."""
    title = " ".join(text.split())
    if not title:
        raise InvalidInput("The lesson needs a title.")
    if len(title) > MAX_TITLE:
        raise InvalidInput(f"The lesson title is too long (at most {MAX_TITLE} characters).")
    return title


@dataclass(frozen=True)
class CauseDraft:
    """One cause as the seller ticked it: its id, the evidence, and whether it was theirs to fix."""

    cause_id: str
    evidence: str = ""
    controllable: bool = True


@dataclass(frozen=True)
class LessonDraft:
    """A lesson not yet written: everything the post-mortem gathered."""

    title: str
    call_id: int | None = None
    account_id: int | None = None
    outcome: str | None = None
    feeling: str = ""
    what_happened: str = ""
    do_differently: str = ""
    causes: tuple[CauseDraft, ...] = ()


@dataclass(frozen=True)
class LessonCauseRow:
    cause_id: str
    name: str
    evidence: str
    controllable: bool


@dataclass(frozen=True)
class LessonRow:
    id: int
    call_id: int | None
    account_id: int | None
    account_name: str | None
    title: str
    outcome: str | None
    feeling: str
    what_happened: str
    do_differently: str
    created_at: datetime
    causes: tuple[LessonCauseRow, ...]

    @property
    def cause_ids(self) -> tuple[str, ...]:
        return tuple(c.cause_id for c in self.causes)


@dataclass(frozen=True)
class SimilarLesson:
    """A past lesson like the one being written, and what makes it alike."""

    lesson: LessonRow
    shared_causes: tuple[str, ...]
    same_account: bool


class LessonsService:
    """Write a lesson in one transaction; read lessons back for a call, an account or a cause."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, draft: LessonDraft) -> int:
        """Write the lesson with its causes, and the call's outcome, all or nothing."""
        title = clean_title(draft.title)
        if draft.outcome is not None and draft.outcome not in set(Outcome):
            raise InvalidInput(f"“{draft.outcome}” is not an outcome.")
        ids = [c.cause_id for c in draft.causes]
        if len(set(ids)) != len(ids):
            raise InvalidInput("A root cause can be named only once in a lesson.")
        with self._db.session() as s:
            known = set(s.scalars(select(RootCause.id).where(RootCause.id.in_(ids))))
            unknown = [i for i in ids if i not in known]
            if unknown:
                raise InvalidInput(f"Unknown root cause: {', '.join(unknown)}.")
            account_id = draft.account_id
            if draft.call_id is not None:
                call = s.get_one(Call, draft.call_id)
                account_id = call.account_id if account_id is None else account_id
                if draft.outcome is not None:
                    # The wizard's first page is where the outcome is settled, so the
                    # call and its lesson never disagree about how it went.
                    s.execute(update(Call).where(Call.id == call.id).values(outcome=draft.outcome))
            lesson = Lesson(
                call_id=draft.call_id,
                account_id=account_id,
                title=title,
                outcome=draft.outcome,
                feeling=draft.feeling.strip(),
                what_happened=draft.what_happened.strip(),
                do_differently=draft.do_differently.strip(),
            )
            lesson.causes = [
                LessonCause(
                    cause_id=c.cause_id, evidence=c.evidence.strip(), controllable=c.controllable
                )
                for c in draft.causes
            ]
            s.add(lesson)
            s.flush()
            return lesson.id

    def get(self, lesson_id: int) -> LessonRow | None:
        """One lesson with its causes."""
        return next(iter(self._rows(_lesson_query().where(Lesson.id == lesson_id))), None)

    def for_call(self, call_id: int) -> list[LessonRow]:
        """Lessons drawn from one call, newest first."""
        return self._rows(_lesson_query().where(Lesson.call_id == call_id))

    def for_account(self, account_id: int) -> list[LessonRow]:
        """Lessons of one account, newest first."""
        return self._rows(_lesson_query().where(Lesson.account_id == account_id))

    def similar(
        self,
        cause_ids: Sequence[str],
        account_id: int | None = None,
        *,
        exclude_call_id: int | None = None,
        limit: int = SIMILAR_LIMIT,
    ) -> list[SimilarLesson]:
        """Past lessons sharing causes with these, or from the same account; closest first."""
        wanted = set(cause_ids)
        shares_cause = Lesson.id.in_(
            select(LessonCause.lesson_id).where(LessonCause.cause_id.in_(wanted))
        )
        where = (
            shares_cause if account_id is None else shares_cause | (Lesson.account_id == account_id)
        )
        query = _lesson_query().where(where)
        if exclude_call_id is not None:
            query = query.where((Lesson.call_id != exclude_call_id) | Lesson.call_id.is_(None))
        found = []
        for row in self._rows(query):
            shared = tuple(c for c in row.cause_ids if c in wanted)
            same = account_id is not None and row.account_id == account_id
            found.append(SimilarLesson(row, shared, same))
        # A shared cause says more than a shared account; newest first among equals
        # (the rows already come newest first and the sort is stable).
        found.sort(key=lambda f: -(2 * len(f.shared_causes) + f.same_account))
        return found[: max(limit, 0)]

    def for_suggestions(
        self, *, exclude_call_id: int | None = None, limit: int = SUGGESTION_LESSONS
    ) -> list[PastLesson]:
        """The newest tagged lessons as the suggester reads them: their words and their
        call's notes (cut to the first NOTES_CHARS), with their causes. The same reader as
        `lessons suggest` (store/suggestion_inputs.py)."""
        with storage_errors(self._db.path), self._db.engine.connect() as connection:
            raw = connection.connection.driver_connection
            return list(read_lessons(raw, exclude_call_id=exclude_call_id, limit=limit))

    def _rows(self, query: Select[Lesson, str]) -> list[LessonRow]:
        with self._db.session() as s:
            names = dict(s.execute(select(RootCause.id, RootCause.name)).all())
            return [_row(lesson, account, names) for lesson, account in s.execute(query)]


def _lesson_query() -> Select[Lesson, str]:
    return (
        select(Lesson, Account.name)
        .outerjoin(Account, Account.id == Lesson.account_id)
        .order_by(Lesson.created_at.desc(), Lesson.id.desc())
    )


def _row(lesson: Lesson, account_name: str | None, names: dict[str, str]) -> LessonRow:
    return LessonRow(
        id=lesson.id,
        call_id=lesson.call_id,
        account_id=lesson.account_id,
        account_name=account_name,
        title=lesson.title,
        outcome=lesson.outcome,
        feeling=lesson.feeling,
        what_happened=lesson.what_happened,
        do_differently=lesson.do_differently,
        created_at=as_utc(lesson.created_at),
        causes=tuple(
            LessonCauseRow(
                c.cause_id, names.get(c.cause_id, c.cause_id), c.evidence, c.controllable
            )
            for c in lesson.causes
        ),
    )
