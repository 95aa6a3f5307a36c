"""Search the lessons and call notes, best first by exact bm25, with filters and snippets.

One FTS5 index (migration 0006) holds both lessons (rowid = lesson id) and call notes
(rowid = -call id), so one bm25 scale ranks them together. Every filter is part of the MATCH
(tokens in the `tags` column, weighted 0 so they never change a score), so FTS5 ranks only
the rows that pass them. Chinese and Japanese are written without spaces, so the index holds
a whole run of such letters as one token: a word typed in them stands for every indexed token
that contains it (looked up in the index's vocabulary, fts_doc_terms).

`search_page(approximate=True)` is the fast first answer of the lessons library: on a notebook
of more than EXACT_AT_ONCE documents, the newest CANDIDATES matches of each kind, ranked. When
that was every match it is the exact answer (and says so); otherwise the pane shows it as
approximate until the exact one arrives. On a smaller notebook it is the exact answer at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from sales_notebook.core.search_query import (
    Term,
    fold_letters,
    has_cjk,
    plain_fts_query,
    query_problem,
    to_fts_query,
)
from sales_notebook.core.search_tags import account_token, cause_token, date_tokens, outcome_token
from sales_notebook.store import fts
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput, classify
from sales_notebook.store.fts import ELLIPSIS, MARK_END, MARK_START, SNIPPET_TOKENS

__all__ = ["ELLIPSIS", "MARK_END", "MARK_START", "SearchFilters", "SearchHit", "SearchService"]

WORDS = "fts_doc"
VOCABULARY = "fts_doc_terms"
CAUSE_SEPARATOR = "\x1f"
# Newest matches of each kind ranked for the fast first answer (see the module docstring).
CANDIDATES = 1000
# Below this many documents the exact answer comes as fast as a first one would: no two steps.
EXACT_AT_ONCE = 50_000
# Indexed tokens a CJK word stands for, at most (the most frequent first).
CJK_EXPANSION = 500

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
class SearchPage:
    """Hits best first; `exact` is False for a first answer that ranked only the newest."""

    hits: list[SearchHit]
    exact: bool = True


def _side(kinds: Sequence[Kind]) -> fts.Side | None:
    lessons, calls = "lesson" in kinds, "call" in kinds
    if lessons and calls:
        return "all"
    return "positive" if lessons else "negative" if calls else None


def tag_match(filters: SearchFilters) -> list[str] | None:
    """The filters as FTS5 terms on the `tags` column; None when no date can match."""
    parts = []
    if filters.cause_id is not None:
        parts.append(f'tags : "{cause_token(filters.cause_id)}"')
    if filters.account_id is not None:
        parts.append(f'tags : "{account_token(filters.account_id)}"')
    if filters.outcome is not None:
        parts.append(f'tags : "{outcome_token(filters.outcome)}"')
    if filters.date_from is not None or filters.date_to is not None:
        tokens = date_tokens(filters.date_from, filters.date_to)
        if not tokens:
            return None
        parts.append("tags : (" + " OR ".join(f'"{t}"' for t in tokens) + ")")
    return parts


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
        offset: int = 0,
    ) -> list[SearchHit]:
        """The exact best `limit` hits after `offset`; an empty text lists recent lessons."""
        return self.search_page(text, filters, limit, kinds, offset).hits

    def search_page(
        self,
        text: str,
        filters: SearchFilters | None = None,
        limit: int = 50,
        kinds: Sequence[Kind] = ("lesson", "call"),
        offset: int = 0,
        approximate: bool = False,
    ) -> SearchPage:
        """Hits for the user's text, best first.

        Raises InvalidInput for a text over the length limit, and a disk or database error
        (busy, I/O, damage...) as its KnownError; anything else the user typed is searched
        (text FTS5 cannot read is searched word by word).
        """
        problem = query_problem(text)
        if problem:
            raise InvalidInput(problem)
        filters = filters or SearchFilters()
        limit, offset = max(1, limit), max(0, offset)
        side = _side(kinds)
        with self._db.session() as s:
            conn = s.connection()
            if not text.strip():
                return SearchPage(self._recent(conn, filters, limit, offset))
            if side is None:
                return SearchPage([])
            tags = tag_match(filters)
            if tags is None:
                return SearchPage([])
            folded = fold_letters(text)
            if not to_fts_query(folded):
                return SearchPage([])  # only operators or punctuation
            attempts = [to_fts_query(folded), plain_fts_query(folded)]
            if has_cjk(text):
                attempts = [to_fts_query(folded, lambda term: _cjk_term(conn, term))]
            for query in attempts:
                # Brackets keep OR and NOT inside the user's part; the filters add to it.
                words = f"({query})"
                match = " AND ".join([words, *tags])
                try:
                    if approximate and offset == 0 and _documents(conn) > EXACT_AT_ONCE:
                        best, exact = self._newest(conn, match, limit, side)
                    else:
                        best, exact = fts.ranked(conn, WORDS, match, limit, offset, side), True
                    return SearchPage(self._hits(conn, WORDS, words, best), exact)
                except OperationalError as exc:
                    known = classify(exc, self._db.path)  # busy, I/O, damage: never "no match"
                    if known is not None:
                        raise known from exc
                    if not isinstance(exc.orig, sqlite3.OperationalError):
                        raise
            return SearchPage([])

    def _newest(
        self, conn: Connection, match: str, limit: int, side: fts.Side
    ) -> tuple[list[fts.Ranked], bool]:
        sides: list[fts.Side] = ["positive", "negative"] if side == "all" else [side]
        best: list[fts.Ranked] = []
        exact = True
        for one in sides:
            rows, complete = fts.ranked_newest(conn, WORDS, match, limit, CANDIDATES, one)
            best += rows
            exact = exact and complete
        best.sort(key=lambda r: -r.score)
        return best[:limit], exact

    def _hits(
        self, conn: Connection, table: str, match: str, best: list[fts.Ranked]
    ) -> list[SearchHit]:
        if not best:
            return []
        snippets = fts.snippets(conn, table, match, [r.rowid for r in best])
        rows = _details(conn, [r.rowid for r in best])
        hits = []
        for r in best:
            row = rows.get(r.rowid)
            if row is None:  # deleted between the two statements: not possible in one session
                continue
            kind: Kind = "lesson" if r.rowid > 0 else "call"
            hits.append(
                SearchHit(
                    kind=kind,
                    lesson_id=r.rowid if kind == "lesson" else None,
                    call_id=row[4],
                    title=row[0] or "",
                    account_name=row[1] or "",
                    outcome=row[2],
                    when=_when(row[3]),
                    causes=_split(row[5]),
                    snippet=snippets.get(r.rowid, ""),
                    score=r.score,
                )
            )
        return hits

    def _recent(
        self, conn: Connection, filters: SearchFilters, limit: int, offset: int
    ) -> list[SearchHit]:
        where, args = _lesson_where(filters)
        rows = conn.exec_driver_sql(
            "SELECT l.id, l.title, a.name, l.outcome, l.created_at, l.call_id, l.what_happened, "
            f"{_causes_sql('lesson')} FROM lesson l LEFT JOIN account a ON a.id = l.account_id "
            f"WHERE {where} ORDER BY l.created_at DESC, l.id DESC LIMIT ? OFFSET ?",
            (*args, limit, offset),
        ).all()
        return [
            SearchHit(
                kind="lesson", lesson_id=r[0], call_id=r[5], title=r[1], account_name=r[2] or "",
                outcome=r[3], when=_when(r[4]), causes=_split(r[7]),
                snippet=_opening(r[6]), score=0.0,
            )
            for r in rows
        ]  # fmt: skip


def _documents(conn: Connection) -> int:
    """About how many lessons and calls there are (their highest ids: two index lookups)."""
    row = conn.exec_driver_sql(
        "SELECT coalesce((SELECT max(id) FROM lesson), 0) + coalesce((SELECT max(id) FROM call), 0)"
    ).one()
    return int(row[0])


def _cjk_term(conn: Connection, term: Term) -> str:
    """A term with CJK letters as every indexed token that contains it, ORed."""
    if not has_cjk(term.text):
        return term.fts()
    word = term.text.lower()  # as unicode61 stores it (CJK letters have no diacritics to drop)
    rows = conn.exec_driver_sql(
        f"SELECT term FROM {VOCABULARY} WHERE instr(term, ?) ORDER BY cnt DESC LIMIT ?",
        (word, CJK_EXPANSION),
    ).all()
    tokens = [str(r[0]) for r in rows] or [word]
    return "(" + " OR ".join('"' + t.replace('"', '""') + '"' for t in tokens) + ")"


def _details(conn: Connection, rowids: list[int]) -> dict[int, tuple[Any, ...]]:
    """(title, account, outcome, date, call id, causes) of each document by its rowid."""
    out: dict[int, tuple[Any, ...]] = {}
    sources: tuple[tuple[Kind, str, str, int], ...] = (
        ("lesson", "created_at", "l.call_id", 1),
        ("call", "started_at", "l.id", -1),
    )
    for kind, when, owner, sign in sources:
        ids = [sign * r for r in rowids if r * sign > 0]
        if not ids:
            continue
        sql = (
            f"SELECT l.id, l.title, a.name, l.outcome, l.{when}, {owner}, {_causes_sql(kind)} "
            f"FROM {kind} l LEFT JOIN account a ON a.id = l.account_id "
            f"WHERE l.id IN ({', '.join('?' * len(ids))})"
        )
        for row in conn.exec_driver_sql(sql, tuple(ids)):
            out[sign * int(row[0])] = tuple(row[1:])
    return out


def _lesson_where(
    filters: SearchFilters, date_column: str = "created_at"
) -> tuple[str, list[object]]:
    """The filters as SQL on a row `l` of lesson (or of call, by its date column)."""
    clauses: list[str] = []
    args: list[object] = []
    if filters.cause_id is not None:
        if date_column == "created_at":
            clauses.append("EXISTS (SELECT 1 FROM lesson_cause x WHERE x.lesson_id = l.id AND "
                           "x.cause_id = ?)")  # fmt: skip
        else:
            clauses.append("EXISTS (SELECT 1 FROM lesson y JOIN lesson_cause x ON x.lesson_id "
                           "= y.id WHERE y.call_id = l.id AND x.cause_id = ?)")  # fmt: skip
        args.append(filters.cause_id)
    if filters.account_id is not None:
        clauses.append("l.account_id = ?")
        args.append(filters.account_id)
    if filters.outcome is not None:
        clauses.append("l.outcome = ?")
        args.append(filters.outcome)
    # Datetimes are stored as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC: a date string compares right.
    if filters.date_from is not None:
        clauses.append(f"l.{date_column} >= ?")
        args.append(filters.date_from.isoformat())
    if filters.date_to is not None:
        clauses.append(f"l.{date_column} < ?")
        args.append((filters.date_to + timedelta(days=1)).isoformat())
    return " AND ".join(clauses) or "1", args


def _when(value: object) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _opening(text: str, words: int = SNIPPET_TOKENS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (ELLIPSIS if len(parts) > words else "")


def _causes_sql(kind: Kind) -> str:
    """A column with the row's causes (for a call: its lessons' causes) in taxonomy order."""
    owner = "x.lesson_id" if kind == "lesson" else "y.call_id"
    return (
        f"(SELECT group_concat(cause_id, '{CAUSE_SEPARATOR}') FROM (SELECT x.cause_id "
        "FROM lesson_cause x JOIN lesson y ON y.id = x.lesson_id "
        f"JOIN root_cause r ON r.id = x.cause_id WHERE {owner} = l.id "
        "GROUP BY x.cause_id ORDER BY min(r.sort_order), x.cause_id))"
    )


def _split(causes: object) -> tuple[str, ...]:
    return tuple(str(causes).split(CAUSE_SEPARATOR)) if causes else ()
