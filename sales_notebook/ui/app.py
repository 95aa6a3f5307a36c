"""Start the GUI: QApplication, the notebook file (with recovery from a bad one), the window."""

from __future__ import annotations

import os
import sys
from importlib.resources import files

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from sales_notebook import APP_ID, APP_NAME, __version__
from sales_notebook.paths import DataPaths
from sales_notebook.store.backup import list_backups, restore_backup
from sales_notebook.store.errors import CorruptNotebook, KnownError
from sales_notebook.store.migrate import prepare
from sales_notebook.store.services import Services


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
    """Prepare the notebook file; on a damaged one offer the newest backup. None means quit."""
    while True:
        try:
            prepare(paths)
            return Services.open(paths)
        except CorruptNotebook as exc:
            print(f"sales-notebook: {exc}", file=sys.stderr)
            if not _offer_backup(paths, str(exc)):
                return None
        except KnownError as exc:
            print(f"sales-notebook: {exc}", file=sys.stderr)
            QMessageBox.critical(None, APP_NAME, str(exc))
            return None


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


# bench/startup.py sets this: print "shown" at the first paint of the main window, then quit.
SHOWN_ENV = "SALES_NOTEBOOK_QUIT_WHEN_SHOWN"


class _FirstPaint(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            print("shown", flush=True)
            QTimer.singleShot(0, self._app.quit)
        return False


def _report_first_paint(window: QObject, app: QApplication) -> None:
    window.installEventFilter(_FirstPaint(app))


def run_app(paths: DataPaths) -> int:
    """Open the main window on the notebook in `paths` and run until it closes."""
    app = make_application()
    services = open_notebook(paths)
    if services is None:
        return 2
    from sales_notebook.ui.main_window import MainWindow

    settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
    window = MainWindow(services, settings)
    app.aboutToQuit.connect(window.flush_all)
    if os.environ.get(SHOWN_ENV):
        _report_first_paint(window, app)
    window.show()
    try:
        return app.exec()
    finally:
        services.close()
