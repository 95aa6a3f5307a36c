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


def run_with_progress(work: Callable[[], T], label: str, show_after_ms: int | None = None) -> T:
    """Run `work` on a thread; if it lasts past `show_after_ms` (default SHOW_AFTER_MS), show a
    busy progress window. Returns its result or raises its exception, on the GUI thread."""
    if show_after_ms is None:
        show_after_ms = SHOW_AFTER_MS
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
            outcome["done"] = True
            finished.done.emit()

    shown: list[QProgressDialog] = []

    def reveal() -> None:  # built only when needed: a quick start creates no window at all
        if "done" in outcome:
            return
        dialog = QProgressDialog(label, "", 0, 0)
        dialog.setObjectName("migrationProgress")
        dialog.setWindowTitle(f"{APP_NAME}: updating the notebook")
        dialog.setCancelButton(None)  # a half-done upgrade cannot be cancelled safely
        dialog.show()
        shown.append(dialog)

    thread = threading.Thread(target=run, name="notebook-upgrade")
    thread.start()
    QTimer.singleShot(show_after_ms, loop, reveal)
    loop.exec()
    thread.join()
    for dialog in shown:
        dialog.close()
        dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]
