"""When the notebook file is damaged: found at start, or later by the check run in the
background, with the newest good backup offered (at once, or at the next start) and
restored all-or-nothing."""

from __future__ import annotations

import sys
import threading
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox

from sales_notebook import APP_NAME
from sales_notebook.paths import DataPaths
from sales_notebook.store.backup import (
    backup_if_due,
    newest_good_backup,
    restore_backup,
    taken_at,
)
from sales_notebook.store.errors import CorruptNotebook, KnownError, StorageError
from sales_notebook.store.integrity import (
    clear_damage_mark,
    damage_marked,
    mark_damaged,
    quick_check_notebook,
)
from sales_notebook.store.migrate import prepare
from sales_notebook.store.sqlite_lib import sqlite3
from sales_notebook.ui.migration_progress import run_with_progress

if TYPE_CHECKING:
    from sales_notebook.ui.main_window import MainWindow


class NotebookMissing(CorruptNotebook):
    """No notebook file (or an empty one) where backups show there was one."""

    def __init__(self, paths: DataPaths) -> None:
        KnownError.__init__(
            self,
            f"There is no notebook in {paths.root} (the file is missing or empty), but its "
            "backups are there: the notebook may have been deleted, or a restore cut short.",
        )
        self.path = paths.database


def prepare_notebook(paths: DataPaths) -> bool:
    """Create or upgrade the file; on a damaged one offer the newest backup. False means quit."""
    start_empty = False
    while True:
        try:
            if not start_empty:
                _never_silently_empty(paths)
            # Off the GUI thread; a long upgrade (a full-text rebuild) shows a progress window.
            run_with_progress(partial(prepare, paths), "Updating your notebook to this version…")
            _recheck_if_damage_was_found(paths)
            return True
        except KnownError as exc:
            if isinstance(exc, CorruptNotebook) or (isinstance(exc, StorageError) and exc.damage):
                print(f"sales-notebook: {exc}", file=sys.stderr)
                choice = _offer_backup(paths, str(exc), isinstance(exc, NotebookMissing))
                if choice == "close":
                    return False
                start_empty = choice == "empty"
                continue
            print(f"sales-notebook: {exc}", file=sys.stderr)
            QMessageBox.critical(None, APP_NAME, str(exc))
            return False


def _never_silently_empty(paths: DataPaths) -> None:
    db = paths.database
    missing = not db.exists() or db.stat().st_size == 0
    if missing and newest_good_backup(paths) is not None:
        raise NotebookMissing(paths)


def _recheck_if_damage_was_found(paths: DataPaths) -> None:
    # The background check of an earlier run found damage: check before opening, this once.
    if damage_marked(paths):
        problems = quick_check_notebook(paths)
        if problems:
            raise CorruptNotebook(paths.database, "; ".join(problems[:3]))
        clear_damage_mark(paths)


def _offer_backup(paths: DataPaths, message: str, allow_empty: bool = False) -> str:
    """Ask; returns "restored", "empty" (start a new notebook) or "close"."""
    backup = newest_good_backup(paths)
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message)
    box.setObjectName("corruptNotebookDialog")
    restore = empty = None
    if backup is not None:
        box.setInformativeText(
            f"The newest good backup is {backup.name}, taken {_local(taken_at(backup))}. "
            "Opening it keeps the damaged file beside it."
        )
        restore = box.addButton("Open newest good backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("There is no good backup to open.")
    if allow_empty:
        empty = box.addButton("Start an empty notebook", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setDefaultButton(QMessageBox.StandardButton.Close)
    box.exec()
    if empty is not None and box.clickedButton() is empty:
        return "empty"
    if restore is None or box.clickedButton() is not restore:
        return "close"
    assert backup is not None
    try:
        aside = restore_backup(paths, backup)
    except KnownError as exc:  # a full disk: the notebook was left exactly as it was
        print(f"sales-notebook: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, f"The backup could not be opened. {exc}")
        return "close"
    clear_damage_mark(paths)
    told = f"The notebook now holds the backup taken {_local(taken_at(backup))}."
    if aside is not None:
        told += f" The damaged file was kept as {aside}."
    print(f"sales-notebook: {told}", file=sys.stderr)
    done = QMessageBox(QMessageBox.Icon.Information, APP_NAME, told)
    done.setObjectName("restoredDialog")
    done.exec()
    return "restored"


def _local(when: datetime) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


class AutomaticBackup(QObject):
    """The quick check of the notebook, then the daily backup, off the GUI thread once the
    window is up. A failed backup is told in the status bar: a dialog in the middle of a call
    would be worse than a missed backup. Damage is told in a box that does not block typing."""

    failed = Signal(str)
    damaged = Signal(str, object)  # the message, the newest good backup (a Path) or None

    def __init__(self, window: MainWindow, paths: DataPaths) -> None:
        super().__init__(window)
        self._paths = paths
        self.failed.connect(lambda message: window.statusBar().showMessage(message, 15000))
        self.damaged.connect(lambda message, backup: _tell_damage(window, paths, message, backup))

    def start(self) -> None:
        # Not a daemon: quitting waits for a backup under way (well under a second).
        threading.Thread(target=self._run, name="daily-backup").start()

    def _run(self) -> None:
        try:
            problems = quick_check_notebook(self._paths)
            if problems:
                mark_damaged(self._paths, problems)
                backup = newest_good_backup(self._paths)
                self.damaged.emit(_damage_message(self._paths, problems, backup), backup)
                return
            backup_if_due(self._paths)
        except KnownError as exc:
            self.failed.emit(f"The daily backup could not be written: {exc}")
        except (OSError, sqlite3.Error) as exc:
            self.failed.emit(f"The daily backup could not be written: {exc}.")


def _damage_message(paths: DataPaths, problems: list[str], backup: Path | None) -> str:
    """What was found, then (after a blank line) what the seller can do about it."""
    found = (
        f"Sales Notebook found damage in the notebook file {paths.database} "
        f"({'; '.join(problems[:2])}). What you type is still being saved."
    )
    if backup is None:
        return (
            f"{found}\n\nThere is no good backup to restore yet: export your notes now "
            "(Call ▸ Export notebook…)."
        )
    return (
        f"{found}\n\nThe newest good backup is {backup.name}, taken "
        f"{_local(taken_at(backup))}. Restore it now: the damaged file is kept beside it, and "
        "the notes of a call in progress are written to a text file first. Or later: the "
        "next start offers it too."
    )


def _tell_damage(window: MainWindow, paths: DataPaths, message: str, backup: Path | None) -> None:
    """A box that does not block typing; with a good backup, it restores it at once."""
    from sales_notebook.ui.restore_now import restore_now

    found, _, offer = message.partition("\n\n")
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, found, parent=window)
    box.setInformativeText(offer)
    box.setObjectName("damageFoundDialog")
    box.setModal(False)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if backup is not None:
        restore = box.addButton("Restore newest backup", QMessageBox.ButtonRole.AcceptRole)
        restore.setObjectName("restoreNowButton")
        restore.clicked.connect(lambda: restore_now(window, paths, backup))
        box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    else:
        box.addButton(QMessageBox.StandardButton.Close)
    box.show()
