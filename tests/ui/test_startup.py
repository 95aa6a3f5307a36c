"""The window opens in two steps: the frame first, the panes right after its first paint."""

from __future__ import annotations

import os
import subprocess
import sys

from PySide6.QtCore import QSettings, Qt

from sales_notebook.store.demo import fill_demo
from sales_notebook.store.sqlite_lib import sqlite3
from sales_notebook.ui.main_window import PANE_TITLES, MainWindow
from tests.ui.modal import when_modal


def frame(qtbot, paths) -> MainWindow:
    window = MainWindow(None, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_the_frame_shows_the_panes_titles_before_the_notebook_is_open(qtbot, paths) -> None:
    window = frame(qtbot, paths)
    assert window.windowTitle() == "Sales Notebook"
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == list(PANE_TITLES)
    assert window.findChild(object, "liveNotes") is None
    assert "Opening" in window.statusBar().currentMessage()
    window.close()  # closing before the panes exist must not fail


def test_attach_puts_the_panes_in_place_and_keeps_the_remembered_layout(
    qtbot, services, paths
) -> None:
    settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
    settings.setValue("window/pane", 3)
    first = MainWindow(services, settings)
    qtbot.addWidget(first)
    first.show()
    first.splitter.setSizes([180, 600])
    sidebar_width = first.splitter.sizes()[0]
    first.close()

    window = frame(qtbot, paths)
    assert window.tabs.currentIndex() == 3  # the remembered pane is current from the first paint
    with qtbot.waitSignal(window.ready):
        window.attach(services)
    names = [window.tabs.widget(i).objectName() for i in range(window.tabs.count())]
    assert names == ["stakeholderMapPane", "liveNotes", "callReview", "lessonsLibrary"]
    assert window.tabs.currentIndex() == 3
    assert window.splitter.widget(0) is window.sidebar
    assert window.splitter.sizes()[0] == sidebar_width
    assert window.statusBar().currentMessage() == ""
    window.live_pane.shutdown()


def test_attaching_never_takes_the_app_s_style_sheet_off(qtbot, services, paths, monkeypatch):
    """Taking the sheet off while the panes were built and putting it back made a later
    switch to the dark sheet crash inside Qt (about one run in four of tests/ui)."""
    from PySide6.QtWidgets import QApplication

    window = frame(qtbot, paths)
    window.theme.apply()
    sheet = QApplication.instance().styleSheet()
    assert sheet
    set_to: list[str] = []
    real = QApplication.setStyleSheet
    monkeypatch.setattr(
        QApplication, "setStyleSheet", lambda app, s: (set_to.append(s), real(app, s))
    )
    with qtbot.waitSignal(window.ready):
        window.attach(services)
    assert "" not in set_to and QApplication.instance().styleSheet() == sheet
    window.live_pane.shutdown()


def test_a_shortcut_pressed_while_the_panes_load_runs_once_they_are_there(
    qtbot, services, paths
) -> None:
    window = frame(qtbot, paths)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    opened: list[str] = []

    def name_the_account(dialog) -> None:
        opened.append(dialog.objectName())
        dialog.reject()

    when_modal(name_the_account)
    window.attach(services)
    qtbot.waitUntil(lambda: bool(opened))
    assert opened == ["newCallDialog"]
    window.live_pane.shutdown()


def test_a_running_call_is_recovered_when_the_panes_attach(qtbot, services, paths) -> None:
    fill_demo(services.db)
    account = services.accounts.all()[0]
    call_id = services.calls.start(account.id, None)
    services.calls.save_notes(call_id, "typed before the crash")
    window = frame(qtbot, paths)
    window.attach(services)
    assert window.tabs.currentWidget() is window.live_pane
    assert window.live_pane.editor.toPlainText() == "typed before the crash"
    assert window.splitter.sizes()[0] == 0  # the notes have the sidebar's room, as before
    window.live_pane.shutdown()


def test_the_app_reports_shown_then_ready_and_imports_the_store_only_after_shown(
    services, paths
) -> None:
    fill_demo(services.db)
    services.close()
    probe = (
        "import sys\n"
        "import sales_notebook.ui.app as app\n"
        "import sales_notebook.ui.main_window\n"
        "assert 'sqlalchemy' not in sys.modules, 'the frame imported SQLAlchemy'\n"
        "from sales_notebook.paths import DataPaths\n"
        f"code = app.run_app(DataPaths(__import__('pathlib').Path({str(paths.root)!r})))\n"
        "import gc; print('frozen', gc.get_freeze_count())\n"
        "sys.exit(code)\n"
    )
    env = {**os.environ, "SALES_NOTEBOOK_QUIT_WHEN_SHOWN": "1", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    *said, frozen, count = done.stdout.split()
    assert said == ["shown", "ready"]
    # once ready, what start built is left out of full collections (each walked it for ~90 ms)
    assert frozen == "frozen" and int(count) > 50_000, done.stdout
    # the daily backup was taken off the GUI thread, and finished before the process ended
    [daily] = paths.backups.glob("notebook-*-daily.db")
    con = sqlite3.connect(daily)
    assert con.execute("SELECT count(*) FROM call").fetchone()[0] == 15
    con.close()
