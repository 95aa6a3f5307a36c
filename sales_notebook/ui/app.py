"""Start the GUI: QApplication, the notebook file (with recovery from a bad one), the window.

Only what the window's frame needs is imported before it is shown; the services (and
SQLAlchemy under them) and the panes load right after its first paint.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Callable
from importlib.resources import files
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from sales_notebook import APP_ID, APP_NAME, __version__
from sales_notebook.paths import DataPaths
from sales_notebook.store.backup import backup_if_due, list_backups, restore_backup
from sales_notebook.store.errors import CorruptNotebook, KnownError
from sales_notebook.store.migrate import prepare
from sales_notebook.ui.location_warning import warn_about_location
from sales_notebook.ui.single_instance import (
    NotebookLock,
    listen_for_show_requests,
    show_running_window,
)

if TYPE_CHECKING:
    from sales_notebook.store.services import Services
    from sales_notebook.ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the notebook's identity (one app id everywhere)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(files("sales_notebook.resources") / "sales-notebook.svg")))
    return app


def open_notebook(paths: DataPaths) -> Services | None:
    """Prepare the notebook file and open its services; None means quit."""
    if not prepare_notebook(paths):
        return None
    from sales_notebook.store.services import Services

    return Services.open(paths)


def prepare_notebook(paths: DataPaths) -> bool:
    """Create or upgrade the file; on a damaged one offer the newest backup. False means quit."""
    while True:
        try:
            prepare(paths)
            return True
        except CorruptNotebook as exc:
            print(f"sales-notebook: {exc}", file=sys.stderr)
            if not _offer_backup(paths, str(exc)):
                return False
        except KnownError as exc:
            print(f"sales-notebook: {exc}", file=sys.stderr)
            QMessageBox.critical(None, APP_NAME, str(exc))
            return False


def _offer_backup(paths: DataPaths, message: str) -> bool:
    backups = list_backups(paths)
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, message)
    box.setObjectName("corruptNotebookDialog")
    restore = None
    if backups:
        box.setInformativeText(f"The newest backup is {backups[0].name}.")
        restore = box.addButton("Open newest backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText("There is no backup to open.")
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if restore is None or box.clickedButton() is not restore:
        return False
    aside = restore_backup(paths, backups[0])
    print(f"sales-notebook: the damaged file was kept as {aside}", file=sys.stderr)
    return True


# bench/startup.py sets this: print "shown" at the window's first paint, "ready" at the first
# paint once the panes are built, then quit.
SHOWN_ENV = "SALES_NOTEBOOK_QUIT_WHEN_SHOWN"
# Build the panes even if no paint event comes (a window that starts minimised).
ATTACH_FALLBACK_MS = 500


class _OnPaint(QObject):
    """Calls `then` once, at the next paint of the watched widget."""

    def __init__(self, widget: QObject, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            self.deleteLater()
            # After this paint has reached the screen, not inside it.
            QTimer.singleShot(0, self._then)
        return False


def run_app(paths: DataPaths) -> int:
    """Open the main window on the notebook in `paths` and run until it closes."""
    app = make_application()
    paths.ensure()
    lock = NotebookLock(paths)
    if not lock.acquire():
        return _already_open(paths, lock)
    if not prepare_notebook(paths):
        return 2
    from sales_notebook.ui.main_window import MainWindow

    settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
    window = MainWindow(None, settings)
    app.aboutToQuit.connect(window.flush_all)
    report = bool(os.environ.get(SHOWN_ENV))

    def attach() -> None:
        if window.services is not None:
            return
        if report:
            print("shown", flush=True)
        _attach_services(window, paths)
        # After the panes' first paint: neither is needed to type.
        QTimer.singleShot(0, lambda: _after_ready(window, paths))
        if report:
            _OnPaint(window, _report_ready)
            window.update()

    _OnPaint(window, attach)
    QTimer.singleShot(ATTACH_FALLBACK_MS, attach)
    window.show()
    try:
        return app.exec()
    finally:
        if window.services is not None:
            window.services.close()
        lock.release()


def _already_open(paths: DataPaths, lock: NotebookLock) -> int:
    if show_running_window(paths, holder=lock.holder()):
        print(
            f"sales-notebook: this notebook is already open ({paths.root}); "
            "its window was brought to the front.",
            file=sys.stderr,
        )
        return 0
    holder = lock.holder()
    message = (
        f"This notebook ({paths.root}) is already open in another Sales Notebook window"
        + (f" (process {holder})" if holder else "")
        + ". Switch to that window; two windows on one notebook would overwrite each other's notes."
    )
    print(f"sales-notebook: {message}", file=sys.stderr)
    QMessageBox.information(None, APP_NAME, message)
    return 1


def _after_ready(window: MainWindow, paths: DataPaths) -> None:
    listen_for_show_requests(paths, window, window.bring_to_front)
    warn_about_location(window, paths)
    _AutomaticBackup(window, paths).start()


class _AutomaticBackup(QObject):
    """The daily backup, taken off the GUI thread once the window is up. A failure is told in
    the status bar: a dialog in the middle of a call would be worse than a missed backup."""

    failed = Signal(str)

    def __init__(self, window: MainWindow, paths: DataPaths) -> None:
        super().__init__(window)
        self._paths = paths
        self.failed.connect(lambda message: window.statusBar().showMessage(message, 15000))

    def start(self) -> None:
        # Not a daemon: quitting waits for a backup under way (well under a second).
        threading.Thread(target=self._run, name="daily-backup").start()

    def _run(self) -> None:
        try:
            backup_if_due(self._paths)
        except (OSError, sqlite3.Error) as exc:
            self.failed.emit(f"The daily backup could not be written: {exc}.")


def _report_ready() -> None:
    print("ready", flush=True)
    QApplication.quit()


def _attach_services(window: MainWindow, paths: DataPaths) -> None:
    from sales_notebook.store.services import Services

    window.attach(Services.open(paths))
