"""Ranking and snippets on any FTS5 table, by table name (the lessons index, a team cache …).

`ranked()` is the exact answer: every match sorted by its rank (bm25 with the table's
weights), equal ranks newest first, and the best kept. Its cost grows with the matches of
every word in the query, not with the rows kept: bm25 first counts the rows holding each word
(one pass over each word's list), then ranks every match (about 15-45 µs each).

`newest()` is what a fast first answer can afford on a large notebook: the newest matches of
one side of the rowid range, unranked. FTS5 walks a MATCH in rowid order and stops at the
LIMIT, so it costs well under a millisecond however common the word. `at_most()` counts a
term's matches up to a bound, as cheaply: it tells whether ranking them all is cheap too.
Snippets are asked for the rows shown only: a snippet costs far more than a rank.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection

from sales_notebook.core.search_query import Term, has_cjk

# Snippets mark the matched words with these; the UI turns them into bold, the CLI into [ ].
MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 14

# Walking the matches around the rows asked for beats looking each row up while there are at
# most this many matches a row (a walk costs well under a microsecond a match).
WALK_PER_ROW = 40
# Which rowids: all, the positive ones or the negative ones (one index can hold two kinds).
Side = Literal["all", "positive", "negative"]
SIDE_SQL = {"all": "", "positive": " AND rowid > 0", "negative": " AND rowid < 0"}
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
        f"SELECT rowid, rank FROM {table} WHERE {table} MATCH ?{SIDE_SQL[side]}"
        f"{' AND ' + where if where else ''} ORDER BY rank, {TIES} LIMIT ? OFFSET ?"
    )
    rows = conn.exec_driver_sql(sql, (match, *where_args, limit, offset)).all()
    return [Ranked(int(r[0]), -float(r[1])) for r in rows]


def newest(conn: Connection, table: str, match: str, limit: int, side: Side) -> list[int]:
    """The rowids of the newest `limit` matches of one side, unranked.

    Newest is the highest rowid on the positive side and the lowest on the negative side.
    """
    order = "DESC" if side == "positive" else "ASC"
    sql = (
        f"SELECT rowid FROM {table} WHERE {table} MATCH ?{SIDE_SQL[side]} "
        f"ORDER BY rowid {order} LIMIT ?"
    )
    return [int(r[0]) for r in conn.exec_driver_sql(sql, (match, limit))]


def ranked_newest(
    conn: Connection, table: str, match: str, limit: int, candidates: int, side: Side
) -> tuple[list[Ranked], bool]:
    """The best `limit` of the newest `candidates` matches of one side, and whether those
    were all its matches (the answer is then exact). Used by the team cache's first answer.

    It pays bm25's count of every match of each word (see the module docstring): cheap on a
    cache of a few thousand lessons, not on a 300,000-document notebook (65-180 ms a side).
    """
    order = "DESC" if side == "positive" else "ASC"
    sql = (
        f"WITH c AS MATERIALIZED (SELECT rowid AS id, rank FROM {table} WHERE {table} MATCH ?"
        f"{SIDE_SQL[side]} ORDER BY rowid {order} LIMIT ?) "
        "SELECT id, rank, (SELECT count(*) FROM c) FROM c ORDER BY rank, "
        f"{TIES.replace('rowid', 'id')} LIMIT ?"
    )
    rows = conn.exec_driver_sql(sql, (match, candidates, limit)).all()
    complete = not rows or int(rows[0][2]) < candidates
    return [Ranked(int(r[0]), -float(r[1])) for r in rows], complete


def at_most(conn: Connection, table: str, match: str, bound: int) -> int:
    """How many rows match, counted up to `bound` (a larger count reads as `bound`)."""
    sql = (
        f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? "
        "ORDER BY rowid DESC LIMIT ?)"
    )
    return int(conn.exec_driver_sql(sql, (match, bound)).one()[0])


def snippets(conn: Connection, table: str, match: str, rowids: Sequence[int]) -> dict[int, str]:
    """A snippet of each row's best column, with the matched words between the marks."""
    return {r: text for r, (text, _flag) in flagged_snippets(conn, table, match, rowids).items()}


def flagged_snippets(
    conn: Connection, table: str, match: str, rowids: Sequence[int], flag: str = "0"
) -> dict[int, tuple[str, bool]]:
    """A snippet of each row's best column, with the matched words between the marks, and
    `flag`, an SQL condition on the row's columns (read with the snippet's text, for free).

    FTS5 finds the rows either by walking the matches between the lowest and highest rowid
    asked for, on each side, and keeping them by a plain filter (`+rowid IN`), or by looking
    each row up (`rowid IN`: a seek in each of the index's segments, a fraction of a
    millisecond a row). The walk is far cheaper when the rows asked for are most of the
    matches in their range (a first answer's newest rows); otherwise it could walk the
    whole index (an exact page of a common word, or a filtered one): a cheap count of the
    matches in the range tells which.
    """
    out: dict[int, tuple[str, bool]] = {}
    for side in ([r for r in rowids if r > 0], [r for r in rowids if r < 0]):
        if not side:
            continue
        low, high = min(side), max(side)
        marks = ", ".join("?" * len(side))
        if between(conn, table, match, low, high, WALK_PER_ROW * len(side)) < (
            WALK_PER_ROW * len(side)
        ):
            rows, args = f"rowid BETWEEN ? AND ? AND +rowid IN ({marks})", (low, high, *side)
        else:
            rows, args = f"rowid IN ({marks})", tuple(side)
        sql = (
            f"SELECT rowid, snippet({table}, -1, ?, ?, ?, ?), {flag} FROM {table} "
            f"WHERE {table} MATCH ? AND {rows}"
        )
        shown = (MARK_START, MARK_END, ELLIPSIS, SNIPPET_TOKENS, match)
        for r in conn.exec_driver_sql(sql, (*shown, *args)):
            out[int(r[0])] = (str(r[1] or ""), bool(r[2]))
    return out


def between(conn: Connection, table: str, match: str, low: int, high: int, bound: int) -> int:
    """How many rows from `low` to `high` match, counted up to `bound`."""
    sql = (
        f"SELECT count(*) FROM (SELECT rowid FROM {table} WHERE {table} MATCH ? "
        "AND rowid BETWEEN ? AND ? LIMIT ?)"
    )
    return int(conn.exec_driver_sql(sql, (match, low, high, bound)).one()[0])


# Indexed tokens a CJK word stands for, at most (the most frequent first).
CJK_EXPANSION = 500


def cjk_term(conn: Connection, vocabulary: str, term: Term) -> str:
    """A term with CJK letters as every token of the index's `vocabulary` (an fts5vocab
    table) that contains it, ORed: unicode61 keeps a CJK run as one token, so a word inside
    a sentence is found through the words that hold it."""
    if not has_cjk(term.text):
        return term.fts()
    word = term.text.lower()  # as unicode61 stores it (CJK letters have no diacritics to drop)
    rows = conn.exec_driver_sql(
        f"SELECT term FROM {vocabulary} WHERE instr(term, ?) ORDER BY cnt DESC LIMIT ?",
        (word, CJK_EXPANSION),
    ).all()
    tokens = [str(r[0]) for r in rows] or [word]
    return "(" + " OR ".join('"' + t.replace('"', '""') + '"' for t in tokens) + ")"
