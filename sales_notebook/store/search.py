"""Search the lessons and call notes (FTS5), with filters, ranked, with highlighted snippets.

The FTS query always runs on its own, inside a materialized CTE; filters and joins wrap
around it. Put in the same WHERE as MATCH, they would stop FTS5 from stopping early and
turn milliseconds into seconds on a large notebook.

Ranking every match of a common word ("budget" is in a third of all notes) costs a bm25
score per match: 50-450 ms on 300,000 documents, too slow to search as you type. So each
index gives its newest CANDIDATES matches (rowid order, where FTS5 does stop early), and
those are ranked by bm25 (the word statistics still come from the whole index). Below
CANDIDATES matches, which is every rare word and every notebook of a normal size, this is
the exact bm25 order. When filters leave too few rows, the candidates grow and it runs again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from sales_notebook.core.search_query import plain_fts_query, to_fts_query
from sales_notebook.store.database import Database

# Snippets mark the matched words with these; the UI turns them into bold, the CLI into [ ].
MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 14
# A lesson is the seller's own conclusion: it ranks above a raw note that matches as well.
LESSON_WEIGHT = 2.0
CALL_WEIGHT = 1.0
CAUSE_SEPARATOR = "\x1f"
# Newest matches of each index that are ranked (see the module docstring).
CANDIDATES = 1000

Kind = Literal["lesson", "call"]


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search; None means any. `date_to` is inclusive."""

    cause_id: str | None = None
    account_id: int | None = None
    outcome: str | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in vars(self).values())


@dataclass(frozen=True)
class SearchHit:
    """One result: a lesson, or the notes of a call."""

    kind: Kind
    lesson_id: int | None
    call_id: int | None
    title: str
    account_name: str
    outcome: str | None
    when: datetime
    causes: tuple[str, ...]
    snippet: str
    score: float


@dataclass(frozen=True)
class _Source:
    kind: Kind
    fts: str
    table: str
    alias: str
    date_column: str
    weight: float
    cause_exists: str


_LESSON = _Source(
    "lesson", "fts_lesson", "lesson", "l", "created_at", LESSON_WEIGHT,
    "EXISTS (SELECT 1 FROM lesson_cause x WHERE x.lesson_id = {row} AND x.cause_id = :cause)",
)  # fmt: skip
_CALL = _Source(
    "call", "fts_call", "call", "l", "started_at", CALL_WEIGHT,
    "EXISTS (SELECT 1 FROM lesson y JOIN lesson_cause x ON x.lesson_id = y.id "
    "WHERE y.call_id = {row} AND x.cause_id = :cause)",
)  # fmt: skip


def _needs_row(filters: SearchFilters) -> bool:
    return any(
        v is not None
        for v in (filters.account_id, filters.outcome, filters.date_from, filters.date_to)
    )


def _stamp(day: date) -> str:
    # Datetimes are stored as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC: a date string compares right.
    return day.isoformat()


def _where(
    source: _Source, filters: SearchFilters, params: dict[str, Any], row: str = "l.id"
) -> str:
    """The filters as SQL on the row `l` (its id given as `row`), filling in `params`."""
    clauses = []
    if filters.cause_id is not None:
        clauses.append(source.cause_exists.format(row=row))
        params["cause"] = filters.cause_id
    if filters.account_id is not None:
        clauses.append("l.account_id = :account")
        params["account"] = filters.account_id
    if filters.outcome is not None:
        clauses.append("l.outcome = :outcome")
        params["outcome"] = filters.outcome
    if filters.date_from is not None:
        clauses.append(f"l.{source.date_column} >= :date_from")
        params["date_from"] = _stamp(filters.date_from)
    if filters.date_to is not None:
        clauses.append(f"l.{source.date_column} < :date_to")
        params["date_to"] = _stamp(filters.date_to + timedelta(days=1))
    return " AND ".join(clauses) or "1"


def _ranked_sql(source: _Source, filters: SearchFilters, params: dict[str, Any]) -> str:
    # Ranking candidates needs no other table. A cause filter needs only the id; an account,
    # outcome or date filter needs the row, so it joins them all. Either way the title,
    # account and dates are read for the best :n rows only (a call's outcome lies past its
    # long notes in the row).
    if not filters.active:
        best = "SELECT h.id, h.rank FROM h ORDER BY h.rank LIMIT :n"
    elif _needs_row(filters):
        best = (
            f"SELECT h.id, h.rank FROM h JOIN {source.table} l ON l.id = h.id "
            f"WHERE {_where(source, filters, params)} ORDER BY h.rank LIMIT :n"
        )
    else:
        best = (
            f"SELECT h.id, h.rank FROM h WHERE {_where(source, filters, params, 'h.id')} "
            "ORDER BY h.rank LIMIT :n"
        )
    owner = "l.call_id" if source.kind == "lesson" else "l.id"
    return (
        f"WITH h AS MATERIALIZED (SELECT rowid AS id, rank FROM {source.fts} "
        f"WHERE {source.fts} MATCH :q ORDER BY rowid DESC LIMIT :k), "
        f"best AS MATERIALIZED ({best}) "
        f"SELECT best.id, best.rank, l.title, a.name, l.outcome, l.{source.date_column}, {owner}, "
        f"{_causes_sql(source)} "
        f"FROM best JOIN {source.table} l ON l.id = best.id "
        f"LEFT JOIN account a ON a.id = l.account_id ORDER BY best.rank"
    )


