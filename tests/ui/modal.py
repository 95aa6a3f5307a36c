"""Answer the modal dialog a user action opens, as the user would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

_pending: list[QTimer] = []
errors: list[BaseException] = []


def when_modal(handle: Callable[[QWidget], None], timeout_ms: int = 5000) -> list[QWidget]:
    """Call `handle(dialog)` once a modal dialog is up; returns a list that receives it.

    A handler that raises closes the dialog (so the test cannot hang on it) and the error is
    re-raised when the test ends (see tests/conftest.py).
    """
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
            try:
                handle(dialog)
            except BaseException as exc:
                errors.append(exc)
                if isinstance(dialog, QDialog | QMessageBox):
                    dialog.reject()
        elif waited[0] > timeout_ms:
            timer.stop()

    timer.timeout.connect(poll)
    timer.start()
    _pending.append(timer)  # a QTimer without a parent must be kept alive by a reference
    return seen


def forget_pending() -> None:
    """Stop pollers a test left behind, so they cannot answer the next test's dialogs."""
    for timer in _pending:
        timer.stop()
    _pending.clear()
