"""Search the team's cached lessons offline (their own FTS5 index), scoped Mine / Team / All.

The query is parsed as in the library (core/search_query.py). As in the notebook's own
search, FTS5 gives its newest CANDIDATES matches in rowid order (where it stops early) and
those are ranked by bm25; "All" merges the seller's own lessons from the notebook's search
with the teammates' lessons from the cache, best score first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from sales_notebook.core.search_query import plain_fts_query, to_fts_query
from sales_notebook.store.database import Database
from sales_notebook.store.search import SearchFilters, SearchService

Scope = Literal["mine", "team", "all"]
SCOPES: tuple[Scope, ...] = ("mine", "team", "all")
CANDIDATES = 1000
SEPARATOR = "\x1f"
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

    def search(
        self,
        text: str,
        limit: int = 20,
        cause_id: str | None = None,
        exclude_author: str | None = None,
    ) -> list[ScopedHit]:
        """The best `limit` team lessons for the text; an empty text lists the newest."""
        limit = max(1, limit)
        params: dict[str, Any] = {"n": limit, "cause": cause_id, "me": exclude_author}
        filters = []
        if cause_id is not None:
            filters.append(
                "EXISTS (SELECT 1 FROM team_lesson_cause c WHERE c.lesson_id = l.id "
                "AND c.cause_id = :cause)"
            )
        if exclude_author is not None:
            filters.append("l.author <> :me")
        where = " AND ".join(filters) or "1"
        query = to_fts_query(text)
        with self._db.session() as s:
            conn = s.connection()
            if not query:
                if text.strip():
                    return []
                sql = _select(
                    f"team_lesson l WHERE {where} ORDER BY l.lesson_date DESC, l.id DESC LIMIT :n",
                    "0.0, l.what_happened",
                )
                return [_hit(r, _opening(r[9])) for r in conn.execute(_text(sql), params)]
            for attempt in (query, plain_fts_query(text)):
                try:
                    return self._ranked(conn, attempt, where, params)
                except OperationalError as exc:
                    if not isinstance(exc.orig, sqlite3.OperationalError):
                        raise
            return []

    def _ranked(
        self, conn: Connection, query: str, where: str, params: dict[str, Any]
    ) -> list[ScopedHit]:
        params = {**params, "q": query, "k": max(CANDIDATES, params["n"])}
        sql = (
            "WITH h AS MATERIALIZED (SELECT rowid AS id, rank FROM fts_team_lesson "
            "WHERE fts_team_lesson MATCH :q ORDER BY rowid DESC LIMIT :k), "
            "best AS MATERIALIZED (SELECT h.id, h.rank FROM h JOIN team_lesson l ON l.id = h.id "
            f"WHERE {where} ORDER BY h.rank LIMIT :n) "
            + _select("best JOIN team_lesson l ON l.id = best.id", "best.rank, ''")
            + " ORDER BY best.rank"
        )
        rows = conn.execute(_text(sql), params).all()
        if not rows:
            return []
        snippets = _snippets(conn, query, [r[0] for r in rows])
        return [_hit(r, snippets.get(r[0], "")) for r in rows]


def _text(sql: str) -> Any:
    from sqlalchemy import text

    return text(sql)


def _snippets(conn: Connection, query: str, ids: list[int]) -> dict[int, str]:
    marks = ", ".join("?" * len(ids))
    sql = (
        "SELECT rowid, snippet(fts_team_lesson, -1, ?, ?, ?, ?) FROM fts_team_lesson "
        f"WHERE fts_team_lesson MATCH ? AND rowid IN ({marks})"
    )
    args = (MARK_START, MARK_END, ELLIPSIS, SNIPPET_TOKENS, query, *ids)
    return {int(r[0]): str(r[1]) for r in conn.exec_driver_sql(sql, args)}


def _opening(text: str, words: int = SNIPPET_TOKENS) -> str:
    parts = (text or "").split()
    return " ".join(parts[:words]) + (ELLIPSIS if len(parts) > words else "")


def _hit(row: Sequence[Any], snippet: str) -> ScopedHit:
    return ScopedHit(
        lesson_id=None, uuid=row[1], call_id=None, title=row[2], account_name=row[3] or "",
        outcome=row[4], when=date.fromisoformat(str(row[5])[:10]),
        causes=tuple(row[7].split(SEPARATOR)) if row[7] else (), snippet=snippet,
        score=-float(row[8]) * LESSON_WEIGHT, seller=row[6],
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
