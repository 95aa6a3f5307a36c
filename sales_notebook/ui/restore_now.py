"""Damage found while the window is open: the newest good backup restored at once.

The window lets go of the notebook (everything typed flushed, the writer and every thread
stopped, the engine disposed), the backup is put in place all-or-nothing, and the panes open
again on the restored file. The seller is told where the damaged file went, and where the
notes of a call in progress went: the backup predates them, so they are written to a text
file first.
"""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from sales_notebook import APP_NAME
from sales_notebook.paths import DataPaths
from sales_notebook.store.backup import restore_backup, taken_at
from sales_notebook.store.errors import KnownError
from sales_notebook.store.integrity import clear_damage_mark
from sales_notebook.store.migrate import prepare
from sales_notebook.ui.migration_progress import run_with_progress

if TYPE_CHECKING:
    from sales_notebook.ui.main_window import MainWindow


def restore_now(window: MainWindow, paths: DataPaths, backup: Path) -> bool:
    """Put `backup` in place of the damaged notebook under the open window; True if done.

    A restore that fails (a full disk) leaves the notebook exactly as it was, and the panes
    open on it again; either way the seller is told what happened in a box."""
    from sales_notebook.store.services import Services
    from sales_notebook.ui.live_notes.rescue import write_rescue_file

    notes = None
    if window.services is not None and window.live_pane.call is not None:
        notes = write_rescue_file(paths, window.live_pane.editor.toPlainText())
    window.setEnabled(False)  # nothing typed or clicked while no notebook is open
    try:
        window.detach()
        try:
            aside = run_with_progress(
                partial(_restore, paths, backup), "Restoring the newest good backup…"
            )
            told = f"The notebook now holds the backup taken {_local(backup)}."
            if aside is not None:
                told += f" The damaged file was kept as {aside}."
            done = True
        except KnownError as exc:
            told = f"The backup could not be restored; the notebook is as it was. {exc}"
            done = False
        window.attach(Services.open(paths))
    finally:
        window.setEnabled(True)
    if notes is not None:
        told += f" The notes of the call in progress were written to {notes}."
    print(f"sales-notebook: {told}", file=sys.stderr)
    icon = QMessageBox.Icon.Information if done else QMessageBox.Icon.Critical
    box = QMessageBox(icon, APP_NAME, told, parent=window)
    box.setObjectName("restoredDialog")
    box.exec()
    return done


def _restore(paths: DataPaths, backup: Path) -> Path | None:
    aside = restore_backup(paths, backup)  # all or nothing
    clear_damage_mark(paths)
    prepare(paths)  # a backup from an older version is brought up to this one
    return aside


def _local(backup: Path) -> str:
    return taken_at(backup).astimezone().strftime("%Y-%m-%d %H:%M")
