"""Back up now, Export notebook and a live call's other writes run on the notebook's writer
thread, never on the GUI thread, in the order they were asked for."""

from __future__ import annotations

import errno
import json
import threading

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLineEdit

from tests.ui.modal import when_modal
from tests.ui.test_live_notes import start_call


def menu_action(window, text: str) -> QAction:
    [action] = [a for a in window.findChildren(QAction) if a.text() == text]
    return action


def record_thread(monkeypatch, target: str, seen: list[str]):
    module, name = target.rsplit(".", 1)
    import importlib

    real = getattr(importlib.import_module(module), name)

    def wrapper(*args, **kwargs):
        seen.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(target, wrapper)


def save_as(path):
    def answer(dialog) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
        dialog.accept()

    return answer


def test_export_notebook_is_written_off_the_gui_thread_whole_and_private(
    window, qtbot, services, tmp_path, monkeypatch
) -> None:
    seen: list[str] = []
    record_thread(monkeypatch, "sales_notebook.store.transfer.write_export", seen)
    start_call(window, qtbot)
    qtbot.keyClicks(window.live_pane.editor, "typed before the export")
    target = tmp_path / "out.json"
    when_modal(save_as(target))
    menu_action(window, "E&xport notebook…").trigger()
    qtbot.waitUntil(lambda: "Exported to" in window.statusBar().currentMessage())
    assert seen and seen[0].startswith("notebook-writer")
    assert target.stat().st_mode & 0o777 == 0o600
    calls = json.loads(target.read_text("utf-8"))["tables"]["call"]
    assert calls[0]["notes"] == "typed before the export"  # queued after the notes' save


def test_a_failed_export_says_so_and_leaves_no_half_file(
    window, qtbot, tmp_path, monkeypatch
) -> None:
    def full(db, out) -> None:
        out.write("{")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("sales_notebook.store.transfer.write_export", full)
    target = tmp_path / "out.json"
    told: list[str] = []
    when_modal(save_as(target))
    menu_action(window, "E&xport notebook…").trigger()
    when_modal(lambda box: (told.append(box.text()), box.accept()))
    qtbot.waitUntil(lambda: bool(told))
    assert "could not be written: No space left on device" in told[0]
    assert list(tmp_path.glob("out.json*")) == [] and list(tmp_path.glob(".out.json*")) == []


def test_back_up_now_runs_on_the_writer_thread(window, qtbot, paths, monkeypatch) -> None:
    seen: list[str] = []
    record_thread(monkeypatch, "sales_notebook.store.backup.backup_database", seen)
    menu_action(window, "&Back up now").trigger()
    qtbot.waitUntil(lambda: "Backup written" in window.statusBar().currentMessage())
    assert seen and seen[0].startswith("notebook-writer")
    assert len(list(paths.backups.glob("notebook-*.db"))) == 1


def test_ticks_and_mentions_during_a_call_are_stored_off_the_gui_thread(
    window, qtbot, services, monkeypatch
) -> None:
    from tests.ui.live_call_helpers import started_call, type_live

    started_call(services, "Acme", "Renewal")
    services.attendance.add_person(1, "Grace Liu, CIO")
    seen: list[str] = []
    for name in ("set_present", "mention"):
        real = getattr(services.attendance, name)

        def wrapper(*args, _real=real, **kwargs):
            seen.append(threading.current_thread().name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(services.attendance, name, wrapper)
    pane = window.live_pane
    pane.open_call(services.calls.live_call())
    type_live(pane.editor, "asked @Grace Liu about it. ")
    item = pane.attendees.list.item(0)
    from PySide6.QtCore import Qt

    item.setCheckState(Qt.CheckState.Checked)
    window.writer.drain()
    assert len(seen) == 2 and all(name.startswith("notebook-writer") for name in seen)
    assert services.attendance.attendance(pane.call.id) == {1: False}
