"""SIGINT (Ctrl+C in a terminal) and SIGTERM (a logout, a shutdown, `kill`): flush and quit.

Python runs a signal handler only when the interpreter gets control, which Qt's event loop may
not give it for a long time. `signal.set_wakeup_fd` writes a byte to a socket that Qt watches,
so the loop wakes up at once; the handler then asks the window to close without a question
(notes that cannot be saved go to a rescue file), and the app quits normally.
"""

from __future__ import annotations

import logging
import signal
import socket
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from sales_notebook.ui.main_window import MainWindow

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class _SignalWatcher(QObject):
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(app)
        self._window = window
        self._reader, self._writer = socket.socketpair()
        self._reader.setblocking(False)
        self._writer.setblocking(False)
        signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        for number in SIGNALS:
            signal.signal(number, self._handle)
        app.aboutToQuit.connect(self.restore)

    def _drain(self) -> None:
        # The bytes only wake the loop up; the Python handler has run (or runs now).
        try:
            while self._reader.recv(64):
                pass
        except BlockingIOError:
            return

    def _handle(self, number: int, _frame: object) -> None:
        log.info("Signal %s received: saving and quitting", signal.Signals(number).name)
        QTimer.singleShot(0, self._quit)

    def _quit(self) -> None:
        self._window.quit_now()
        QApplication.quit()

    def restore(self) -> None:
        signal.set_wakeup_fd(-1)
        for number in SIGNALS:
            signal.signal(number, signal.SIG_DFL)
        self._notifier.setEnabled(False)


def quit_on_signals(app: QApplication, window: MainWindow) -> None:
    """From now on SIGINT and SIGTERM close `window` (its notes flushed) and quit."""
    _SignalWatcher(app, window)
