"""Rotating backups through SQLite's online backup API (a file copy could miss WAL pages)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from sales_notebook.paths import DataPaths
from sales_notebook.store.sqlite_file import open_read_only

KEEP_BACKUPS = 10
AUTOMATIC_EVERY = timedelta(days=1)


def backup_database(paths: DataPaths, reason: str = "manual", keep: int = KEEP_BACKUPS) -> Path:
    """Write a consistent copy of the notebook into the backups folder; keep the newest `keep`."""
    paths.backups.mkdir(parents=True, exist_ok=True, mode=0o700)
    _forget_cut_short(paths)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = paths.backups / f"notebook-{stamp}-{reason}.db"
    # Written under another name and renamed when complete: a backup cut short (the app
    # quit, the disk filled) must never be taken for the newest good one.
    partial = target.with_name(target.name + ".partial")
    source = open_read_only(paths.database)
    try:
        dest = sqlite3.connect(partial)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    os.chmod(partial, 0o600)
    os.replace(partial, target)
    for old in list_backups(paths)[keep:]:
        old.unlink(missing_ok=True)
    return target


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


def list_backups(paths: DataPaths) -> list[Path]:
    """Backups, newest first."""
    if not paths.backups.is_dir():
        return []
    return sorted(paths.backups.glob("notebook-*.db"), key=lambda p: p.name, reverse=True)


def restore_backup(paths: DataPaths, backup: Path) -> Path:
    """Put `backup` in place of the notebook; the damaged file is moved aside, never deleted."""
    aside = paths.database.with_name(
        f"notebook-damaged-{datetime.now().strftime('%Y%m%d-%H%M%S')}.db"
    )
    if paths.database.exists():
        paths.database.rename(aside)
    for suffix in ("-wal", "-shm"):
        side = paths.database.with_name(paths.database.name + suffix)
        if side.exists():
            side.rename(aside.with_name(aside.name + suffix))
    source = open_read_only(backup)
    try:
        dest = sqlite3.connect(paths.database)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    os.chmod(paths.database, 0o600)
    return aside
