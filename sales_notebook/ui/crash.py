"""Uncaught errors: logged with their traceback and shown in one dialog that says where the log is.

`sys.excepthook` catches what escapes the main thread, including an exception raised in a Qt
slot (PySide hands those to it); `threading.excepthook` what escapes another thread. The dialog
is not modal, so the notes keep the keyboard, and there is only ever one: a second error while
it is up is logged and counted in it.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from sales_notebook import APP_NAME

log = logging.getLogger(__name__)

_reporter: CrashReporter | None = None


class CrashReporter(QObject):
    """Installs the hooks; `dialog` is the one crash dialog while it is on screen."""

    _show = Signal(str)  # queued to the GUI thread when an error comes from another one

    def __init__(self, log_path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self.count = 0
        self._previous = (sys.excepthook, threading.excepthook)
        self._show.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)

    def install(self) -> CrashReporter:
        global _reporter
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        _reporter = self
        return self

    def uninstall(self) -> None:
        global _reporter
        sys.excepthook, threading.excepthook = self._previous
        if _reporter is self:
            _reporter = None

    def excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, error, tb)
            return
        self.report(error, tb)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.report(args.exc_value, args.exc_traceback)

    def report(self, error: BaseException, tb: TracebackType | None = None) -> None:
        """Log `error` with its traceback and show (or update) the one crash dialog."""
        log.critical("Unexpected error", exc_info=(type(error), error, tb or error.__traceback__))
        self._show.emit(f"{type(error).__name__}")

    def _show_dialog(self, kind: str) -> None:
        self.count += 1
        where = str(self.log_path) if self.log_path else "standard error"
        text = (
            f"Sales Notebook ran into an unexpected error ({kind}). It was written to the log "
            f"with its details:\n{where}\n\nYour saved notes are safe. If this happens again, "
            "please send that file along with what you were doing."
        )
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.setInformativeText(f"{self.count} errors so far; each one is in the log.")
            return
        parent = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, text, parent=parent)
        box.setObjectName("crashDialog")
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.destroyed.connect(self._forget_dialog)
        self.dialog = box
        self.count = 1
        box.show()

    def _forget_dialog(self) -> None:
        self.dialog = None


def report_bug(error: BaseException) -> None:
    """A bug caught where it happened (a failed save): logged with its traceback and shown
    once, the same way as an uncaught one."""
    if _reporter is not None:
        _reporter.report(error)
    else:
        log.error("Unexpected error", exc_info=error)
        print(f"sales-notebook: unexpected error: {error!r}", file=sys.stderr)
