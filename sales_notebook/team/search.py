"""Search the team's cached lessons offline (their own FTS5 index), scoped Mine / Team / All.

The query is parsed and folded as in the library (core/search_query.py), and ranked with the
library's own FTS5 helpers (store/fts.py): every match by bm25, the exact order, unless a
first answer is asked for on a large cache (the newest matches, then the exact answer, as
the library's pane does). "All" merges the seller's own lessons from the notebook's search
with the teammates' lessons from the cache, best score first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from sales_notebook.core.search_query import (
    fold_letters,
    has_cjk,
    plain_fts_query,
    query_problem,
    to_fts_query,
)
from sales_notebook.store import fts
from sales_notebook.store.database import Database
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.search import (
    CANDIDATES,
    EXACT_AT_ONCE,
    SearchFilters,
    SearchService,
)
from sales_notebook.store.sqlite_lib import sqlite3

Scope = Literal["mine", "team", "all"]
SCOPES: tuple[Scope, ...] = ("mine", "team", "all")
SEPARATOR = "\x1f"
INDEX = "fts_team_lesson"
VOCABULARY = "fts_team_lesson_terms"  # migration 0009
# The library's snippet markers, which its table and the CLI render (a test checks they
# are the same); kept here so that this module does not depend on where the library's
# search keeps them.
MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 14
# A lesson's bm25 weight, as the library weighs its own lessons against call notes.
LESSON_WEIGHT = 2.0


@dataclass(frozen=True)
class ScopedHit:
    """A lesson found in the seller's notebook (`lesson_id`) or in the team cache (`uuid`)."""

    lesson_id: int | None
    uuid: str | None
    call_id: int | None
    title: str
    account_name: str
    outcome: str | None
    when: date
    causes: tuple[str, ...]
    snippet: str
    score: float
    seller: str

    @property
    def is_team(self) -> bool:
        return self.uuid is not None


def _select(where: str, order: str) -> str:
    return (
        "SELECT l.id, l.uuid, l.title, l.account_name, l.outcome, l.lesson_date, l.seller, "
        f"(SELECT group_concat(cause_id, '{SEPARATOR}') FROM (SELECT cause_id "
        "FROM team_lesson_cause c WHERE c.lesson_id = l.id ORDER BY position)), "
        f"{order} FROM {where}"
    )


class TeamSearch:
    """Full-text search of the team cache; one short notebook session per call."""

    def __init__(self, db: Database) -> None:
        self._db = db
        # Whether the last search's answer was exact (see `approximate` below).
        self.exact = True

    def search(
        self,
        text: str,
        limit: int = 20,
        cause_id: str | None = None,
        exclude_author: str | None = None,
        approximate: bool = False,
    ) -> list[ScopedHit]:
        """The best `limit` team lessons for the text; an empty text lists the newest.

        As in the library: the text is folded (ø → o …) as the index's `fold` column is, a
        text past the length limit raises InvalidInput, and `approximate` on a cache of more
        than EXACT_AT_ONCE lessons ranks the newest CANDIDATES matches only (a first answer;
        `self.exact` says whether it was every match)."""
        problem = query_problem(text)
        if problem:
            raise InvalidInput(problem)
        self.exact = True
        limit = max(1, limit)
        where, args = _filters(cause_id, exclude_author)
        folded = fold_letters(text)
        query = to_fts_query(folded)
        with self._db.session() as s:
            conn = s.connection()
            if not query:
                if text.strip():
                    return []
                sql = _select(
                    f"team_lesson l WHERE {where.replace('rowid', 'l.id') or '1'} "
                    "ORDER BY l.lesson_date DESC, l.id DESC LIMIT ?",
                    "0.0, l.what_happened",
                )
                rows = conn.exec_driver_sql(sql, (*args, limit))
                return [_hit(r, _opening(r[9])) for r in rows]
            attempts = [query, plain_fts_query(folded)]
            if has_cjk(text):
                attempts = [to_fts_query(folded, lambda term: fts.cjk_term(conn, VOCABULARY, term))]
            for attempt in attempts:
                try:
                    return self._ranked(conn, attempt, where, args, limit, approximate)
                except OperationalError as exc:
                    if not isinstance(exc.orig, sqlite3.OperationalError):
                        raise
            return []

    def _ranked(
        self,
        conn: Connection,
        query: str,
        where: str,
        args: tuple[object, ...],
        limit: int,
        approximate: bool,
    ) -> list[ScopedHit]:
        if approximate and _lessons(conn) > EXACT_AT_ONCE:
            best, self.exact = _newest(conn, query, where, args, limit)
        else:
            best = fts.ranked(conn, INDEX, query, limit, where=where, where_args=args)
        if not best:
            return []
        ids = [r.rowid for r in best]
        marks = ", ".join("?" * len(ids))
        sql = _select(f"team_lesson l WHERE l.id IN ({marks})", "0.0, ''")
        rows = {int(r[0]): r for r in conn.exec_driver_sql(sql, tuple(ids))}
        snippets = fts.snippets(conn, INDEX, query, ids)
        return [
            _hit(rows[r.rowid], snippets.get(r.rowid, ""), -r.score)
            for r in best
            if r.rowid in rows
        ]


