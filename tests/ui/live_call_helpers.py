"""Typing into the live call as a seller does: real key events, real shortcuts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import update

from sales_notebook.store.models import Call

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def type_text(widget: QWidget, text: str) -> None:
    """One key event per character, carrying its text (keyClicks aborts on non-ASCII)."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def type_live(widget: QWidget, text: str) -> None:
    """Type as a seller does into the notes: while the `@` popup is open the keys reach it
    first (it hands them on to the editor), as a real popup grabbing the keyboard would."""
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        key_to(widget, key, char)


def key_to(widget: QWidget, key: Qt.Key, char: str = "") -> None:
    """One key, pressed and released, to the open popup if there is one, else to widget."""
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        target = QApplication.activePopupWidget() or widget
        QApplication.sendEvent(target, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def started_call(services, account="Acme", deal: str | None = "Renewal", seconds_ago=0) -> int:
    """A live call begun `seconds_ago`: the window opened after it recovers it."""
    account_id, deal_id = services.accounts.find_or_add(account, deal or "")
    call_id = services.calls.start(account_id, deal_id)
    with services.db.session() as s:
        s.execute(
            update(Call)
            .where(Call.id == call_id)
            .values(started_at=datetime.now(UTC) - timedelta(seconds=seconds_ago))
        )
    return call_id


def activate(qtbot, widget: QWidget) -> None:
    """Window shortcuts fire only in the active window."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def press(qtbot, widget: QWidget, key: Qt.Key, modifiers=CTRL) -> None:
    qtbot.keyClick(widget, key, modifiers)
