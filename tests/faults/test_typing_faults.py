"""Fault injection while the seller types: I/O errors, another program holding the file, the
file replaced or deleted under the window. For each: a clear message, typing never held up
for more than 50 ms, and once the fault clears every character typed is on disk (read back
with plain sqlite3)."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from sales_notebook.store.sqlite_lib import sqlite3
from tests.faults.inject import LockHolder, failing_writes, io_error, stored_notes
from tests.faults.typist import Typist
from tests.ui.live_call_helpers import activate
from tests.ui.modal import when_modal
from tests.ui.test_live_notes import start_call

MAX_STALL_MS = 50
TEXT = "Ines owns the budget; rollout in Q3 if the pilot passes. Next: send the plan. "


@pytest.fixture
def live(window, qtbot, services):
    window.force_quit = True  # the test's end closes the window without the quit question
    start_call(window, qtbot, "Harbor Mutual")
    messages: list[str] = []
    window.live_pane.save_failed.connect(messages.append)
    window.live_pane.autosaver.lost.connect(messages.append)
    window.live_pane.autosaver.slow.connect(lambda: messages.append(window.save_label.text()))
    return window, messages


@pytest.fixture
def typists():
    """Typists whose watch is still running when a test fails are stopped at its end."""
    started: list[Typist] = []
    yield started
    for typist in started:
        typist.stop()


def type_through(
    qtbot, window, typists, text: str = TEXT, during=None, timeout: int = 30_000
) -> Typist:
    """Type `text` into the call; the typist's watch goes on until `assert_typing_never_held`
    (so it covers the whole fault, not only the keys)."""
    typist = Typist(window.live_pane.editor, text)
    typists.append(typist)
    if during is not None:
        typist.during.append(during)
    typist.start()
    qtbot.waitUntil(lambda: typist.done, timeout=timeout)
    assert window.live_pane.editor.toPlainText() == text  # every key reached the notes
    return typist


def assert_typing_never_held(typist: Typist) -> None:
    """While the fault lasted, the GUI thread ran no SQL and never waited for the writer, and
    at most 50 ms passed between two turns of its event loop. The machine's own stall is the
    same heartbeat over the same interval where nothing but the machine can hold it (see
    tests/faults/typist.py): on a machine that already stalls those half that long (other
    jobs on its cores), only a real freeze is told apart: the window's stall may not pass the
    machine's by 250 ms."""
    typist.stop()
    watch = typist.watch
    print(
        f"longest event-loop stall: {watch.longest_stall_ms:.1f} ms; the machine's own "
        f"meanwhile: {watch.machine_stall_ms:.1f} ms"
    )
    assert watch.gui_waits == []
    if watch.machine_stall_ms < MAX_STALL_MS / 2:
        assert watch.longest_stall_ms < MAX_STALL_MS, (
            watch.longest_stall_ms,
            watch.machine_stall_ms,
        )
    else:
        assert watch.longest_stall_ms < watch.machine_stall_ms + 250, (
            watch.longest_stall_ms,
            watch.machine_stall_ms,
        )


def saved(window) -> bool:
    """The status bar says Saved and nothing typed is still waiting for the disk."""
    return window.save_label.text().startswith("Saved") and not window.live_pane.autosaver.unsaved


def test_an_io_error_on_the_nth_write(live, qtbot, services, paths, typists) -> None:
    window, messages = live
    call_id = window.live_pane.call.id
    with failing_writes(services.db.engine, io_error(fail_from=2, times=3)) as fault:
        typist = type_through(qtbot, window, typists)
        qtbot.waitUntil(lambda: fault.raised == 3, timeout=10_000)
        qtbot.waitUntil(lambda: saved(window), timeout=10_000)
    assert any("disk reported an error" in m for m in messages)
    assert_typing_never_held(typist)
    assert stored_notes(paths.database, call_id) == TEXT


@pytest.fixture
def short_busy_timeout(services, monkeypatch):
    """A 0.5 s busy timeout: a 2 s lock then fails a save as a 10 s one does with 5 s."""
    monkeypatch.setattr("sales_notebook.store.database.BUSY_TIMEOUT_MS", 500)
    services.db.dispose()  # new connections take the shorter timeout


@pytest.mark.parametrize(
    ("lock_seconds", "timeout_fixture"), [(2.0, "short_busy_timeout"), (10.0, None)]
)
def test_the_file_locked_by_another_process_during_the_call(
    live, qtbot, services, paths, request, typists, lock_seconds, timeout_fixture
) -> None:
    if timeout_fixture:
        request.getfixturevalue(timeout_fixture)
    window, messages = live
    call_id = window.live_pane.call.id
    holder: list[LockHolder] = []

    def lock_once(typed: int) -> None:
        if typed == 5:  # started from a thread: the test must not hold the event loop itself
            threading.Thread(
                target=lambda: holder.append(LockHolder(paths.database, lock_seconds))
            ).start()

    typist = type_through(qtbot, window, typists, during=lock_once)
    qtbot.waitUntil(lambda: any("busy in another program" in m for m in messages), timeout=15_000)
    if not timeout_fixture:  # the real 5 s wait: first "Saving…", then the failure
        assert any(m.startswith("Saving… (waiting for the notebook file)") for m in messages)
    qtbot.waitUntil(lambda: bool(holder) and holder[0].done, timeout=20_000)
    holder[0].wait()
    qtbot.waitUntil(lambda: saved(window), timeout=10_000)
    assert_typing_never_held(typist)
    assert stored_notes(paths.database, call_id) == TEXT


