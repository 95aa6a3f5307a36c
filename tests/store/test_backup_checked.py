"""Backups you can trust: checked before they count, named in UTC, restored all-or-nothing."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sales_notebook.cli import main
from sales_notebook.paths import DataPaths
from sales_notebook.store import backup as backups
from sales_notebook.store.backup import (
    backup_database,
    backup_name,
    list_backups,
    newest_good_backup,
    restore_backup,
    taken_at,
)
from sales_notebook.store.errors import DamagedNotebook, DiskFull
from sales_notebook.store.integrity import quick_check_notebook
from sales_notebook.store.migrate import stored_revision
from sales_notebook.store.sqlite_lib import sqlite3
from tests.store.damage import zero_a_page_of


def demo(capsys, root: Path) -> DataPaths:
    assert main(["demo", "--data-dir", str(root)]) == 0
    capsys.readouterr()
    return DataPaths(root)


def test_a_zeroed_page_is_found_and_never_replaces_good_backups(capsys, tmp_path) -> None:
    paths = demo(capsys, tmp_path / "data")
    for _ in range(10):
        assert main(["backup", "--data-dir", str(paths.root)]) == 0
    good = list_backups(paths)
    assert len(good) == 10
    zero_a_page_of(paths.database)
    assert stored_revision(paths.database)  # opening stays fast: the revision still reads
    assert quick_check_notebook(paths)  # but the background check finds the damage
    for _ in range(10):
        code = main(["backup", "--data-dir", str(paths.root)])
        assert code == 2
        err = capsys.readouterr().err
        assert "is damaged" in err and "earlier backups are untouched" in err
    assert list_backups(paths) == good
    assert not list(paths.backups.glob("*.partial"))
    assert newest_good_backup(paths) == good[0]


def test_names_are_utc_and_their_order_survives_the_end_of_summer_time(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        paths = DataPaths(tmp_path).ensure()
        paths.backups.mkdir()
        # 02:45 summer time, then 02:30 winter time 45 minutes later (25 October 2026).
        earlier = datetime(2026, 10, 25, 0, 45, tzinfo=UTC)
        later = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
        for when in (later, earlier):
            (paths.backups / backup_name(when, "daily")).write_bytes(b"")
        assert [taken_at(p) for p in list_backups(paths)] == [later, earlier]
        assert backup_name(later, "daily") == "notebook-20261025T013000.000000Z-daily.db"
        # Names of older versions (local time) still sort among them by their real time.
        (paths.backups / "notebook-20261025-033000-000000-manual.db").write_bytes(b"")
        assert [p.name.endswith("manual.db") for p in list_backups(paths)] == [
            True, False, False,
        ]  # fmt: skip
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_a_new_backup_is_named_with_the_utc_time(services, paths) -> None:
    before = datetime.now(UTC)
    taken = backup_database(paths)
    assert taken.name.endswith("Z-manual.db")
    assert before <= taken_at(taken) <= datetime.now(UTC)


def test_the_newest_good_backup_skips_a_damaged_one(capsys, tmp_path) -> None:
    paths = demo(capsys, tmp_path / "data")
    good = backup_database(paths)
    bad = backup_database(paths)
    zero_a_page_of(bad)
    assert list_backups(paths)[0] == bad and newest_good_backup(paths) == good


def _tiny_disk(monkeypatch) -> None:
    real = sqlite3.connect

    def connect(target, *args, **kwargs):  # the copy may use 3 pages: SQLite's own SQLITE_FULL
        con = real(target, *args, **kwargs)
        if str(target).endswith(".restoring"):
            con.execute("PRAGMA max_page_count = 3")
        return con

    monkeypatch.setattr(backups.sqlite3, "connect", connect)


def test_a_restore_that_fails_leaves_the_notebook_as_it_was(capsys, tmp_path, monkeypatch) -> None:
    paths = demo(capsys, tmp_path / "data")
    good = backup_database(paths)
    zero_a_page_of(paths.database)
    damaged = paths.database.read_bytes()
    _tiny_disk(monkeypatch)
    with pytest.raises(DiskFull):
        restore_backup(paths, good)
    assert paths.database.read_bytes() == damaged  # not moved, not emptied
    assert sorted(p.name for p in paths.root.glob("notebook*")) == ["notebook.db"]
    monkeypatch.undo()
    aside = restore_backup(paths, good)
    assert aside is not None and aside.read_bytes() == damaged
    assert aside.name.startswith("notebook-damaged-") and aside.name.endswith("Z.db")
    assert quick_check_notebook(paths) == []
    con = sqlite3.connect(paths.database)
    assert con.execute("SELECT count(*) FROM call").fetchone()[0] >= 15
    con.close()


def test_a_damaged_backup_is_never_restored(capsys, tmp_path) -> None:
    paths = demo(capsys, tmp_path / "data")
    bad = backup_database(paths)
    zero_a_page_of(bad)
    before = paths.database.read_bytes()
    with pytest.raises(DamagedNotebook):
        restore_backup(paths, bad)
    assert paths.database.read_bytes() == before
