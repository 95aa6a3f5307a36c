"""Search the lessons and call notes, best first by exact bm25, with filters and snippets.

One FTS5 index (migration 0006) holds both lessons (rowid = lesson id) and call notes
(rowid = -call id), so one bm25 scale ranks them together. Every filter is part of the MATCH
(tokens in the `tags` column, weighted 0 so they never change a score), so FTS5 ranks only
the rows that pass them. Chinese and Japanese are written without spaces, so the index holds
a whole run of such letters as one token: a word typed in them stands for every indexed token
that contains it (looked up in the index's vocabulary, fts_doc_terms).

`search_page(approximate=True)` is the fast first answer of the lessons library. Exact bm25
costs in proportion to the matches of every word searched (store/fts.py), so on a notebook of
more than EXACT_AT_ONCE documents it is the exact answer only when every word and filter of the
search matches at most RARE documents; otherwise it is the newest matches of each kind, newest
first and unranked (score 0), which the pane shows as approximate until the exact answer
replaces it. On a smaller notebook it is the exact answer at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from sales_notebook.core.search_query import (
    Term,
    fold_letters,
    has_cjk,
    parse_terms,
    plain_fts_query,
    query_problem,
    to_fts_query,
)
from sales_notebook.core.search_tags import (
    account_token,
    cause_token,
    date_match,
    date_tokens,
    outcome_token,
)
from sales_notebook.store import fts, fts_halves
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput, classify
from sales_notebook.store.fts import ELLIPSIS, MARK_END, MARK_START
from sales_notebook.store.search_rows import (
    Kind,
    causes_sql,
    dates,
    details,
    opening,
    split,
    when,
    written_snippets,
)
from sales_notebook.store.sqlite_lib import sqlite3

__all__ = [
    "ELLIPSIS",
    "MARK_END",
    "MARK_START",
    "Kind",
    "SearchFilters",
    "SearchHit",
    "SearchPage",
    "SearchService",
]

WORDS = "fts_doc"
VOCABULARY = "fts_doc_terms"
# Below this many documents the exact answer comes about as fast as a first one would (a heavy
# seller's 16,500: p95 under 30 ms): no two steps.
EXACT_AT_ONCE = 20_000
# A first answer is exact at once when the words and filters searched match at most this many
# documents together (ranking them costs some 15-45 µs each); see the module docstring.
RARE = 300
# Whether a document's `fold` column holds text (only one with ø æ ß …): its snippet may
# then come from the folded copy, and the written letters are put back (core/snippet_letters).
FOLDED = "trim(fold) != ''"
# The team cache's first answer ranks this many of its newest matches (team/search.py).
CANDIDATES = 1000


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
    parts = [f"tags : {token}" for token in tag_phrases(filters, dates=False)]
    if filters.date_from is not None or filters.date_to is not None:
        expression = date_match(filters.date_from, filters.date_to)
        if expression is None:
            return None
        parts.append(f"tags : {expression}")
    return parts


def closed_range(conn: Connection, filters: SearchFilters) -> SearchFilters:
    """The filters with an open upper end of their date range closed at the end of next
    year when no document is dated later (one look-up of a few index tokens): the same
    documents, in fewer tokens than the years on to 2199 (a save dates its document today,
    so one made meanwhile is in the range too). An open lower end is left as it is: closing
    it needs the first year, a dozen look-ups, which cost more than the empty decades'
    tokens they save."""
    if filters.date_to is None and filters.date_from is not None:
        after = date.today().year + 1
        if filters.date_from.year <= after and not _dated(conn, date(after + 1, 1, 1)):
            return replace(filters, date_to=date(after, 12, 31))
    return filters


def _dated(conn: Connection, start: date) -> bool:
    """Whether any document is dated `start` or later."""
    match = date_match(start, None)
    if match is None:
        return False
    sql = f"SELECT 1 FROM {WORDS} WHERE {WORDS} MATCH ? LIMIT 1"
    return conn.exec_driver_sql(sql, (f"tags : {match}",)).first() is not None


def tag_phrases(filters: SearchFilters, dates: bool = True) -> list[str]:
    """Each filter token, quoted for FTS5 (a date range: each of its tokens)."""
    tokens = []
    if filters.cause_id is not None:
        tokens.append(cause_token(filters.cause_id))
    if filters.account_id is not None:
        tokens.append(account_token(filters.account_id))
    if filters.outcome is not None:
        tokens.append(outcome_token(filters.outcome))
    if dates and (filters.date_from is not None or filters.date_to is not None):
        tokens += date_tokens(filters.date_from, filters.date_to)
    return [f'"{t}"' for t in tokens]


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
            filters = closed_range(conn, filters)
            tags = tag_match(filters)
            if tags is None:
                return SearchPage([])
            folded = fold_letters(text)
            if not to_fts_query(folded):
                return SearchPage([])  # only operators or punctuation
            attempts = [to_fts_query(folded), plain_fts_query(folded)]
            if has_cjk(text):
                attempts = [to_fts_query(folded, lambda term: fts.cjk_term(conn, VOCABULARY, term))]
            lessons, calls = _extent(conn)
            first = approximate and offset == 0 and lessons + calls > EXACT_AT_ONCE
            if first and (has_cjk(text) or not _rare(conn, folded, filters, self._db.path)):
                return self._newest(conn, attempts, tags, limit, side)
            for query in attempts:
                # Brackets keep OR and NOT inside the user's part; the filters add to it.
                words = f"({query})"
                match = " AND ".join([words, *tags])
                try:
                    best = self._ranked(conn, match, limit, offset, side, lessons, calls)
                    return SearchPage(self._hits(conn, WORDS, words, best))
                except OperationalError as exc:
                    _raise_unless_unreadable(exc, self._db.path)
            return SearchPage([])

    def _ranked(
        self,
        conn: Connection,
        match: str,
        limit: int,
        offset: int,
        side: fts.Side,
        lessons: int,
        calls: int,
    ) -> list[fts.Ranked]:
        """The exact answer: on two cores at once for a large index (store/fts_halves.py)."""
        at = fts_halves.cut(side, lessons, calls)
        if at is not None:
            engine = self._db.engine
            best = fts_halves.ranked_in_halves(conn, engine, WORDS, match, limit, offset, side, at)
            if best is not None:
                return best
        return fts.ranked(conn, WORDS, match, limit, offset, side)

    def _newest(
        self, conn: Connection, attempts: list[str], tags: list[str], limit: int, side: fts.Side
    ) -> SearchPage:
        """The first answer of a costly search: the newest `limit` matches, newest first."""
        sides: list[fts.Side] = ["positive", "negative"] if side == "all" else [side]
        for query in attempts:
            words = f"({query})"
            match = " AND ".join([words, *tags])
            try:
                rowids = [r for one in sides for r in fts.newest(conn, WORDS, match, limit, one)]
            except OperationalError as exc:
                _raise_unless_unreadable(exc, self._db.path)
                continue
            if not rowids:
                return SearchPage([])  # no match: that is exact too
            dated = dates(conn, rowids)
            rowids = sorted(dated, key=lambda r: (when(dated[r]), abs(r)), reverse=True)
            best = [fts.Ranked(r, 0.0) for r in rowids[:limit]]
            return SearchPage(self._hits(conn, WORDS, words, best), exact=False)
        return SearchPage([], exact=False)

    def _hits(
        self,
        conn: Connection,
        table: str,
        match: str,
        best: list[fts.Ranked],
    ) -> list[SearchHit]:
        if not best:
            return []
        rowids, engine = [r.rowid for r in best], self._db.engine
        found = fts_halves.snippets_in_halves(conn, engine, table, match, rowids, FOLDED)
        snippets = {r: text for r, (text, _folded) in found.items()}
        folded = {r: text for r, (text, has_fold) in found.items() if has_fold}
        snippets.update(written_snippets(conn, folded))
        rows = details(conn, [r.rowid for r in best])
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
                    when=when(row[3]),
                    causes=split(row[5]),
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
            f"{causes_sql('lesson')} FROM lesson l LEFT JOIN account a ON a.id = l.account_id "
            f"WHERE {where} ORDER BY l.created_at DESC, l.id DESC LIMIT ? OFFSET ?",
            (*args, limit, offset),
        ).all()
        return [
            SearchHit(
                kind="lesson", lesson_id=r[0], call_id=r[5], title=r[1], account_name=r[2] or "",
                outcome=r[3], when=when(r[4]), causes=split(r[7]),
                snippet=opening(r[6]), score=0.0,
            )
            for r in rows
        ]  # fmt: skip


def _extent(conn: Connection) -> tuple[int, int]:
    """About how many lessons and calls there are (their highest ids: two index lookups)."""
    row = conn.exec_driver_sql(
        "SELECT coalesce((SELECT max(id) FROM lesson), 0), coalesce((SELECT max(id) FROM call), 0)"
    ).one()
    return int(row[0]), int(row[1])


def _raise_unless_unreadable(exc: OperationalError, path: Path) -> None:
    """Return when FTS5 could not read the query (the caller tries it another way); raise a
    busy, I/O or damage error as its KnownError (never "no match"), anything else as it is."""
    known = classify(exc, path)
    if known is not None:
        raise known from exc
    if not isinstance(exc.orig, sqlite3.OperationalError):
        raise exc


def _rare(conn: Connection, folded: str, filters: SearchFilters, path: Path) -> bool:
    """Whether every word and filter token searched matches at most RARE documents in all,
    so that ranking them exactly is as quick as a first answer (counted as cheaply)."""
    terms = [i.fts() for i in parse_terms(folded) if isinstance(i, Term) and not i.exclude]
    phrases = terms + [f"tags : {t}" for t in tag_phrases(filters)]
    left = RARE
    for phrase in phrases:
        try:
            left -= fts.at_most(conn, WORDS, phrase, left + 1)
        except OperationalError as exc:
            _raise_unless_unreadable(exc, path)
            return False
        if left < 0:
            return False
    return True


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