def _when(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class SearchService:
    """Full-text search and browsing of the lessons library; one short session per call."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def search(
        self,
        text: str,
        filters: SearchFilters | None = None,
        limit: int = 50,
        kinds: Sequence[Kind] = ("lesson", "call"),
    ) -> list[SearchHit]:
        """The best `limit` hits for the user's text; an empty text lists recent lessons.

        Never raises on what the user typed: text FTS5 cannot read is searched word by word.
        """
        filters = filters or SearchFilters()
        limit = max(1, limit)
        query = to_fts_query(text)
        with self._db.session() as s:
            conn = s.connection()
            if not query:
                return [] if text.strip() else self._recent(conn, filters, limit)
            for attempt in (query, plain_fts_query(text)):
                try:
                    return self._ranked(conn, attempt, filters, limit, kinds)
                except OperationalError as exc:
                    if not isinstance(exc.orig, sqlite3.OperationalError):
                        raise
            return []

    def _ranked(
        self,
        conn: Connection,
        query: str,
        filters: SearchFilters,
        limit: int,
        kinds: Sequence[Kind],
    ) -> list[SearchHit]:
        hits: list[SearchHit] = []
        for source in (_LESSON, _CALL):
            if source.kind in kinds:
                hits += self._ranked_source(conn, source, query, filters, limit)
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]

    def _ranked_source(
        self,
        conn: Connection,
        source: _Source,
        query: str,
        filters: SearchFilters,
        limit: int,
    ) -> list[SearchHit]:
        params: dict[str, Any] = {"q": query, "n": limit}
        sql = _ranked_sql(source, filters, params)
        inner = max(CANDIDATES, limit)
        total: int | None = None
        while True:
            params["k"] = inner
            rows = conn.exec_driver_sql(sql, params).all()
            if len(rows) >= limit or not filters.active:
                break
            if total is None:
                total = int(
                    conn.exec_driver_sql(
                        f"SELECT count(*) FROM {source.fts} WHERE {source.fts} MATCH ?", (query,)
                    ).scalar_one()
                )
            if inner >= total:
                break
            inner *= 4
        if not rows:
            return []
        snippets = self._snippets(conn, source, query, [r[0] for r in rows])
        return [
            SearchHit(
                kind=source.kind,
                lesson_id=row[0] if source.kind == "lesson" else None,
                call_id=row[6],
                title=row[2] or "",
                account_name=row[3] or "",
                outcome=row[4],
                when=_when(row[5]),
                causes=_split(row[7]),
                snippet=snippets.get(row[0], ""),
                score=-float(row[1]) * source.weight,
            )
            for row in rows
        ]

    def _snippets(
        self, conn: Connection, source: _Source, query: str, ids: list[int]
    ) -> dict[int, str]:
        # Only for the rows shown: a snippet costs far more than a rank.
        marks = ", ".join("?" * len(ids))
        sql = (
            f"SELECT rowid, snippet({source.fts}, -1, ?, ?, ?, ?) FROM {source.fts} "
            f"WHERE {source.fts} MATCH ? AND rowid IN ({marks})"
        )
        args = (MARK_START, MARK_END, ELLIPSIS, SNIPPET_TOKENS, query, *ids)
        return {int(r[0]): str(r[1]) for r in conn.exec_driver_sql(sql, args)}

    def _recent(self, conn: Connection, filters: SearchFilters, limit: int) -> list[SearchHit]:
        params: dict[str, Any] = {"n": limit}
        where = _where(_LESSON, filters, params)
        rows = conn.exec_driver_sql(
            "SELECT l.id, l.title, a.name, l.outcome, l.created_at, l.call_id, l.what_happened, "
            f"{_causes_sql(_LESSON)} FROM lesson l LEFT JOIN account a ON a.id = l.account_id "
            f"WHERE {where} ORDER BY l.created_at DESC, l.id DESC LIMIT :n",
            params,
        ).all()
        return [
            SearchHit(
                kind="lesson", lesson_id=r[0], call_id=r[5], title=r[1], account_name=r[2] or "",
                outcome=r[3], when=_when(r[4]), causes=_split(r[7]),
                snippet=_opening(r[6]), score=0.0,
            )
            for r in rows
        ]  # fmt: skip


def _opening(text: str, words: int = SNIPPET_TOKENS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (ELLIPSIS if len(parts) > words else "")


def _causes_sql(source: _Source) -> str:
    """A column with the row's causes (for a call: its lessons' causes) in taxonomy order."""
    owner = "x.lesson_id" if source.kind == "lesson" else "y.call_id"
    return (
        f"(SELECT group_concat(cause_id, '{CAUSE_SEPARATOR}') FROM (SELECT x.cause_id "
        "FROM lesson_cause x JOIN lesson y ON y.id = x.lesson_id "
        f"JOIN root_cause r ON r.id = x.cause_id WHERE {owner} = l.id "
        "GROUP BY x.cause_id ORDER BY min(r.sort_order), x.cause_id))"
    )


def _split(causes: object) -> tuple[str, ...]:
    return tuple(str(causes).split(CAUSE_SEPARATOR)) if causes else ()