def _newest(
    conn: Connection, query: str, where: str, args: tuple[object, ...], limit: int
) -> tuple[list[fts.Ranked], bool]:
    """The best `limit` of the newest CANDIDATES matches that pass the filters, and whether
    those were every match (the answer is then exact)."""
    ranked, complete = fts.ranked_newest(conn, INDEX, query, CANDIDATES, CANDIDATES, "positive")
    if where and ranked:
        marks = ", ".join("?" * len(ranked))
        sql = (
            f"SELECT l.id FROM team_lesson l WHERE l.id IN ({marks}) "
            f"AND {where.replace('rowid', 'l.id')}"
        )
        kept = {int(r[0]) for r in conn.exec_driver_sql(sql, (*[r.rowid for r in ranked], *args))}
        ranked = [r for r in ranked if r.rowid in kept]
    return ranked[:limit], complete


def _filters(cause_id: str | None, exclude_author: str | None) -> tuple[str, tuple[object, ...]]:
    """The cause and author filters as a condition on the index's rowid, with its values."""
    parts: list[str] = []
    args: list[object] = []
    if cause_id is not None:
        parts.append("rowid IN (SELECT lesson_id FROM team_lesson_cause WHERE cause_id = ?)")
        args.append(cause_id)
    if exclude_author is not None:
        # Only the seller's own lessons are left out: a short list, whatever the cache's size.
        parts.append("rowid NOT IN (SELECT id FROM team_lesson WHERE author = ?)")
        args.append(exclude_author)
    return " AND ".join(parts), tuple(args)


def _lessons(conn: Connection) -> int:
    """About how many lessons the cache holds (its highest id: one index lookup)."""
    return int(conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM team_lesson").scalar_one())


def _opening(text: str, words: int = SNIPPET_TOKENS) -> str:
    parts = (text or "").split()
    return " ".join(parts[:words]) + (ELLIPSIS if len(parts) > words else "")


def _hit(row: Sequence[Any], snippet: str, rank: float | None = None) -> ScopedHit:
    return ScopedHit(
        lesson_id=None, uuid=row[1], call_id=None, title=row[2], account_name=row[3] or "",
        outcome=row[4], when=date.fromisoformat(str(row[5])[:10]),
        causes=tuple(row[7].split(SEPARATOR)) if row[7] else (), snippet=snippet,
        score=-float(row[8] if rank is None else rank) * LESSON_WEIGHT, seller=row[6],
    )  # fmt: skip


def scoped_search(
    db: Database,
    text: str,
    scope: Scope,
    limit: int = 20,
    cause_id: str | None = None,
    me: tuple[str | None, str] = (None, ""),
) -> list[ScopedHit]:
    """Mine (the notebook's own lessons), Team (the cache) or All (both, best first).

    `me` is the seller's role and name on the team: their own lessons come back from the
    server too, and "All" shows them once, from the notebook.
    """
    hits: list[ScopedHit] = []
    if scope in ("mine", "all"):
        found = SearchService(db).search(text, SearchFilters(cause_id=cause_id), limit, ("lesson",))
        hits += [
            ScopedHit(
                lesson_id=h.lesson_id, uuid=None, call_id=h.call_id, title=h.title,
                account_name=h.account_name, outcome=h.outcome, when=h.when.date(),
                causes=h.causes, snippet=h.snippet, score=h.score, seller=me[1],
            )
            for h in found
        ]  # fmt: skip
    if scope in ("team", "all"):
        exclude = me[0] if scope == "all" else None
        hits += TeamSearch(db).search(text, limit, cause_id, exclude_author=exclude)
    if scope == "all":
        if to_fts_query(text):
            hits.sort(key=lambda h: -h.score)
        else:
            hits.sort(key=lambda h: h.when, reverse=True)
    return hits[:limit]
