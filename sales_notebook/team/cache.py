"""The local read-only cache of the team's lessons: writing what the server sent.

Its FTS5 index (fts_team_lesson, migrations 0007 and 0009) follows through triggers, except during a
first pull, which rebuilds it once at its end (see sync.py).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from sales_notebook.core.search_query import fold_letters
from sales_notebook.store.database import Database
from sales_notebook.store.errors import KnownError

CACHE_UPSERT = (
    "INSERT INTO team_lesson (uuid, author, seller, title, outcome, what_happened, "
    "do_differently, evidence, fold, account_name, lesson_date, changed_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO UPDATE SET "
    "author = excluded.author, seller = excluded.seller, title = excluded.title, "
    "outcome = excluded.outcome, what_happened = excluded.what_happened, "
    "do_differently = excluded.do_differently, evidence = excluded.evidence, "
    "fold = excluded.fold, "
    "account_name = excluded.account_name, lesson_date = excluded.lesson_date, "
    "changed_at = excluded.changed_at"
)
CACHE_CAUSE = (
    "INSERT INTO team_lesson_cause (lesson_id, cause_id, name, evidence, controllable, position) "
    "SELECT l.id, json_extract(j.value, '$.cause_id'), "
    "coalesce(json_extract(j.value, '$.name'), json_extract(j.value, '$.cause_id')), "
    "coalesce(json_extract(j.value, '$.evidence'), ''), "
    "coalesce(json_extract(j.value, '$.controllable'), 1), j.key "
    "FROM team_lesson l, json_each(?) j WHERE l.uuid = ? "
    "AND json_type(j.value, '$.cause_id') = 'text'"
)


def write_cache(db: Database, batch: Sequence[Sequence[Any]], fresh: bool = False) -> None:
    """Write lessons as the server sends them (PULL_LESSONS's columns) into the cache."""
    with cache_transaction(db) as conn:
        write_rows(conn, batch, fresh)


@contextmanager
def cache_transaction(db: Database) -> Iterator[Connection]:
    """A notebook transaction for the cache alone, committed without waiting for the disk.

    The notebook commits with synchronous=FULL so that a saved note survives a power cut.
    The cache can always be pulled again, and each of its commits carries its own sync
    cursor, so a power cut can only take the newest pulls back, whole (WAL keeps commits in
    order): NORMAL is enough, and spares an incremental sync its fsync. FULL is restored
    before the connection goes back to the pool."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA synchronous=NORMAL")
        conn.commit()  # SQLAlchemy began a transaction for the pragma
        try:
            with conn.begin():
                yield conn
        except OperationalError as exc:  # disk full, locked, read-only: said plainly
            raise KnownError(
                f"The team's lessons could not be saved in the notebook ({exc.orig}); "
                "the next sync tries again."
            ) from exc
        finally:
            conn.exec_driver_sql("PRAGMA synchronous=FULL")
            conn.commit()


def write_rows(conn: Connection, batch: Sequence[Sequence[Any]], fresh: bool = False) -> None:
    """The lessons of `batch` into the cache, on an open notebook transaction.

    `fresh`: a first pull, whose lessons' causes need no clearing first (a first pull cut
    short and started again replaces them)."""
    if not batch:
        return
    lessons = [
        (uuid, author, seller, title, outcome, happened, differently, evidence,
         folded((title, happened, differently, evidence)), account, day.isoformat(),
         _stored(changed))
        for (uuid, author, seller, title, outcome, happened, differently, account, day, _causes,
             changed, evidence) in batch
    ]  # fmt: skip
    causes = [(row[9], row[0]) for row in batch]
    if not fresh:
        conn.exec_driver_sql(
            "DELETE FROM team_lesson_cause WHERE lesson_id = "
            "(SELECT id FROM team_lesson WHERE uuid = ?)",
            [(row[0],) for row in lessons],
        )
    conn.exec_driver_sql(CACHE_UPSERT, lessons)
    insert = CACHE_CAUSE if not fresh else "INSERT OR REPLACE" + CACHE_CAUSE[6:]
    conn.exec_driver_sql(insert, causes)


def folded(texts: tuple[str, ...]) -> str:
    """The texts that hold ø, æ, ß, ł …, folded as the library's search folds them, one a
    line; '' when none does (most lessons: ASCII is told at once)."""
    return "\n".join(f for t in texts if t and not t.isascii() and (f := fold_letters(t)) != t)


def _stored(moment: datetime) -> str:
    """A datetime as SQLAlchemy keeps it in SQLite: naive UTC, space separated."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
