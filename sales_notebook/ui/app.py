"""Start the GUI: QApplication, the notebook file (with recovery from a bad one), the window.

Only what the window's frame needs is imported before it is shown; the services (and
SQLAlchemy under them) and the panes load right after its first paint.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Callable
from importlib.resources import files
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from sales_notebook import APP_ID, APP_NAME, DESKTOP_ID, __version__
from sales_notebook.logs import setup_logging, stop_logging
from sales_notebook.paths import DataPaths
from sales_notebook.store.errors import KnownError
from sales_notebook.ui.crash import CrashReporter
from sales_notebook.ui.location_warning import warn_about_location
from sales_notebook.ui.quit_signals import quit_on_signals
from sales_notebook.ui.recovery import AutomaticBackup, prepare_notebook
from sales_notebook.ui.single_instance import (
    NotebookLock,
    listen_for_show_requests,
    show_running_window,
)

if TYPE_CHECKING:
    from sales_notebook.store.services import Services
    from sales_notebook.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the notebook's identity (one app id everywhere)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_ID)
    app.setDesktopFileName(DESKTOP_ID)
    app.setWindowIcon(QIcon(str(files("sales_notebook.resources") / "sales-notebook.svg")))
    return app


def open_notebook(paths: DataPaths) -> Services | None:
    """Prepare the notebook file and open its services; None means quit."""
    if not prepare_notebook(paths):
        return None
    from sales_notebook.store.services import Services

    return Services.open(paths)


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
    try:
        paths.ensure()
    except KnownError as exc:  # a file where the folder should be, a read-only place...
        print(f"sales-notebook: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 2
    log_path = setup_logging(paths)
    crashes = CrashReporter(log_path, app).install()
    log.info("Sales Notebook %s starting on %s", __version__, paths.root)
    try:
        return _run_window(app, paths)
    except Exception:
        log.critical("Sales Notebook failed to start or stop", exc_info=True)
        raise
    finally:
        log.info("Sales Notebook stopped")
        crashes.uninstall()
        stop_logging()


def _run_window(app: QApplication, paths: DataPaths) -> int:
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
    quit_on_signals(app, window)
    window.show()
    try:
        return app.exec()
    finally:
        if window.services is not None:
            window.services.close()
        lock.release()


def _already_open(paths: DataPaths, lock: NotebookLock) -> int:
    from sales_notebook.store.writer_lock import LOCK_NAME, lock_holder

    holder = lock_holder(paths.root / LOCK_NAME)
    if holder.startswith("`"):  # a command that writes, such as `sales-notebook import`
        message = (
            f"This notebook ({paths.root}) is being changed by {holder}. "
            "Open it again once that command has finished."
        )
    elif show_running_window(paths, holder=lock.holder()):
        print(
            f"sales-notebook: this notebook is already open ({paths.root}); "
            "its window was brought to the front.",
            file=sys.stderr,
        )
        return 0
    else:
        message = (
            f"This notebook ({paths.root}) is already open in {holder}. Switch to that "
            "window; two windows on one notebook would overwrite each other's notes."
        )
    print(f"sales-notebook: {message}", file=sys.stderr)
    QMessageBox.information(None, APP_NAME, message)
    return 1


def _after_ready(window: MainWindow, paths: DataPaths) -> None:
    listen_for_show_requests(paths, window, window.bring_to_front)
    warn_about_location(window, paths)
    AutomaticBackup(window, paths).start()
    # What the window built to start (about 93,000 objects, libraries included) lives for the
    # session: Python's full collections leave it out from now on. Walking it held the window
    # (or a reading on its worker thread, which holds the GIL meanwhile) for 51-58 ms each
    # time one came due, mid-typing as well; 1.4-1.9 ms now (bench/collect.py).
    gc.freeze()


def _report_ready() -> None:
    print("ready", flush=True)
    QApplication.quit()


def _attach_services(window: MainWindow, paths: DataPaths) -> None:
    from sales_notebook.store.services import Services

    window.attach(Services.open(paths))
