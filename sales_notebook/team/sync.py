"""Sync with the team server: push the outbox, then pull what changed into the local cache.

Push. The outbox is read, each lesson's last change kept, and sent in one server
transaction. A change is dated on the server's clock: its local time corrected by the gap
between this machine's clock and the server's, measured at the push, and never later than
the server's now. The server keeps the newer change of a lesson (a publish older than an
unpublish is dropped, and the other way round), so two machines of the same seller agree,
whatever order they push in. Only once the server has committed are the sent entries
dropped from the outbox: a sync killed in between sends them again, which changes nothing.

Pull. In one REPEATABLE READ transaction: the snapshot's xmin becomes the next cursor, and
every lesson and tombstone written by a transaction at or after the previous cursor is read
(see migrations/team). Rows are written to the cache in batches, each its own short
notebook transaction, so the notebook's own writes (autosave) never wait long.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import DBAPIError

from sales_notebook.store.database import Database
from sales_notebook.store.lessons import LessonsService
from sales_notebook.store.models import Lesson
from sales_notebook.store.team_models import TeamShare
from sales_notebook.team.cache import cache_transaction, write_cache, write_rows
from sales_notebook.team.local import PUBLISH, OutboxItem, TeamLocal, now_text
from sales_notebook.team.server import TeamError, connected, make_engine, team_error
from sales_notebook.team.shared import SharedLesson, shared_lesson

BATCH = 5000

UPSERT = text(
    "INSERT INTO team.lesson (uuid, title, outcome, what_happened, do_differently, "
    "account_name, lesson_date, causes, changed_at) "
    "SELECT CAST(:uuid AS uuid), :title, :outcome, :what_happened, :do_differently, "
    ":account_name, :lesson_date, CAST(:causes AS jsonb), :stamp "
    "WHERE NOT EXISTS (SELECT 1 FROM team.tombstone t "
    "WHERE t.uuid = CAST(:uuid AS uuid) AND t.changed_at >= :stamp) "
    "ON CONFLICT (uuid) DO UPDATE SET title = excluded.title, outcome = excluded.outcome, "
    "what_happened = excluded.what_happened, do_differently = excluded.do_differently, "
    "account_name = excluded.account_name, lesson_date = excluded.lesson_date, "
    "causes = excluded.causes, changed_at = excluded.changed_at "
    "WHERE team.lesson.changed_at < excluded.changed_at"
)
REMOVE = text(
    "WITH s AS (SELECT set_config('team.stamp', CAST(:stamp AS text), true)) "
    "DELETE FROM team.lesson WHERE uuid = CAST(:uuid AS uuid) AND changed_at <= :stamp "
    "AND EXISTS (SELECT 1 FROM s)"
)
# The causes come as JSON text, with their evidence already joined by the server: SQLite's
# json_each unpacks them, so no lesson's JSON is parsed in Python.
# Oldest first, so that the cache's rowids follow the lessons' dates: team search, like the
# library's, ranks the newest matches (see team/search.py).
PULL_ORDER = " ORDER BY l.lesson_date, l.uuid"
PULL_LESSONS = (
    "SELECT l.uuid::text, l.author, coalesce(s.display_name, l.author), l.title, l.outcome, "
    "l.what_happened, l.do_differently, l.account_name, l.lesson_date, l.causes::text, "
    "l.changed_at, coalesce((SELECT string_agg(e->>'evidence', E'\\n') "
    "FROM jsonb_array_elements(l.causes) e WHERE e->>'evidence' <> ''), '') "
    "FROM team.lesson l LEFT JOIN team.seller s ON s.role = l.author"
)


@dataclass
class _Pulled:
    """What a pull read: rows still to write (an incremental pull), how many a first pull
    already wrote, the unpublished lessons' UUIDs and the sync state to keep."""

    rows: list[Sequence[Any]] = field(default_factory=list)
    written: int = 0
    gone: list[str] = field(default_factory=list)
    state: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SyncResult:
    pushed: int
    pulled: int
    removed: int
    seconds: float
    # Sent and received, but something to tell: lessons the server refused as another's.
    problem: str | None = None


