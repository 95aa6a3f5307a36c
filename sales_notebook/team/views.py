"""The team's lessons seen together: the chart's Team scope and the watch-outs' team part.

Read from the local cache only, so they work offline and cost nothing on the server.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from sqlalchemy import text

from sales_notebook.core.cause_trends import TrendData, cause_trends, last_months
from sales_notebook.core.watchouts import CauseLike, TeamWatch
from sales_notebook.store.database import Database
from sales_notebook.store.lessons import LessonCauseRow, LessonRow


@dataclass(frozen=True)
class TeamCauseCount:
    cause_id: str
    name: str
    lessons: int
    sellers: int


@dataclass(frozen=True)
class TeamAccountLesson:
    title: str
    do_differently: str
    created_at: datetime
    seller: str


class TeamViews:
    """Counts and lessons of the team cache; one short session per call."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def cause_counts(self) -> list[TeamCauseCount]:
        """Each cause across the team: its lessons and how many sellers hit it, most first."""
        sql = (
            "SELECT c.cause_id, max(c.name), count(*), count(DISTINCT l.author) "
            "FROM team_lesson_cause c JOIN team_lesson l ON l.id = c.lesson_id "
            "GROUP BY c.cause_id ORDER BY count(*) DESC, c.cause_id"
        )
        with self._db.session() as s:
            return [
                TeamCauseCount(str(c), str(name), int(n), int(k))
                for c, name, n, k in s.execute(text(sql))
            ]

    def monthly_counts(self, since: date | None = None) -> list[tuple[str, str, int]]:
        """(month 'YYYY-MM', cause id, lessons) across the team, as the chart takes them."""
        sql = (
            "SELECT substr(l.lesson_date, 1, 7) AS month, c.cause_id, count(*) "
            "FROM team_lesson_cause c JOIN team_lesson l ON l.id = c.lesson_id "
            "WHERE l.lesson_date >= :since GROUP BY month, c.cause_id ORDER BY month, c.cause_id"
        )
        with self._db.session() as s:
            rows = s.execute(text(sql), {"since": (since or date.min).isoformat()})
            return [(str(m), str(c), int(n)) for m, c, n in rows]

    def trends(self, today: date, months: int = 12, top: int = 5) -> TrendData:
        """The chart's data for the Team scope: each cause named with its number of sellers."""
        counts = self.cause_counts()
        since = date.fromisoformat(last_months(today, months)[0] + "-01")
        names = {
            c.cause_id: f"{c.name} ({c.sellers} seller{'s' if c.sellers != 1 else ''})"
            for c in counts
        }
        return cause_trends(
            [(c.cause_id, c.lessons) for c in counts],
            self.monthly_counts(since),
            names,
            today,
            months=months,
            top=top,
        )

    def account_lessons(
        self, account_name: str, exclude_author: str | None = None, limit: int = 5
    ) -> list[TeamAccountLesson]:
        """Teammates' lessons shared with this account's name (case and spacing ignored)."""
        sql = (
            "SELECT title, do_differently, lesson_date, seller FROM team_lesson "
            "WHERE lower(trim(account_name)) = lower(trim(:name)) AND author IS NOT :me "
            "ORDER BY lesson_date DESC, id DESC LIMIT :n"
        )
        with self._db.session() as s:
            rows = s.execute(text(sql), {"name": account_name, "me": exclude_author, "n": limit})
            return [
                TeamAccountLesson(
                    title, differently,
                    datetime.combine(date.fromisoformat(str(day)[:10]), datetime.min.time(), UTC),
                    seller,
                )
                for title, differently, day, seller in rows
            ]  # fmt: skip

    def lesson(self, uuid: str) -> LessonRow | None:
        """A cached team lesson in the library's shape (no id, no call; the seller's name
        beside the account's)."""
        sql = (
            "SELECT title, outcome, what_happened, do_differently, account_name, lesson_date, "
            "seller, id FROM team_lesson WHERE uuid = :u"
        )
        with self._db.session() as s:
            row = s.execute(text(sql), {"u": uuid}).first()
            if row is None:
                return None
            causes = s.execute(
                text(
                    "SELECT cause_id, name, evidence, controllable FROM team_lesson_cause "
                    "WHERE lesson_id = :id ORDER BY position"
                ),
                {"id": row[7]},
            ).all()
        title, outcome, happened, differently, account, day, seller, _ = row
        return LessonRow(
            id=0, call_id=None, account_id=None,
            account_name=f"{account} · {seller}" if account else seller, title=title,
            outcome=outcome, feeling="", what_happened=happened, do_differently=differently,
            created_at=datetime.combine(date.fromisoformat(str(day)[:10]), time(12), UTC),
            causes=tuple(LessonCauseRow(c, n, e, bool(k)) for c, n, e, k in causes),
        )  # fmt: skip

    def watch(
        self,
        account_name: str | None,
        causes_by_id: Mapping[str, CauseLike],
        exclude_author: str | None = None,
    ) -> TeamWatch:
        """The team's part of a call's watch-outs; `causes_by_id` gives each cause its prompt."""
        frequent = [
            (causes_by_id[c.cause_id], c.lessons, c.sellers)
            for c in self.cause_counts()
            if c.cause_id in causes_by_id
        ]
        lessons = self.account_lessons(account_name, exclude_author) if account_name else []
        return TeamWatch(frequent, lessons)
