"""The log file (private, no note text) and the crash dialog for an error nobody caught."""

from __future__ import annotations

import logging
import signal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from sales_notebook.logs import log_file, setup_logging, stop_logging
from sales_notebook.ui.crash import CrashReporter
from tests.faults.inject import disk_full, failing_writes, io_error
from tests.ui.test_live_notes import start_call


@pytest.fixture
def logged(paths):
    paths.ensure()
    path = setup_logging(paths)
    yield path
    stop_logging()


def test_the_log_is_private_rotating_and_holds_no_note_text(
    logged, window, qtbot, services, paths
) -> None:
    assert logged == log_file(paths) and logged.parent == paths.root
    start_call(window, qtbot)
    secret = "Ines will sign for 42k"
    with failing_writes(services.db.engine, io_error(times=1)):
        qtbot.keyClicks(window.live_pane.editor, secret)
        qtbot.waitUntil(lambda: window.save_label.text().startswith("Saved"), timeout=4000)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = logged.read_text("utf-8")
    assert "DiskIOError" in text  # the kind of failure is there
    assert "Ines" not in text and "42k" not in text  # the words are not
    assert logged.stat().st_mode & 0o777 == 0o600


def test_an_exception_in_a_slot_is_logged_with_its_traceback_and_shown_once(
    logged, window, qtbot
) -> None:
    reporter = CrashReporter(logged).install()
    try:
        button = QPushButton("Break", window)

        def broken() -> None:
            raise ValueError("a bug in a slot")

        button.clicked.connect(broken)
        button.show()
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a second one: no second dialog
        qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.count == 2)
        dialogs = [
            w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "crashDialog" and w.isVisible()
        ]  # fmt: skip
        assert len(dialogs) == 1
        assert str(logged) in dialogs[0].text()
        assert not dialogs[0].isModal()  # the notes keep the keyboard
        assert "2 errors" in dialogs[0].informativeText()
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = logged.read_text("utf-8")
        assert "Traceback" in text and "ValueError: a bug in a slot" in text
        dialogs[0].close()
    finally:
        reporter.uninstall()


def test_sigterm_flushes_the_notes_and_closes_the_window(
    window, qtbot, services, paths, monkeypatch
) -> None:
    from sales_notebook.ui.quit_signals import quit_on_signals

    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    app = QApplication.instance()
    quit_on_signals(app, window)
    try:
        start_call(window, qtbot)
        call_id = window.live_pane.call.id
        qtbot.keyClicks(window.live_pane.editor, "typed just before the logout")
        signal.raise_signal(signal.SIGTERM)
        qtbot.waitUntil(lambda: bool(quits))
        assert not window.isVisible()
        assert services.calls.get(call_id).notes == "typed just before the logout"
        assert services.calls.get(call_id).live  # recovered at the next start
    finally:
        app.aboutToQuit.emit()  # restores the default handlers


def test_sigterm_while_saves_fail_puts_the_notes_in_a_rescue_file(
    window, qtbot, services, paths, monkeypatch
) -> None:
    from sales_notebook.ui.quit_signals import quit_on_signals

    quits: list[bool] = []
    monkeypatch.setattr(QApplication, "quit", lambda: quits.append(True))
    app = QApplication.instance()
    quit_on_signals(app, window)
    try:
        start_call(window, qtbot)
        with failing_writes(services.db.engine, disk_full()):
            qtbot.keyClicks(window.live_pane.editor, "cannot be stored")
            qtbot.waitUntil(lambda: window.save_label.text() == "Not saved: retrying")
            signal.raise_signal(signal.SIGINT)
            qtbot.waitUntil(lambda: bool(quits))
        assert QApplication.activeModalWidget() is None  # no one was asked
        [rescue] = list(paths.root.glob("unsaved-notes-*.txt"))
        assert rescue.read_text("utf-8") == "cannot be stored"
        assert rescue.stat().st_mode & 0o777 == 0o600
    finally:
        app.aboutToQuit.emit()
