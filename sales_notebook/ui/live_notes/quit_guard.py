"""Quitting while the notes are not on disk asks first (Ctrl+Q, closing the window)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from sales_notebook import APP_NAME

if TYPE_CHECKING:
    from sales_notebook.ui.main_window import MainWindow


def confirm_quit_unsaved(window: MainWindow) -> bool:
    """True to go on quitting. Asked only when saves are failing (the window has just tried
    once more): keep the window open, save the notes to a file first, or lose them."""
    from sales_notebook.ui.live_notes.rescue import save_notes_to_file

    saver = window.live_pane.autosaver
    if not saver.unsaved or saver.failing is None:
        return True
    box = QMessageBox(
        QMessageBox.Icon.Warning, APP_NAME, "Your latest notes are not saved.", parent=window
    )
    box.setObjectName("unsavedNotesDialog")
    box.setInformativeText(
        f"{saver.failing}\n\nIf you quit now, what you typed since the last save is lost. "
        "Keep the window open and saving goes on retrying, or save the notes to a file first."
    )
    keep = box.addButton("Keep the window open", QMessageBox.ButtonRole.RejectRole)
    to_file = box.addButton("Save to a file and quit…", QMessageBox.ButtonRole.AcceptRole)
    lose = box.addButton("Quit and lose them", QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is to_file:
        return save_notes_to_file(window)
    return clicked is lose
