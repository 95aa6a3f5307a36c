"""What the window does when a save fails or has nowhere to go; driven as a seller does."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from sales_notebook.store.database import Database
from sales_notebook.store.errors import KnownError
from sales_notebook.store.transfer import import_document, parse_document
from sales_notebook.ui.live_notes.autosaver import Autosaver
from tests.faults.inject import disk_full, failing_writes, io_error, stored_notes
from tests.ui.modal import when_modal
from tests.ui.test_live_notes import activate, start_call

CTRL = Qt.KeyboardModifier.ControlModifier


def quit_action(window) -> QAction:
    [action] = [a for a in window.findChildren(QAction) if a.text() == "&Quit"]
    return action


def saved(window) -> bool:
    return window.save_label.text().startswith("Saved")


def test_a_one_off_disk_io_error_is_told_and_retried_and_ctrl_e_still_works(
    window, qtbot, services, paths
) -> None:
    start_call(window, qtbot)
    call_id = window.live_pane.call.id
    with failing_writes(services.db.engine, io_error(times=1)) as fault:
        qtbot.keyClicks(window.live_pane.editor, "budget approved")
        qtbot.waitUntil(lambda: window.save_label.text() == "Not saved: retrying")
        assert "disk reported an error" in window.statusBar().currentMessage()
        assert fault.raised == 1
        # No more typing: the retry stores the words by itself.
        qtbot.waitUntil(lambda: saved(window), timeout=3000)
    assert stored_notes(paths.database, call_id) == "budget approved"
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        qtbot.keyClick(window.live_pane.editor, Qt.Key.Key_E, CTRL)
    assert window.live_pane.call is None
    assert window.tabs.currentWidget() is window.review_pane
    assert services.calls.get(call_id).ended_at is not None


def test_the_save_thread_never_writes_the_autosavers_state(qtbot) -> None:
    finished = threading.Event()

    def save(call_id: int, text: str) -> datetime:
        try:
            raise KnownError("The disk is full.")
        finally:
            finished.set()

    saver = Autosaver(save, lambda: "words")
    saver.attach(1, "")
    saver.mark_dirty()
    saver.flush()
    assert not saver.dirty  # handed to the writer
    assert finished.wait(2)
    time.sleep(0.05)  # the worker is done; the GUI thread has not handled its result yet
    assert not saver.dirty and saver.failing is None
    qtbot.waitUntil(lambda: saver.dirty)  # the failure, handled on the GUI thread
    assert saver.failing == "The disk is full."
    saver.attach(None)
    saver.shutdown()


def test_after_a_failure_the_retry_timer_runs_without_more_typing(qtbot) -> None:
    attempts: list[str] = []

    def save(call_id: int, text: str) -> datetime:
        attempts.append(text)
        if len(attempts) < 3:
            raise KnownError("The notebook is busy.")
        return datetime.now(UTC)

    saver = Autosaver(save, lambda: "words")
    saver.attach(1, "")
    with qtbot.waitSignal(saver.saved, timeout=4000):
        saver.mark_dirty()
    assert attempts == ["words"] * 3
    assert saver.failing is None and not saver.unsaved
    saver.shutdown()


def test_a_save_into_a_deleted_account_is_never_called_saved_and_the_notes_move_to_a_new_call(
    window, qtbot, services, paths
) -> None:
    start_call(window, qtbot, "Acme")
    editor = window.live_pane.editor
    qtbot.keyClicks(editor, "first words")
    window.live_pane.flush(wait=True)
    old_call = window.live_pane.call
    services.accounts.delete(old_call.account_id)  # the call goes with its account
    qtbot.keyClicks(editor, " and more")
    window.live_pane.flush(wait=True)
    bar = window.live_pane.rescue_bar
    assert bar.isVisible()
    assert "no longer in the notebook" in bar.message.text()
    assert window.save_label.text() == "Not saved: call gone"
    assert editor.toPlainText() == "first words and more"  # kept, and still editable
    qtbot.keyClicks(editor, "!")
    window.live_pane.flush(wait=True)
    assert not saved(window)
    qtbot.mouseClick(bar.findChild(QPushButton, "rescueNewCall"), Qt.MouseButton.LeftButton)
    new_call = window.live_pane.call
    assert new_call.account_name == "Acme" and new_call.live
    assert [a.name for a in services.accounts.all()] == ["Acme"]  # added back for the call
    assert not bar.isVisible()
    assert stored_notes(paths.database, new_call.id) == "first words and more!"
    activate(window, qtbot)
    editor.setFocus()
    qtbot.keyClicks(editor, " Then typed on.")
    window.live_pane.flush(wait=True)
    assert saved(window)
    assert stored_notes(paths.database, new_call.id) == "first words and more! Then typed on."


def test_an_import_that_replaces_the_notebook_under_a_call_is_noticed(
    window, qtbot, services, paths, tmp_path
) -> None:
    import io

    from sales_notebook.paths import DataPaths
    from sales_notebook.store.demo import fill_demo
    from sales_notebook.store.migrate import prepare
    from sales_notebook.store.transfer import write_export

    other = DataPaths(tmp_path / "other")
    prepare(other)
    other_db = Database(other.database)
    fill_demo(other_db)
    out = io.StringIO()
    write_export(other_db, out)
    other_db.dispose()

    start_call(window, qtbot, "Zeta Freight")
    editor = window.live_pane.editor
    qtbot.keyClicks(editor, "before the import")
    window.live_pane.flush(wait=True)
    call_id = window.live_pane.call.id
    # Another program replaces the notebook's contents (sales-notebook import --replace).
    importer = Database(paths.database)
    import_document(importer, parse_document(json.loads(out.getvalue())), replace=True)
    importer.dispose()
    qtbot.keyClicks(editor, ", after it")
    window.live_pane.flush(wait=True)
    assert window.live_pane.rescue_bar.isVisible()
    assert window.save_label.text() == "Not saved: call gone"
    # The imported call that may carry the same id was not written over.
    assert "after it" not in stored_notes(paths.database, call_id)
    window.force_quit = True  # the test's end closes the window: no question (a rescue file)


def test_ctrl_q_while_saves_fail_asks_first_and_keeping_the_window_keeps_the_notes(
    window, qtbot, services, paths
) -> None:
    start_call(window, qtbot)
    call_id = window.live_pane.call.id
    asked: list[str] = []

    def keep(box) -> None:
        asked.append(box.objectName())
        [button] = [b for b in box.buttons() if b.text() == "Keep the window open"]
        button.click()

    with failing_writes(services.db.engine, disk_full()) as fault:
        qtbot.keyClicks(window.live_pane.editor, "the words that matter")
        qtbot.waitUntil(lambda: fault.raised >= 1)
        qtbot.waitUntil(lambda: window.save_label.text() == "Not saved: retrying")
        when_modal(keep)
        quit_action(window).trigger()  # Call → Quit (Ctrl+Q where the platform has it)
        assert asked == ["unsavedNotesDialog"]
        assert window.isVisible() and window.live_pane.call is not None
        fault.clear()  # space freed
        qtbot.waitUntil(lambda: saved(window), timeout=4000)
    assert stored_notes(paths.database, call_id) == "the words that matter"
    quit_action(window).trigger()  # all saved: no question
    assert not window.isVisible()
    window.flush_all()  # what aboutToQuit runs after the close: nothing left, no error


def test_quit_and_lose_them_is_a_choice_the_seller_makes(window, qtbot, services) -> None:
    start_call(window, qtbot)
    with failing_writes(services.db.engine, disk_full()):
        qtbot.keyClicks(window.live_pane.editor, "lost on purpose")
        qtbot.waitUntil(lambda: window.save_label.text() == "Not saved: retrying")
        when_modal(
            lambda box: next(b for b in box.buttons() if b.text() == "Quit and lose them").click()
        )
        window.close()
        assert not window.isVisible()
        assert QApplication.activeModalWidget() is None


def _answer_file_dialog(path):
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    def answer(dialog) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        dialog.accept()

    return answer


def test_quit_while_saves_fail_can_save_the_notes_to_a_file_first(
    window, qtbot, services, tmp_path
) -> None:
    start_call(window, qtbot)
    target = tmp_path / "rescued.txt"

    def to_file(box) -> None:
        when_modal(_answer_file_dialog(target))  # the file dialog comes next
        next(b for b in box.buttons() if b.text() == "Save to a file and quit…").click()

    with failing_writes(services.db.engine, disk_full()):
        qtbot.keyClicks(window.live_pane.editor, "words worth keeping")
        qtbot.waitUntil(lambda: window.save_label.text() == "Not saved: retrying")
        when_modal(to_file)
        quit_action(window).trigger()
        assert not window.isVisible()
    assert target.read_text("utf-8") == "words worth keeping"
    assert target.stat().st_mode & 0o777 == 0o600


def test_the_rescue_bar_saves_the_notes_to_a_file_and_copies_them(
    window, qtbot, services, tmp_path
) -> None:
    start_call(window, qtbot, "Acme")
    editor = window.live_pane.editor
    qtbot.keyClicks(editor, "notes of a deleted account")
    window.live_pane.flush(wait=True)
    services.accounts.delete(window.live_pane.call.account_id)
    qtbot.keyClicks(editor, "!")
    window.live_pane.flush(wait=True)
    bar = window.live_pane.rescue_bar
    assert bar.isVisible()
    target = tmp_path / "notes.txt"
    when_modal(_answer_file_dialog(target))
    qtbot.mouseClick(bar.findChild(QPushButton, "rescueToFile"), Qt.MouseButton.LeftButton)
    assert target.read_text("utf-8") == "notes of a deleted account!"
    qtbot.mouseClick(bar.findChild(QPushButton, "rescueCopy"), Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "notes of a deleted account!"
    window.force_quit = True  # the test's end closes the window: no question


def test_ctrl_n_when_the_running_call_cannot_be_ended_keeps_its_notes(
    window, qtbot, services, paths
) -> None:
    start_call(window, qtbot, "First")
    first = window.live_pane.call.id
    told: list[str] = []
    with failing_writes(services.db.engine, disk_full()) as fault:
        qtbot.keyClicks(window.live_pane.editor, "unsaved words")
        qtbot.waitUntil(lambda: fault.raised >= 1)

        def yes_then_tell(box) -> None:
            def warned(warning) -> None:
                told.append(warning.text())
                when_modal(lambda dialog: (opened.append(dialog), dialog.reject()), 1000)
                warning.accept()

            when_modal(warned)
            box.button(QMessageBox.StandardButton.Yes).click()

        opened: list[object] = []  # a New call dialog would be a bug: recorded, closed

        when_modal(yes_then_tell)
        activate(window, qtbot)
        qtbot.keyClick(window, Qt.Key.Key_N, CTRL)  # "End it and start a new one?" Yes
        qtbot.waitUntil(lambda: bool(told))
        assert "disk is full" in told[0]
        qtbot.wait(300)
        assert opened == []  # no New call dialog over the words not yet saved
        assert window.live_pane.call.id == first
        assert window.live_pane.editor.toPlainText() == "unsaved words"
        fault.clear()
        qtbot.waitUntil(lambda: window.save_label.text().startswith("Saved"), timeout=4000)
    assert stored_notes(paths.database, first) == "unsaved words"
