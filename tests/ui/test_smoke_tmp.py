from PySide6.QtCore import Qt

from tests.ui.modal import when_modal


def test_new_call_and_type(window, qtbot, services):
    def fill(dialog):
        qtbot.keyClicks(dialog.account_edit, "Acme")
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)

    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.live_pane.call is not None
    qtbot.keyClicks(window.live_pane.editor, "hello world")
    qtbot.waitUntil(
        lambda: services.calls.get(window.live_pane.call.id).notes == "hello world", timeout=3000
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.live_pane.editor, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.review_pane
