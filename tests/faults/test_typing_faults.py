"""Fault injection while the seller types: I/O errors, another program holding the file, the
file replaced or deleted under the window. For each: a clear message, typing never held up
for more than 50 ms, and once the fault clears every character typed is on disk (read back
with plain sqlite3)."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.faults.inject import LockHolder, failing_writes, io_error, stored_notes
from tests.faults.typist import Typist
from tests.ui.test_live_notes import start_call

MAX_STALL_MS = 50
TEXT = "Ines owns the budget; rollout in Q3 if the pilot passes. Next: send the plan. "


@pytest.fixture
def live(window, qtbot, services):
    start_call(window, qtbot, "Harbor Mutual")
    messages: list[str] = []
    window.live_pane.save_failed.connect(messages.append)
    window.live_pane.autosaver.lost.connect(messages.append)
    window.live_pane.autosaver.slow.connect(lambda: messages.append(window.save_label.text()))
    return window, messages


def type_through(qtbot, window, text: str = TEXT, during=None, timeout: int = 30_000) -> Typist:
    typist = Typist(window.live_pane.editor, text)
    if during is not None:
        typist.during.append(during)
    typist.start()
    try:
        qtbot.waitUntil(lambda: typist.done, timeout=timeout)
    finally:
        typist.stop()
    assert window.live_pane.editor.toPlainText() == text  # every key reached the notes
    print(f"longest event-loop stall while typing: {typist.longest_stall_ms:.1f} ms")
    return typist


def saved(window) -> bool:
    """The status bar says Saved and nothing typed is still waiting for the disk."""
    return window.save_label.text().startswith("Saved") and not window.live_pane.autosaver.unsaved


def test_an_io_error_on_the_nth_write(live, qtbot, services, paths) -> None:
    window, messages = live
    call_id = window.live_pane.call.id
    with failing_writes(services.db.engine, io_error(fail_from=2, times=3)) as fault:
        typist = type_through(qtbot, window)
        qtbot.waitUntil(lambda: fault.raised == 3, timeout=10_000)
        qtbot.waitUntil(lambda: saved(window), timeout=10_000)
    assert any("disk reported an error" in m for m in messages)
    assert typist.longest_stall_ms < MAX_STALL_MS, typist.longest_stall_ms
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
    live, qtbot, services, paths, request, lock_seconds, timeout_fixture
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

    typist = type_through(qtbot, window, during=lock_once)
    qtbot.waitUntil(lambda: any("busy in another program" in m for m in messages), timeout=15_000)
    if not timeout_fixture:  # the real 5 s wait: first "Saving…", then the failure
        assert any(m.startswith("Saving… (waiting for the notebook file)") for m in messages)
    qtbot.waitUntil(lambda: bool(holder) and holder[0].done, timeout=20_000)
    holder[0].wait()
    qtbot.waitUntil(lambda: saved(window), timeout=10_000)
    assert typist.longest_stall_ms < MAX_STALL_MS, typist.longest_stall_ms
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
    live, qtbot, services, paths, tmp_path, how
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

    typist = type_through(qtbot, window, during=fault)
    window.live_pane.flush(wait=True)
    bar = window.live_pane.rescue_bar
    qtbot.waitUntil(bar.isVisible)
    assert f"was {'deleted' if how == 'deleted' else 'replaced'}" in bar.message.text()
    assert not saved(window)
    assert typist.longest_stall_ms < MAX_STALL_MS, typist.longest_stall_ms
    # The seller takes the offer: every character goes into a call of the file now in place.
    qtbot.mouseClick(bar.findChild(QPushButton, "rescueNewCall"), Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    new_call = window.live_pane.call
    assert stored_notes(paths.database, new_call.id) == TEXT
