"""Ctrl+N with an accented account typed in another case picks the existing account."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.live_call_helpers import type_text
from tests.ui.modal import when_modal

CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_n_typing_an_existing_accented_name_picks_it(window, qtbot, services) -> None:
    existing = services.accounts.add("Ärzte GmbH")
    window.sidebar.reload()

    def fill(dialog) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.account_edit)
        type_text(dialog.account_edit, "ärzte gmbh")
        popup = dialog.account_edit.completer().popup()
        if popup.isVisible():
            qtbot.keyClick(popup, Qt.Key.Key_Escape)  # the name as typed, not the completion
        assert dialog.account_edit.text() == "ärzte gmbh"
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: window.live_pane.call is not None)
    assert window.live_pane.call.account_id == existing
    assert [a.name for a in services.accounts.all()] == ["Ärzte GmbH"]
