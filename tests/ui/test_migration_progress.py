"""A long upgrade at start-up shows a progress window first; a quick one shows nothing."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QApplication, QProgressDialog

from sales_notebook.store.backup import list_backups
from sales_notebook.store.migrate import HEAD_REVISION, stored_revision
from sales_notebook.store.services import Services
from sales_notebook.store.sqlite_lib import sqlite3
from sales_notebook.ui.migration_progress import run_with_progress
from tests.store.test_migrations import FROZEN


def visible_progress() -> list[QProgressDialog]:
    return [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.objectName() == "migrationProgress"
        and w.isVisible()
    ]  # fmt: skip


# The real app on a real notebook of schema 0004 with this many more calls: upgrading it
# (0005's name keys, 0006's full-text rebuild, 0007) takes seconds at load, about one idle.
CALLS = 3000
WORDS = ("budget", "pilot", "rollout", "procurement", "security", "review", "timeline", "legal")
PROBE = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
import sales_notebook.ui.app as app
import sales_notebook.ui.migration_progress as progress
from sales_notebook.paths import DataPaths

progress.SHOW_AFTER_MS = 100  # shown sooner than a user's 400 ms: the test is quicker
qapp = app.make_application()
seen = []

def look():  # runs only while the GUI thread's event loop does
    for widget in QApplication.topLevelWidgets():
        name = widget.objectName()
        if widget.isVisible() and name in ("migrationProgress", "mainWindow") and name not in seen:
            seen.append(name)
            print(name, flush=True)

timer = QTimer(interval=10)
timer.timeout.connect(look)
timer.start()
sys.exit(app.run_app(DataPaths(Path(sys.argv[1]))))
"""


def old_notebook(paths, calls: int) -> None:
    """The frozen 0004 notebook, plus `calls` ended calls with notes to index."""
    paths.ensure()
    con = sqlite3.connect(paths.database)
    con.executescript((FROZEN / "0004_live_call_index.sql").read_text())
    con.close()
    con = sqlite3.connect(paths.database)  # its FTS5 tables are read from the new schema
    rng = random.Random(11)
    rows = [(f"Call {i}", " ".join(rng.choice(WORDS) for _ in range(150))) for i in range(calls)]
    rows[-1] = (rows[-1][0], rows[-1][1] + " the last one mentions Zanzibar")
    with con:
        con.executemany(
            "INSERT INTO call(account_id, title, started_at, ended_at, notes, summary) "
            "VALUES (1, ?, '2026-03-01 10:00:00', '2026-03-01 10:30:00', ?, '')",
            rows,
        )
    con.close()


def test_a_long_upgrade_shows_its_progress_window_before_the_main_window(paths) -> None:
    old_notebook(paths, CALLS)
    assert stored_revision(paths.database) == "0004_live_call_index"
    env = {**os.environ, "SALES_NOTEBOOK_QUIT_WHEN_SHOWN": "1", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(paths.root)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.split()
    # The progress window came and went while the upgrade ran off the GUI thread (its event
    # loop went on: the probe's timer saw it), and only then did the main window open.
    assert lines[0] == "migrationProgress", lines
    assert lines.index("migrationProgress") < lines.index("mainWindow") < lines.index("ready")
    assert stored_revision(paths.database) == HEAD_REVISION  # the real upgrade ran
    assert [b.name for b in list_backups(paths) if f"before-{HEAD_REVISION}" in b.name]
    services = Services.open(paths)
    try:  # the frozen notes and the added ones are in the rebuilt index
        [last] = services.search.search("zanzibar")
        assert last.kind == "call" and last.title == f"Call {CALLS - 1}"
        assert 1 in [h.call_id for h in services.search.search("ava pilot procurement")]
    finally:
        services.close()


def test_a_quick_start_shows_no_window_and_errors_come_back(qtbot) -> None:
    assert run_with_progress(lambda: 42, "Quick") == 42
    assert visible_progress() == []

    def broken() -> None:
        raise ValueError("bad upgrade")

    with pytest.raises(ValueError, match="bad upgrade"):
        run_with_progress(broken, "Broken")
