"""Rotating backups through SQLite's online backup API (a file copy could miss WAL pages)."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sales_notebook.paths import DataPaths

KEEP_BACKUPS = 10


def backup_database(paths: DataPaths, reason: str = "manual", keep: int = KEEP_BACKUPS) -> Path:
    """Write a consistent copy of the notebook into the backups folder; keep the newest `keep`."""
    paths.backups.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = paths.backups / f"notebook-{stamp}-{reason}.db"
    source = sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    os.chmod(target, 0o600)
    for old in list_backups(paths)[keep:]:
        old.unlink(missing_ok=True)
    return target


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
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
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
