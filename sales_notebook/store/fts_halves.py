"""Exact ranking of a large index on two cores: its rowids cut in two halves, each half ranked
on its own connection at the same time, and the two best lists merged. The snippets of the
rows shown are read the same way, half on each connection.

Exact bm25 costs about 2 µs a match (store/fts.py), so a word in every one of a heavy seller's
16,500 documents takes some 30 ms on one core. bm25's statistics (how many rows, how many hold
each word, their average length) are the whole index's whichever rows a query keeps, so a half
scores each row exactly as the whole query would; the best `offset + limit` of each half hold
the best `offset + limit` of all, and merged in the index's order (rank, then newest first) they
are the exact answer, ties included.

Each half reads its own snapshot of the file. Both read the index's totals record (row count and
token counts, rewritten by every change to the index) in the same statement as their ranking;
when the two differ, a save came between them, and the caller ranks on one connection instead.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from sqlalchemy import Connection, Engine

from sales_notebook.store import fts
from sales_notebook.store.fts import SIDE_SQL, TIES, Ranked, Side

_A = TypeVar("_A")
_B = TypeVar("_B")

# Below this many documents on the side searched, one connection ranks them in a few
# milliseconds and a second one would cost more than it saves.
SPLIT_AT = 4_000
# Below this many rows, their snippets (0.05-0.2 ms each) are read on one connection.
SNIPPETS_SPLIT_AT = 16
# FTS5's record of the index's totals (FTS5_AVERAGES_ROWID in its source).
_TOTALS_ID = 1

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def cut(side: Side, lessons: int, calls: int) -> int | None:
    """The rowid that cuts the side searched in two halves of about as many documents
    (lessons are rowid 1..`lessons`, calls -1..-`calls`), or None when one connection is the
    better way: a small index or a single core."""
    count = {"all": lessons + calls, "positive": lessons, "negative": calls}[side]
    if count < SPLIT_AT or cores() < 2:
        return None
    if side == "positive":
        return lessons // 2 + 1
    if side == "negative":
        return -(calls // 2)
    return (lessons + calls) // 2 - calls  # rows below it: the oldest half of the calls' range


def ranked_in_halves(
    here: Connection,
    engine: Engine,
    table: str,
    match: str,
    limit: int,
    offset: int,
    side: Side,
    at: int,
) -> list[Ranked] | None:
    """The best `limit` matches after `offset` in exact rank order, the rows below `at`
    ranked on a second connection of `engine` while `here` ranks the others; None when the
    two read different states of the index (rank again on one connection)."""
    keep = limit + offset
    (mine, totals), (theirs, their_totals) = at_once(
        here,
        engine,
        lambda conn: _half(conn, table, match, keep, side, ">=", at),
        lambda conn: _half(conn, table, match, keep, side, "<", at),
    )
    if mine and theirs and totals != their_totals:
        return None
    merged = sorted(mine + theirs, key=lambda r: (-r.score, -abs(r.rowid), r.rowid))
    return merged[offset : offset + limit]


def snippets_in_halves(
    here: Connection, engine: Engine, table: str, match: str, rowids: Sequence[int], flag: str
) -> dict[int, tuple[str, bool]]:
    """`fts.flagged_snippets` of many rows, half of them on a second connection at once."""
    if len(rowids) < SNIPPETS_SPLIT_AT or cores() < 2:
        return fts.flagged_snippets(here, table, match, rowids, flag)
    ordered = sorted(rowids)
    middle = len(ordered) // 2
    mine, theirs = at_once(
        here,
        engine,
        lambda conn: fts.flagged_snippets(conn, table, match, ordered[middle:], flag),
        lambda conn: fts.flagged_snippets(conn, table, match, ordered[:middle], flag),
    )
    return mine | theirs


def at_once(
    here: Connection,
    engine: Engine,
    mine: Callable[[Connection], _A],
    theirs: Callable[[Connection], _B],
) -> tuple[_A, _B]:
    """`mine` on `here` while `theirs` runs on another connection of `engine` in the search
    thread. An error of either is raised (ours when both fail, once the other has finished:
    its connection is back in the pool before we raise)."""
    other = _pool().submit(_elsewhere, engine, theirs)
    try:
        ours = mine(here)
    except BaseException:
        other.exception()
        raise
    return ours, other.result()


def _elsewhere(engine: Engine, work: Callable[[Connection], _B]) -> _B:
    with engine.connect() as conn:
        return work(conn)


def _half(
    conn: Connection, table: str, match: str, keep: int, side: Side, op: str, at: int
) -> tuple[list[Ranked], bytes | None]:
    """The best `keep` rows with rowid `op` `at`, and the totals record they were ranked on."""
    sql = (
        f"SELECT rowid, rank, (SELECT block FROM {table}_data WHERE id = {_TOTALS_ID}) "
        f"FROM {table} WHERE {table} MATCH ?{SIDE_SQL[side]} AND rowid {op} ? "
        f"ORDER BY rank, {TIES} LIMIT ?"
    )
    rows = conn.exec_driver_sql(sql, (match, at, keep)).all()
    totals = bytes(rows[0][2]) if rows else None
    return [Ranked(int(r[0]), -float(r[1])) for r in rows], totals


def _pool() -> ThreadPoolExecutor:
    """One thread for the second halves, started on first use (searches are one at a time
    per pane; a second search at once waits for the thread, never for a wrong answer)."""
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-half")
        return _executor