class TeamSync:
    """Push and pull for one notebook; `password` (from a GUI prompt) is kept in memory only."""

    def __init__(self, db: Database, url: str | None = None, password: str | None = None):
        self._db = db
        self.local = TeamLocal(db)
        self._url = url
        self._password = password
        self._engine_cache: Engine | None = None
        self._engine_for: tuple[str, str | None] | None = None

    @property
    def url(self) -> str:
        url = self._url or self.local.get("url")
        if not url:
            raise TeamError("This notebook has joined no team: run `team join URL` first.")
        return url

    def _engine(self) -> Engine:
        # Kept for this object's life: SQLAlchemy asks a new engine's first connection a few
        # questions about the server, round trips an incremental sync need not pay each time.
        # NullPool: no connection stays open between syncs.
        url = self.url
        if self._engine_for != (url, self._password):
            self.close()
            self._engine_cache = make_engine(url, self._password)
            self._engine_for = (url, self._password)
        assert self._engine_cache is not None
        return self._engine_cache

    def close(self) -> None:
        if self._engine_cache is not None:
            self._engine_cache.dispose()
        self._engine_cache = None
        self._engine_for = None

    def sync(self) -> SyncResult:
        """Push the outbox, then pull; records the time, or the error, for `team status`."""
        start = time.perf_counter()
        engine = self._engine()
        self._problem: str | None = None
        try:
            pushed = self._push(engine)
            pulled = self._pull(engine)
        except TeamError as exc:
            self.local.put(last_error=str(exc))
            raise
        # What changed, what was unpublished, the new cursor and the sync's time: one commit.
        state = {**pulled.state, "last_sync": now_text()}
        with cache_transaction(self._db) as conn:
            write_rows(conn, pulled.rows)
            removed = 0
            if pulled.gone:
                removed = int(
                    conn.exec_driver_sql(
                        "DELETE FROM team_lesson WHERE uuid = ?", [(u,) for u in pulled.gone]
                    ).rowcount
                )
            conn.exec_driver_sql(
                "INSERT INTO team_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                list(state.items()),
            )
            if self._problem:
                conn.exec_driver_sql(
                    "INSERT OR REPLACE INTO team_state (key, value) VALUES ('last_error', ?)",
                    (self._problem,),
                )
            else:
                conn.exec_driver_sql("DELETE FROM team_state WHERE key = 'last_error'")
        count = pulled.written + len(pulled.rows)
        return SyncResult(pushed, count, removed, time.perf_counter() - start, self._problem)

    def _push(self, engine: Engine) -> int:
        items = self.local.outbox()
        if not items:
            return 0
        latest: dict[str, OutboxItem] = {}
        for item in items:
            latest[item.lesson_uuid] = item
        lessons = self._shared(list(latest))
        refused: list[str] = []
        try:
            with engine.begin() as conn:
                self._send(conn, list(latest.values()), lessons, refused=None)
        except DBAPIError as exc:
            if not _refused(exc):
                raise team_error("Cannot send to the team server", exc) from exc
            # A lesson the server says is another seller's (its UUID came from their
            # notebook): send the others, each in a savepoint, and say which were refused.
            with connected(engine, "Cannot send to the team server") as conn:
                self._send(conn, list(latest.values()), lessons, refused=refused)
        self.local.forget_sent(items[-1].id)
        if refused:
            titles = ", ".join(f"“{lessons[u].title}”" for u in refused if u in lessons)
            self._problem = (
                f"The server refused {len(refused)} lesson(s) as another seller's: {titles}. "
                "The others were sent."
            )
        return len(latest) - len(refused)

    def _send(
        self,
        conn: Connection,
        items: list[OutboxItem],
        lessons: dict[str, SharedLesson],
        refused: list[str] | None,
    ) -> None:
        server_now = conn.execute(text("SELECT clock_timestamp()")).scalar_one()
        offset = server_now - datetime.now(UTC)
        for item in items:
            stamp = min(item.queued_at + offset, server_now)
            lesson = lessons.get(item.lesson_uuid)
            if item.action == PUBLISH and lesson is None:
                continue  # unpublished or deleted since; its own unpublish follows
            statement, params = (
                (UPSERT, {**lesson.params(), "stamp": stamp})
                if lesson is not None and item.action == PUBLISH
                else (REMOVE, {"uuid": item.lesson_uuid, "stamp": stamp})
            )
            if refused is None:
                conn.execute(statement, params)
                continue
            try:
                with conn.begin_nested():
                    conn.execute(statement, params)
            except DBAPIError as exc:
                if not _refused(exc):
                    raise
                refused.append(item.lesson_uuid)

    def _shared(self, uuids: Sequence[str]) -> dict[str, SharedLesson]:
        """The shareable part of each of these lessons that is still shared."""
        with self._db.session() as s:
            rows = s.execute(
                select(Lesson.id, Lesson.uuid, TeamShare.share_account)
                .join(TeamShare, TeamShare.lesson_id == Lesson.id)
                .where(Lesson.uuid.in_(uuids))
            ).all()
        service = LessonsService(self._db)
        found = {}
        for lesson_id, uuid, share_account in rows:
            row = service.get(lesson_id)
            if row is not None:
                found[uuid] = shared_lesson(row, uuid, share_account)
        return found

    def _pull(self, engine: Engine) -> _Pulled:
        cursor = self.local.get("cursor")
        since = "" if cursor is None else " WHERE l.txid >= CAST(:c AS xid8)"
        bulk = cursor is None
        pulled = _Pulled()
        try:
            snapshot = engine.connect().execution_options(isolation_level="REPEATABLE READ")
            with snapshot as conn, conn.begin():
                # Who this is, the next cursor and the unpublished lessons in one round trip:
                # the snapshot is the transaction's, whichever statement reads it.
                gone = "SELECT uuid::text FROM team.tombstone"
                if cursor is not None:
                    gone += " WHERE txid >= CAST(:c AS xid8)"
                me, me_name, new_cursor, gone_uuids = conn.execute(
                    text(
                        "SELECT current_user, (SELECT display_name FROM team.seller "
                        "WHERE role = current_user), "
                        f"pg_snapshot_xmin(pg_current_snapshot())::text, ARRAY({gone})"
                    ),
                    {"c": cursor},
                ).one()
                pulled.gone = list(gone_uuids)
                query = text(PULL_LESSONS + since + PULL_ORDER)
                if bulk:
                    # A first pull streams through a server-side cursor, a batch per commit.
                    self.local.put(bulk_load="1")
                    result = conn.execution_options(yield_per=BATCH).execute(query)
                    for batch in result.partitions(BATCH):
                        write_cache(self._db, batch, fresh=True)
                        pulled.written += len(batch)
                else:
                    pulled.rows = list(conn.execute(query, {"c": cursor}).all())
        except DBAPIError as exc:
            raise team_error("Cannot read the team's lessons", exc) from exc
        finally:
            if bulk:
                self._reindex()
        pulled.state = {"cursor": str(new_cursor), "me": str(me), "me_name": str(me_name or me)}
        return pulled

    def _reindex(self) -> None:
        """End a first pull: index the whole cache at once and wake the triggers again.

        Also after a failed first pull, so the index always matches what was cached."""
        with self._db.session() as s:
            conn = s.connection()
            conn.exec_driver_sql("INSERT INTO fts_team_lesson(fts_team_lesson) VALUES ('rebuild')")
            conn.exec_driver_sql("DELETE FROM team_state WHERE key = 'bulk_load'")


def _refused(exc: DBAPIError) -> bool:
    """Row-level security or a missing privilege refused the statement (SQLSTATE 42501)."""
    return getattr(exc.orig, "sqlstate", None) == "42501"
