"""The automatic backup: once a day, never a half-written file taken for a good one."""

from __future__ import annotations

import os
import time
from datetime import timedelta

from sales_notebook.store.backup import backup_database, backup_if_due, list_backups
from sales_notebook.store.sqlite_lib import sqlite3


def test_a_daily_backup_is_taken_when_the_newest_is_a_day_old(services, paths) -> None:
    services.accounts.add("Kept safe")
    first = backup_if_due(paths)
    assert first is not None and first.name.endswith("-daily.db")
    assert backup_if_due(paths) is None  # the newest is minutes old
    old = time.time() - 25 * 3600
    os.utime(first, (old, old))
    second = backup_if_due(paths)
    assert second is not None and list_backups(paths)[0] == second
    con = sqlite3.connect(second)
    assert con.execute("SELECT name FROM account").fetchall() == [("Kept safe",)]
    con.close()
    assert backup_if_due(paths, every=timedelta(0)) is not None


def test_a_backup_cut_short_is_never_listed_and_is_cleared_later(services, paths) -> None:
    good = backup_database(paths)
    paths.backups.mkdir(exist_ok=True)
    cut = paths.backups / "notebook-29991231-235959-000000-daily.db.partial"
    cut.write_bytes(b"SQLite format 3\x00 and then the process was killed")
    assert list_backups(paths) == [good]  # "Open newest backup" can never pick it
    backup_database(paths)
    assert cut.exists()  # fresh: it may still be being written
    old = time.time() - 2 * 3600
    os.utime(cut, (old, old))
    backup_database(paths)
    assert not cut.exists()
    assert not list(paths.backups.glob("*.partial"))
