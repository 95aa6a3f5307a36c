"""A long upgrade at start-up shows a progress window first; a quick one shows nothing."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from sales_notebook.ui import recovery as app_module  # prepare_notebook lives there
from sales_notebook.ui.migration_progress import run_with_progress


def visible_progress() -> list[QProgressDialog]:
    return [
        w for w in QApplication.topLevelWidgets()
        if isinstance(w, QProgressDialog) and w.objectName() == "migrationProgress"
        and w.isVisible()
    ]  # fmt: skip


def test_a_long_upgrade_runs_off_the_gui_thread_behind_a_progress_window(
    qtbot, paths, monkeypatch
) -> None:
    seen: dict[str, object] = {}
    real_prepare = app_module.prepare

    def slow_prepare(p):  # a full-text rebuild on a large file takes seconds
        seen["thread"] = threading.current_thread().name
        time.sleep(1.2)
        return real_prepare(p)

    monkeypatch.setattr(app_module, "prepare", slow_prepare)
    shown: list[bool] = []
    look = QTimer(interval=50)  # the GUI thread keeps running while the upgrade goes on
    look.timeout.connect(lambda: shown.append(bool(visible_progress())))
    look.start()
    assert app_module.prepare_notebook(paths) is True
    look.stop()
    assert seen["thread"] == "notebook-upgrade"
    assert len(shown) > 10 and shown[0] is False and shown[-1] is True  # after a moment
    assert visible_progress() == []  # gone once the upgrade is done
    assert paths.database.exists()


def test_a_quick_start_shows_no_window_and_errors_come_back(qtbot) -> None:
    assert run_with_progress(lambda: 42, "Quick") == 42
    assert visible_progress() == []

    def broken() -> None:
        raise ValueError("bad upgrade")

    with pytest.raises(ValueError, match="bad upgrade"):
        run_with_progress(broken, "Broken")
