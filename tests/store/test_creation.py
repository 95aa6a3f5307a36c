"""Creating a notebook is all-or-nothing: a full disk or two first starts at once never leave
a half-built schema, and one left by an older version is set aside with a message."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import event

from sales_notebook.paths import DataPaths
from sales_notebook.store import database
from sales_notebook.store.errors import DiskFull
from sales_notebook.store.integrity import check_notebook
from sales_notebook.store.migrate import HEAD_REVISION, prepare, stored_revision
from sales_notebook.store.sqlite_lib import sqlite3

START_AT = """
import sys, time, pathlib
from sales_notebook.paths import DataPaths
from sales_notebook.store.migrate import prepare
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
prepare(DataPaths(pathlib.Path(sys.argv[1])))
print("ready")
"""


@pytest.mark.parametrize("trial", range(1))
def test_first_starts_at_once_all_get_one_whole_notebook(tmp_path: Path, trial: int) -> None:
    root = tmp_path / f"data{trial}"
    start = time.time() + 2.5  # every process is past its imports by then
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", START_AT, str(root), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(5)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 5, [err for _, err in results]
    assert all(out.strip() == "ready" for out, _ in results)
    assert not list(root.glob(".notebook-new-*"))  # no temp file left
    assert check_notebook(DataPaths(root)) == []


def test_a_full_disk_while_creating_leaves_no_notebook(paths: DataPaths, monkeypatch) -> None:
    real = database.make_engine

    def tiny_disk(path: Path):  # the disk fills after 8 pages: SQLite's own SQLITE_FULL
        engine = real(path)
        event.listen(engine, "connect", lambda con, _r: con.execute("PRAGMA max_page_count=8"))
        return engine

    monkeypatch.setattr(database, "make_engine", tiny_disk)
    with pytest.raises(DiskFull, match="disk is full"):
        prepare(paths)
    assert not paths.database.exists()  # no half-built notebook
    assert not list(paths.root.glob(".notebook-new-*"))  # and no temp file
    monkeypatch.setattr(database, "make_engine", real)
    prepare(paths)  # once there is room, the next start makes it whole
    assert stored_revision(paths.database) == HEAD_REVISION


def half_built(paths: DataPaths) -> None:
    """What an older version left when a first start died: the first tables, no revision."""
    paths.ensure()
    con = sqlite3.connect(paths.database)
    con.executescript(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY);"
        "CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT);"
        "CREATE TABLE root_cause (id TEXT PRIMARY KEY);"
        "INSERT INTO root_cause VALUES ('no-budget');"
    )
    con.close()


def test_a_half_built_notebook_is_set_aside_and_made_anew(paths: DataPaths, capsys) -> None:
    half_built(paths)
    before = paths.database.read_bytes()
    prepare(paths)
    assert stored_revision(paths.database) == HEAD_REVISION
    aside = list(paths.root.glob("notebook-unfinished-*Z.db"))
    assert len(aside) == 1 and aside[0].read_bytes() == before
    err = capsys.readouterr().err
    assert "was never finished" in err and str(aside[0]) in err


def test_a_half_built_notebook_with_data_is_refused_untouched(paths: DataPaths) -> None:
    half_built(paths)
    con = sqlite3.connect(paths.database)
    con.execute("INSERT INTO account (name) VALUES ('Real customer')")
    con.commit()
    con.close()
    before = paths.database.read_bytes()
    with pytest.raises(Exception, match="not a Sales Notebook file"):
        prepare(paths)
    assert paths.database.read_bytes() == before
