"""Ranking and snippets on any FTS5 table, by table name (the lessons index, a team cache …).

`ranked()` is the exact answer: every match sorted by its rank (bm25 with the table's
weights), equal ranks newest first, and the best kept. `ranked_newest()` is the fast first
answer for a very common word: it ranks only the newest `candidates` matches of each side of
the rowid range, and says whether that was every match (then it is the exact answer too).
Snippets are asked for the rows shown only: a snippet costs far more than a rank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection

# Snippets mark the matched words with these; the UI turns them into bold, the CLI into [ ].
MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 14

# Which rowids: all, the positive ones or the negative ones (one index can hold two kinds).
Side = Literal["all", "positive", "negative"]
_SIDE_SQL = {"all": "", "positive": " AND rowid > 0", "negative": " AND rowid < 0"}
# Equal scores, newest first (a lesson's and a call's id are told apart by sign): pages of
# one search then follow each other without repeats or gaps.
TIES = "abs(rowid) DESC, rowid"


@dataclass(frozen=True)
class Ranked:
    rowid: int
    score: float  # higher is better: -rank


def ranked(
    conn: Connection,
    table: str,
    match: str,
    limit: int,
    offset: int = 0,
    side: Side = "all",
    where: str = "",
    where_args: Sequence[object] = (),
) -> list[Ranked]:
    """The best `limit` matches after `offset`, in exact rank order.

    `where` is an extra SQL condition on `rowid` (filters that are not in the index), with
    its `?` filled from `where_args`.
    """
    sql = (
        f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ?{_SIDE_SQL[side]}"
        f"{' AND ' + where if where else ''} ORDER BY rank, {TIES} LIMIT ? OFFSET ?"
    )
    rows = conn.exec_driver_sql(sql, (match, *where_args, limit, offset)).all()
    return [Ranked(int(r[0]), -float(r[1])) for r in rows]


def ranked_newest(
    conn: Connection, table: str, match: str, limit: int, candidates: int, side: Side
) -> tuple[list[Ranked], bool]:
    """The best `limit` of the newest `candidates` matches of one side, and whether those
    were all its matches (the answer is then exact).

    Newest is the highest rowid on the positive side and the lowest on the negative side.
    FTS5 stops early in rowid order, so this costs `candidates` ranks however common the word.
    """
    order = "DESC" if side == "positive" else "ASC"
    sql = (
        f"WITH c AS MATERIALIZED (SELECT rowid AS id, rank FROM {table} WHERE {table} MATCH ?"
        f"{_SIDE_SQL[side]} ORDER BY rowid {order} LIMIT ?) "
        "SELECT id, rank, (SELECT count(*) FROM c) FROM c ORDER BY rank, "
        f"{TIES.replace('rowid', 'id')} LIMIT ?"
    )
    rows = conn.exec_driver_sql(sql, (match, candidates, limit)).all()
    complete = not rows or int(rows[0][2]) < candidates
    return [Ranked(int(r[0]), -float(r[1])) for r in rows], complete


def snippets(conn: Connection, table: str, match: str, rowids: Sequence[int]) -> dict[int, str]:
    """A snippet of each row's best column, with the matched words between the marks.

    The rows are kept by a plain filter (`+rowid IN`) over the matches between the lowest and
    highest rowid asked for, on each side: `rowid IN` alone would have FTS5 run the whole
    query once per row (1-2 ms each).
    """
    out: dict[int, str] = {}
    for side in ([r for r in rowids if r > 0], [r for r in rowids if r < 0]):
        if not side:
            continue
        marks = ", ".join("?" * len(side))
        sql = (
            f"SELECT rowid, snippet({table}, -1, ?, ?, ?, ?) FROM {table} WHERE {table} MATCH ? "
            f"AND rowid BETWEEN ? AND ? AND +rowid IN ({marks})"
        )
        args = (MARK_START, MARK_END, ELLIPSIS, SNIPPET_TOKENS, match, min(side), max(side))
        out.update((int(r[0]), str(r[1] or "")) for r in conn.exec_driver_sql(sql, (*args, *side)))
    return out
