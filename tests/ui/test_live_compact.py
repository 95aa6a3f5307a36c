import pytest
from PySide6.QtCore import Qt

from tests.ui.live_call_helpers import CTRL, CTRL_SHIFT, activate, press, started_call, type_text


@pytest.fixture
def call_id(services):
    return started_call(services, seconds_ago=65)


def test_compact_mode_keeps_autosaving_and_markers_and_ends_the_call(
    call_id, window, qtbot, services
):
    pane = window.live_pane
    activate(qtbot, pane.editor)
    type_text(pane.editor, "before ")
    press(qtbot, pane.editor, Qt.Key.Key_M, CTRL_SHIFT)
    compact = pane.compact
    assert compact.isVisible()
    assert compact.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert pane.editor.window() is compact
    assert compact.timer_label.text().startswith("01:0")
    activate(qtbot, compact)
    type_text(pane.editor, "in the small window ")
    press(qtbot, pane.editor, Qt.Key.Key_8, CTRL)
    type_text(pane.editor, "BigCo")
    text = pane.editor.toPlainText()
    assert text.startswith("before in the small window [+01:0")
    assert text.endswith(" Competitor] BigCo")
    qtbot.waitUntil(lambda: services.calls.get(call_id).notes == text, timeout=4000)
    qtbot.waitUntil(lambda: len(services.live_call.markers(call_id)) == 1, timeout=4000)
    assert compact.markers.model().rowCount() == 1

    press(qtbot, pane.editor, Qt.Key.Key_M, CTRL_SHIFT)  # back to the full window
    assert not compact.isVisible()
    assert pane.editor.window() is window
    assert pane.editor.toPlainText() == text
    activate(qtbot, window)
    press(qtbot, pane.editor, Qt.Key.Key_M, CTRL_SHIFT)
    activate(qtbot, compact)
    type_text(pane.editor, " again")
    with qtbot.waitSignal(pane.call_ended, timeout=5000):
        press(qtbot, pane.editor, Qt.Key.Key_E, CTRL)  # ends from the small window too
    assert not compact.isVisible()
    assert services.calls.get(call_id).notes == text + " again"
    assert services.calls.get(call_id).ended_at is not None
    assert window.tabs.currentWidget() is window.review_pane
    assert pane.editor.window() is window


def test_closing_the_small_window_brings_the_notes_back(call_id, window, qtbot, services):
    pane = window.live_pane
    activate(qtbot, pane.editor)
    pane.compact_button.click()
    assert pane.compact_mode
    pane.compact.close()
    assert not pane.compact_mode
    assert pane.notes_stack.currentWidget() is pane.editor
    assert pane.call is not None


def test_the_small_window_opens_where_it_was_left_even_after_a_restart(
    call_id, window, qtbot, services, paths
):
    from PySide6.QtCore import QPoint, QSettings

    from sales_notebook.ui.main_window import MainWindow

    pane = window.live_pane
    activate(qtbot, pane.editor)
    press(qtbot, pane.editor, Qt.Key.Key_M, CTRL_SHIFT)
    corner = pane.compact.pos()
    pane.compact.move(40, 60)
    pane.compact.resize(380, 300)
    moved = pane.compact.pos()
    assert moved != corner
    press(qtbot, pane.editor, Qt.Key.Key_M, CTRL_SHIFT)  # back to the full window
    activate(qtbot, window)
    press(qtbot, pane.editor, Qt.Key.Key_M, CTRL_SHIFT)
    assert pane.compact.pos() == moved and pane.compact.size().height() == 300
    window.close()  # the layout is saved on close

    again = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.live_pane.call is not None  # the running call was recovered
    activate(qtbot, again.live_pane.editor)
    press(qtbot, again.live_pane.editor, Qt.Key.Key_M, CTRL_SHIFT)
    assert again.live_pane.compact.pos() == moved != QPoint(0, 0)
    assert again.live_pane.compact.size().height() == 300
    again.live_pane.shutdown()


def test_a_long_marker_line_fits_the_markers_lists(call_id, window, qtbot):
    pane = window.live_pane
    activate(qtbot, pane.editor)
    press(qtbot, pane.editor, Qt.Key.Key_1, CTRL)
    type_text(pane.editor, "send the pilot plan and the pricing sheet to finance " * 3)
    pane.flush(wait=True)
    press(qtbot, pane.editor, Qt.Key.Key_M, CTRL_SHIFT)
    qtbot.waitExposed(pane.compact)
    for markers in (pane.compact.markers, pane.markers_list):
        # The row is as wide as the list (the text elided), so no horizontal scrolling.
        row = markers.visualRect(markers.model().index(0, 0))
        assert row.width() <= markers.viewport().width()
        assert not markers.horizontalScrollBar().isVisible()
    press(qtbot, pane.editor, Qt.Key.Key_M, CTRL_SHIFT)
