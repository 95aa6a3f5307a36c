"""Answer the modal dialog a user action opens, as the user would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def when_modal(handle: Callable[[QWidget], None], timeout_ms: int = 5000) -> list[QWidget]:
    """Call `handle(dialog)` once a modal dialog is up; returns a list that receives it."""
    seen: list[QWidget] = []
    timer = QTimer()
    timer.setInterval(10)
    waited = [0]

    def poll() -> None:
        waited[0] += 10
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            timer.stop()
            seen.append(dialog)
            handle(dialog)
        elif waited[0] > timeout_ms:
            timer.stop()

    timer.timeout.connect(poll)
    timer.start()
    _alive.append(timer)  # a QTimer without a parent must be kept alive by a reference
    return seen


_alive: list[QTimer] = []
