"""A long start-up step (upgrading the notebook's schema, rebuilding its full-text index on a
large file) runs off the GUI thread, with a small progress window if it takes a while, so the
app never looks dead before its main window appears."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog

from sales_notebook import APP_NAME

T = TypeVar("T")
SHOW_AFTER_MS = 400  # a quick start never flashes a window


class _Finished(QObject):
    done = Signal()


def run_with_progress(work: Callable[[], T], label: str, show_after_ms: int = SHOW_AFTER_MS) -> T:
    """Run `work` on a thread; if it lasts past `show_after_ms`, show a busy progress window.
    Returns its result or raises its exception, on the GUI thread."""
    outcome: dict[str, Any] = {}
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit, Qt.ConnectionType.QueuedConnection)

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as exc:  # re-raised on the GUI thread below
            outcome["error"] = exc
        finally:
            finished.done.emit()

    dialog = QProgressDialog(label, "", 0, 0)
    dialog.setObjectName("migrationProgress")
    dialog.setWindowTitle(APP_NAME)
    dialog.setCancelButton(None)  # a half-done upgrade cannot be cancelled safely
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.hide()
    reveal = QTimer(singleShot=True, interval=show_after_ms)
    reveal.timeout.connect(dialog.show)
    thread = threading.Thread(target=run, name="notebook-upgrade")
    thread.start()
    reveal.start()
    loop.exec()
    thread.join()
    reveal.stop()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]