def _copy_of(database: Path, target: Path) -> Path:
    source = sqlite3.connect(database)
    dest = sqlite3.connect(target)
    source.backup(dest)
    dest.close()
    source.close()
    return target


@pytest.mark.parametrize("how", ["replaced", "deleted"])
def test_the_file_replaced_or_deleted_under_the_running_window(
    live, qtbot, services, paths, tmp_path, typists, how
) -> None:
    window, _ = live
    other = _copy_of(paths.database, tmp_path / "other.db")

    def fault(typed: int) -> None:
        if typed != 10:
            return
        if how == "replaced":
            os.replace(other, paths.database)
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{paths.database}{suffix}").unlink(missing_ok=True)

    typist = type_through(qtbot, window, typists, during=fault)
    bar = window.live_pane.rescue_bar
    qtbot.waitUntil(bar.isVisible, timeout=10_000)  # the next autosave finds the file gone
    assert f"was {'deleted' if how == 'deleted' else 'replaced'}" in bar.message.text()
    assert not saved(window)
    assert_typing_never_held(typist)
    # The seller takes the offer: every character goes into a call of the file now in place.
    qtbot.mouseClick(bar.findChild(QPushButton, "rescueNewCall"), Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    new_call = window.live_pane.call
    assert stored_notes(paths.database, new_call.id) == TEXT


def test_ctrl_e_while_another_process_holds_the_file(live, qtbot, services, paths, typists) -> None:
    """Ending the call waits for the disk on the writer, never on the GUI thread: the window
    says it is ending, and once the file is let go the call is ended with every character."""
    window, _ = live
    pane = window.live_pane
    call_id = pane.call.id
    holder: list[LockHolder] = []

    def lock_once(typed: int) -> None:
        if typed == 5:  # held until released (well inside the 5 s busy timeout)
            threading.Thread(target=lambda: holder.append(LockHolder(paths.database, -1))).start()

    typist = type_through(qtbot, window, typists, during=lock_once)
    assert holder and not holder[0].done
    qtbot.keyClick(pane.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert pane.ending and pane.call is not None  # told at once; ended once the writer says so
    assert pane.editor.isReadOnly() and not pane.end_button.isEnabled()
    assert window.statusBar().currentMessage().startswith("Ending the call")
    qtbot.wait(800)
    assert pane.ending and services.calls.get(call_id).ended_at is None  # the file is held
    with qtbot.waitSignal(pane.call_ended, timeout=10_000):
        threading.Thread(target=holder[0].release).start()
    assert_typing_never_held(typist)
    ended = services.calls.get(call_id)
    assert ended.ended_at is not None
    assert stored_notes(paths.database, call_id) == TEXT
    assert window.tabs.currentWidget() is window.review_pane
    assert window.statusBar().currentMessage() == "Call ended and saved."


def test_ctrl_e_that_cannot_end_the_call_keeps_it_and_every_character(
    live, qtbot, services, paths, typists, short_busy_timeout
) -> None:
    """The file stays held past the busy timeout: a clear message, the call goes on with its
    notes editable; once the file is free, Ctrl+E again ends it with every character."""
    window, _ = live
    pane = window.live_pane
    call_id = pane.call.id
    holder: list[LockHolder] = []

    def lock_once(typed: int) -> None:
        if typed == 5:  # held until released
            threading.Thread(target=lambda: holder.append(LockHolder(paths.database, -1))).start()

    typist = type_through(qtbot, window, typists, during=lock_once)
    assert holder and not holder[0].done
    told: list[str] = []

    def answer(box) -> None:
        told.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_modal(answer)
    qtbot.keyClick(pane.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)  # the save before it and the end each wait 0.5 s for the file
    assert pane.ending and not told
    assert_typing_never_held(typist)  # up to here; the message box below is modal
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    assert "could not be ended" in told[0] and "busy in another program" in told[0]
    assert not pane.ending and pane.call is not None and pane.call.id == call_id
    assert not pane.editor.isReadOnly() and pane.editor.toPlainText() == TEXT
    threading.Thread(target=holder[0].release).start()
    qtbot.waitUntil(lambda: holder[0].done, timeout=10_000)
    activate(qtbot, pane.editor)  # back from the message box
    with qtbot.waitSignal(pane.call_ended, timeout=10_000):
        qtbot.keyClick(pane.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert services.calls.get(call_id).ended_at is not None
    assert stored_notes(paths.database, call_id) == TEXT
