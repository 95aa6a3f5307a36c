"""When the notes have nowhere to go: the call is gone (its account deleted, the notebook
replaced by an import) or the file was deleted or replaced under the window. What was typed is
never dropped: it can go into a new call, onto the clipboard or into a text file."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QFileDialog

from sales_notebook.paths import DataPaths
from sales_notebook.store.atomic_file import write_atomically
from sales_notebook.store.errors import KnownError
from sales_notebook.store.migrate import prepare

if TYPE_CHECKING:
    from sales_notebook.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def wire_rescue(window: MainWindow) -> None:
    """The rescue bar's buttons (the bar shows when the autosaver reports the call lost)."""
    bar = window.live_pane.rescue_bar
    bar.new_call.connect(lambda: save_into_new_call(window))
    bar.to_file.connect(lambda: save_notes_to_file(window))
    bar.copy.connect(lambda: copy_notes(window))


def copy_notes(window: MainWindow) -> None:
    QApplication.clipboard().setText(window.live_pane.editor.toPlainText())
    window.statusBar().showMessage(
        "The notes are on the clipboard: paste them somewhere safe before you quit.", 10000
    )


def save_into_new_call(window: MainWindow) -> bool:
    """Start a new call with the same account (added again if it was deleted) holding the
    notes; the window goes on with it. A file replaced under the window is adopted first."""
    services = window._services()
    pane = window.live_pane
    old = pane.call
    if old is None:
        return False
    text = pane.editor.toPlainText()

    def move() -> int:  # on the writer's thread, after every queued write
        services.db.dispose()  # no pooled connection may still point at a replaced file
        if not services.paths.database.exists():  # deleted: a new, empty notebook holds them
            prepare(services.paths)
        account_id, deal_id = services.accounts.find_or_add(old.account_name, old.deal_name or "")
        call_id = services.calls.start(account_id, deal_id)
        services.calls.save_notes(call_id, text)
        return call_id

    try:
        call_id = window.writer.call(move, adopt=True)
    except KnownError as exc:
        window._warn(f"The notes could not be saved into a new call. {exc}")
        return False
    pane.autosaver.attach(None)
    pane.rescue_bar.hide()
    pane.open_call(services.calls.get(call_id))
    window.sidebar.reload(select=(pane.call.account_id, pane.call.deal_id) if pane.call else None)
    window.statusBar().showMessage(
        f"Your notes were saved into a new call with {old.account_name}.", 10000
    )
    return True


def save_notes_to_file(window: MainWindow) -> bool:
    """Ask where, then write the notes as a text file (whole or not at all). True once written."""
    pane = window.live_pane
    call = pane.call
    name = f"notes-{call.account_name if call else 'call'}-{datetime.now():%Y%m%d-%H%M}.txt"
    target, _ = QFileDialog.getSaveFileName(
        window, "Save the notes", str(Path.home() / name), "Text (*.txt)"
    )
    if not target:
        return False
    text = pane.editor.toPlainText()
    try:
        write_atomically(Path(target), lambda out: out.write(text))
    except OSError as exc:
        window._warn(f"The notes could not be written to {target}: {exc.strerror or exc}.")
        return False
    window.statusBar().showMessage(f"The notes were saved to {target}.", 10000)
    return True


def write_rescue_file(paths: DataPaths, text: str) -> Path | None:
    """Quitting on a signal with notes not saved: they go to a text file in the data dir (or,
    if that fails too, the home folder). Returns where, or None if nothing could be written."""
    name = f"unsaved-notes-{datetime.now():%Y%m%d-%H%M%S}.txt"
    for folder in (paths.root, Path.home()):
        try:
            return write_atomically(folder / name, lambda out: out.write(text))
        except OSError as exc:
            log.error("Could not write the unsaved notes to %s: %s", folder, exc)
    return None
