"""Write lessons straight through the models (the wizard's service is not needed here)."""

from __future__ import annotations

from datetime import UTC, datetime

from sales_notebook.store.models import Lesson, LessonCause


def add_lesson(
    services,
    title: str,
    *,
    what: str = "",
    differently: str = "",
    causes: tuple[str, ...] = (),
    account_id: int | None = None,
    call_id: int | None = None,
    outcome: str | None = "lost",
    created: datetime | None = None,
) -> int:
    with services.db.session() as s:
        lesson = Lesson(
            title=title, what_happened=what, do_differently=differently,
            account_id=account_id, call_id=call_id, outcome=outcome,
            created_at=created or datetime(2026, 5, 1, 12, tzinfo=UTC),
        )  # fmt: skip
        lesson.causes = [LessonCause(cause_id=c, evidence=f"seen: {c}") for c in causes]
        s.add(lesson)
        s.flush()
        return lesson.id
