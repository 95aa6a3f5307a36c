"""Rotating backups through SQLite's online backup API (a file copy could miss WAL pages).

A backup counts only once `PRAGMA quick_check` passed on the copy: a damaged notebook is never
copied over good backups. Names carry the UTC time, so their order survives DST and travel.
"""

from __future__ import annotations

import os
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sales_notebook.paths import DataPaths
from sales_notebook.store.errors import DamagedNotebook, StorageError, classify, storage_errors
from sales_notebook.store.sqlite_file import fsync_path, open_read_only, quick_check
from sales_notebook.store.sqlite_lib import sqlite3

KEEP_BACKUPS = 10
AUTOMATIC_EVERY = timedelta(days=1)
_STAMP = "%Y%m%dT%H%M%S.%fZ"
_NAMED = re.compile(r"notebook-(\d{8}T\d{6}\.\d{6}Z|\d{8}-\d{6}-\d{6})-.+\.db")


def backup_database(paths: DataPaths, reason: str = "manual", keep: int = KEEP_BACKUPS) -> Path:
    """Write a checked copy of the notebook into the backups folder; keep the newest `keep`."""
    with storage_errors(paths.database):
        paths.backups.mkdir(parents=True, exist_ok=True, mode=0o700)
        _forget_cut_short(paths)
        target = paths.backups / backup_name(datetime.now(UTC), reason)
        # Written under another name and renamed when complete and checked: a backup cut
        # short (the app quit, the disk filled) or copied from a damaged notebook must never
        # be taken for the newest good one, nor push a good one out of the rotation.
        partial = target.with_name(target.name + ".partial")
        try:
            _copy_checked(paths.database, partial)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        os.replace(partial, target)
        for old in list_backups(paths)[keep:]:
            old.unlink(missing_ok=True)
    return target


def backup_name(when: datetime, reason: str) -> str:
    """A backup's file name: the UTC time it was taken (to the microsecond), then why."""
    return f"notebook-{when.astimezone(UTC).strftime(_STAMP)}-{reason}.db"


def _copy_checked(source_path: Path, dest_path: Path) -> None:
    source = open_read_only(source_path)
    try:
        dest = sqlite3.connect(dest_path)
        try:
            _backup(source, dest)
            problems = _problems(dest)
            if not problems:
                dest.execute("PRAGMA journal_mode=DELETE")  # a lone file, no -wal beside it
        finally:
            dest.close()
    finally:
        source.close()
    if problems:
        raise DamagedNotebook(
            f"quick_check: {'; '.join(problems[:3])}. No backup was written from it, and the "
            "earlier backups are untouched",
            source_path,
        )
    os.chmod(dest_path, 0o600)
    fsync_path(dest_path)


# pysqlite3's Connection.backup() (store/sqlite_lib.py) raises with SQLite's text for the result
# code (sqlite3_errstr) and no code, where Python's own sets the code: these texts stand for it.
_CODE_BY_ERRSTR = {
    "database is locked": sqlite3.SQLITE_BUSY,
    "database table is locked": sqlite3.SQLITE_LOCKED,
    "attempt to write a readonly database": sqlite3.SQLITE_READONLY,
    "disk I/O error": sqlite3.SQLITE_IOERR,
    "database disk image is malformed": sqlite3.SQLITE_CORRUPT,
    "database or disk is full": sqlite3.SQLITE_FULL,
    "unable to open database file": sqlite3.SQLITE_CANTOPEN,
    "file is not a database": sqlite3.SQLITE_NOTADB,
}


def _backup(source: sqlite3.Connection, dest: sqlite3.Connection) -> None:
    """`source.backup(dest)`, its error carrying SQLite's code whichever library raised it."""
    try:
        source.backup(dest)
    except sqlite3.Error as exc:
        if getattr(exc, "sqlite_errorcode", None) is None and str(exc) in _CODE_BY_ERRSTR:
            exc.sqlite_errorcode = _CODE_BY_ERRSTR[str(exc)]
        raise


def _problems(conn: sqlite3.Connection) -> list[str]:
    try:
        return quick_check(conn)
    except sqlite3.DatabaseError as exc:  # damage bad enough to stop the check itself
        known = classify(exc)
        if isinstance(known, StorageError) and known.damage:
            return [str(exc)]
        raise


def _forget_cut_short(paths: DataPaths, older_than: timedelta = timedelta(hours=1)) -> None:
    # Left by a backup that was killed mid-way; an hour old, it is not one still being written.
    for partial in paths.backups.glob("notebook-*.db.partial"):
        if datetime.now() - datetime.fromtimestamp(partial.stat().st_mtime) > older_than:
            partial.unlink(missing_ok=True)


def backup_if_due(paths: DataPaths, every: timedelta = AUTOMATIC_EVERY) -> Path | None:
    """The automatic backup: one when the newest is older than `every` (or there is none)."""
    newest = list_backups(paths)[:1]
    if newest:
        age = datetime.now() - datetime.fromtimestamp(newest[0].stat().st_mtime)
        if age < every:
            return None
    return backup_database(paths, reason="daily")


def taken_at(backup: Path) -> datetime:
    """When a backup was taken (UTC), from its name; older versions named them in local time."""
    match = _NAMED.fullmatch(backup.name)
    if match is None:
        return datetime.fromtimestamp(backup.stat().st_mtime, UTC)
    stamp = match.group(1)
    if stamp.endswith("Z"):
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    return datetime.strptime(stamp, "%Y%m%d-%H%M%S-%f").astimezone(UTC)


def list_backups(paths: DataPaths) -> list[Path]:
    """Backups, newest first."""
    if not paths.backups.is_dir():
        return []
    return sorted(paths.backups.glob("notebook-*.db"), key=taken_at, reverse=True)


def newest_good_backup(paths: DataPaths) -> Path | None:
    """The newest backup that passes quick_check (older versions kept unchecked ones)."""
    for backup in list_backups(paths):
        try:
            conn = open_read_only(backup)
            try:
                if not quick_check(conn):
                    return backup
            finally:
                conn.close()
        except sqlite3.Error:
            continue
    return None


def restore_backup(paths: DataPaths, backup: Path) -> Path | None:
    """Put `backup` in place of the notebook, all or nothing; returns where the old file went.

    The backup is copied and checked beside the notebook first; only then is the damaged
    file moved aside (never deleted) and the copy renamed into place. A failure on the way
    (a full disk) leaves the notebook exactly as it was.
    """
    db = paths.database
    incoming = db.with_name(db.name + ".restoring")
    with storage_errors(db):
        try:
            _copy_checked(backup, incoming)
        except BaseException:
            incoming.unlink(missing_ok=True)
            raise
        aside = None
        if db.exists():
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            aside = db.with_name(f"notebook-damaged-{stamp}.db")
            db.rename(aside)
        for suffix in ("-wal", "-shm"):
            side = db.with_name(db.name + suffix)
            if side.exists() and aside is not None:
                side.rename(aside.with_name(aside.name + suffix))
            else:
                side.unlink(missing_ok=True)
        os.replace(incoming, db)
        fsync_path(db.parent)
    return aside
