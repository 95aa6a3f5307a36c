"""Damage found in the background is told with the newest good backup; the next start offers
it and says where the damaged file went; a full disk at start is never called damage."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from sales_notebook.store.backup import backup_database, list_backups
from sales_notebook.store.errors import DiskFull
from sales_notebook.store.integrity import DAMAGE_MARK, quick_check_notebook
from sales_notebook.ui import recovery
from sales_notebook.ui.app import open_notebook
from sales_notebook.ui.recovery import AutomaticBackup
from tests.store.damage import zero_a_page_of
from tests.ui.modal import when_modal


def _damage_box() -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if widget.objectName() == "damageFoundDialog" and widget.isVisible():
            assert isinstance(widget, QMessageBox)
            return widget
    return None


def test_damage_found_in_the_background_is_told_then_repaired_at_next_start(
    qtbot, window, services, paths
) -> None:
    services.accounts.add("Before the damage")
    good = backup_database(paths)
    services.db.dispose()
    zero_a_page_of(paths.database, "account")
    AutomaticBackup(window, paths).start()
    qtbot.waitUntil(lambda: _damage_box() is not None, timeout=10000)
    box = _damage_box()
    assert box is not None and not box.isModal()  # typing goes on during a call
    assert "found damage" in box.text() and good.name in box.informativeText()
    assert (paths.root / DAMAGE_MARK).exists()
    assert list_backups(paths) == [good]  # no backup copied from the damaged file
    box.close()
    services.close()

    told: list[str] = []

    def restore(dialog) -> None:
        assert dialog.objectName() == "corruptNotebookDialog"
        assert good.name in dialog.informativeText()
        [button] = [b for b in dialog.buttons() if b.text() == "Open newest good backup"]

        def done(info) -> None:
            told.append(info.text())
            info.accept()

        when_modal(done)
        button.click()

    when_modal(restore)
    reopened = open_notebook(paths)
    assert reopened is not None
    [aside] = paths.root.glob("notebook-damaged-*.db")
    assert told and str(aside) in told[0]
    assert [a.name for a in reopened.accounts.all()] == ["Before the damage"]
    assert not (paths.root / DAMAGE_MARK).exists()
    assert quick_check_notebook(paths) == []
    reopened.close()


def test_a_full_disk_at_start_is_not_called_damage(qtbot, paths, monkeypatch) -> None:
    def full(_paths) -> None:
        raise DiskFull("SQLITE_FULL: database or disk is full", paths.database)

    monkeypatch.setattr(recovery, "prepare", full)
    seen: list[tuple[str, str]] = []

    def answer(box) -> None:
        seen.append((box.objectName(), box.text()))
        box.button(QMessageBox.StandardButton.Ok).click()

    when_modal(answer)
    assert open_notebook(paths) is None
    [(name, text)] = seen
    assert name != "corruptNotebookDialog"
    assert "disk is full" in text and "damage" not in text.lower()
    assert not list(paths.root.glob("notebook-damaged-*"))


def test_a_vanished_notebook_is_not_silently_replaced_by_an_empty_one(
    qtbot, services, paths
) -> None:
    services.accounts.add("Kept in the backup")
    backup_database(paths)
    services.close()
    paths.database.write_bytes(b"")  # what a restore cut short by older versions left

    def choose(label: str):
        def click(box) -> None:
            assert box.objectName() == "corruptNotebookDialog"
            assert "no notebook in" in box.text()
            [button] = [b for b in box.buttons() if b.text() == label]
            if label == "Open newest good backup":
                when_modal(lambda done: done.accept())
            button.click()

        return click

    when_modal(choose("Open newest good backup"))
    reopened = open_notebook(paths)
    assert reopened is not None
    assert [a.name for a in reopened.accounts.all()] == ["Kept in the backup"]
    reopened.close()
    paths.database.unlink()
    when_modal(choose("Start an empty notebook"))
    fresh = open_notebook(paths)
    assert fresh is not None and fresh.accounts.all() == []
    fresh.close()


def test_a_data_dir_that_is_a_file_gets_a_message_box(qtbot, tmp_path) -> None:
    from sales_notebook.paths import DataPaths
    from sales_notebook.ui.app import run_app

    plain = tmp_path / "notes.txt"
    plain.write_text("mine")
    seen: list[str] = []

    def answer(box) -> None:
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    when_modal(answer)
    assert run_app(DataPaths(plain)) == 2
    assert seen and "is a file, not a folder" in seen[0]
    assert plain.read_text() == "mine"


def test_a_restore_that_fails_is_told_and_leaves_the_file(qtbot, services, paths, monkeypatch):
    backup_database(paths)
    services.close()
    paths.database.write_bytes(b"not a database at all" * 500)
    for side in ("notebook.db-wal", "notebook.db-shm"):
        (paths.root / side).unlink(missing_ok=True)

    def full(_paths, _backup):
        raise DiskFull("SQLITE_FULL: database or disk is full", paths.database)

    monkeypatch.setattr(recovery, "restore_backup", full)
    told: list[str] = []

    def choose(box) -> None:
        [button] = [b for b in box.buttons() if b.text() == "Open newest good backup"]

        def failed(info) -> None:
            told.append(info.text())
            info.accept()

        when_modal(failed)
        button.click()

    when_modal(choose)
    assert open_notebook(paths) is None
    assert told and "could not be opened" in told[0] and "disk is full" in told[0]
    assert paths.database.read_bytes() == b"not a database at all" * 500


def test_damage_found_in_the_background_is_restored_at_once_from_its_box(
    qtbot, window, services, paths
) -> None:
    """ "Restore newest backup" in the box: the window lets go of the file, the backup is put
    in place, the panes open again on it, and the seller is told where the damaged file and
    the notes of the call in progress went."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QPushButton

    from tests.ui.live_call_helpers import type_text
    from tests.ui.test_live_notes import start_call

    services.accounts.add("Before the damage")
    good = backup_database(paths)
    start_call(window, qtbot, "After the backup")
    type_text(window.live_pane.editor, "Ines signs off on Friday")
    window.flush_all()
    old_writer = window.writer
    services.db.dispose()
    zero_a_page_of(paths.database, "account")
    AutomaticBackup(window, paths).start()
    qtbot.waitUntil(lambda: _damage_box() is not None, timeout=10000)
    box = _damage_box()
    assert box is not None and good.name in box.informativeText()
    told: list[str] = []

    def done(info) -> None:
        assert info.objectName() == "restoredDialog"
        told.append(info.text())
        info.accept()

    when_modal(done)
    qtbot.mouseClick(box.findChild(QPushButton, "restoreNowButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(told), timeout=10000)
    try:
        [aside] = paths.root.glob("notebook-damaged-*.db")
        [notes] = paths.root.glob("unsaved-notes-*.txt")
        assert str(aside) in told[0] and str(notes) in told[0]
        assert notes.read_text() == "Ines signs off on Friday"  # typed after the backup
        assert old_writer.closed and window.writer is not old_writer
        assert window.services is not None and window.services is not services
        assert [a.name for a in window.services.accounts.all()] == ["Before the damage"]
        assert window.sidebar.model.rowCount() == 1  # the panes show the restored file
        assert window.live_pane.call is None and window.isEnabled()
        assert window.save_label.text() == ""  # no "Saved" left from the file let go of
        assert quick_check_notebook(paths) == [] and not (paths.root / DAMAGE_MARK).exists()
        window.live_pane.editor.setFocus()
        start_call(window, qtbot, "Typed after the restore")  # the panes write to it again
        type_text(window.live_pane.editor, "works")
        window.flush_all()
        assert window.services.calls.live_call().notes == "works"
    finally:
        window.live_pane.shutdown()
        window.services.close()
