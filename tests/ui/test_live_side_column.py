"""The column beside the notes in a small window: markers, who is on the call, checklist."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QWidget

from tests.ui.live_call_helpers import CTRL_SHIFT, activate, press


def shown_whole(column, widget: QWidget) -> bool:
    """Whether all of `widget` is inside the side column's visible area."""
    viewport = column.viewport()
    place = QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())
    return viewport.rect().contains(place)


@pytest.fixture
def small_window(demo_services, qtbot, paths):
    from sales_notebook.ui.main_window import MainWindow

    deal = next(a.deals[0] for a in demo_services.accounts.all() if a.name == "Altamira Schools")
    demo_services.calls.start(deal.account_id, deal.id)
    window = MainWindow(demo_services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.live_pane.shutdown()


def test_a_small_window_scrolls_the_column_instead_of_squeezing_it(small_window, qtbot):
    pane = small_window.live_pane
    legend, view = pane.markers_section.legend, pane.checklist.view
    # The whole Ctrl+digit legend, and all eight fields of the checklist at once.
    assert legend.height() >= legend.heightForWidth(legend.width())
    assert pane.checklist.model.rowCount() == 8
    last_field = view.visualRect(pane.checklist.model.index(7, 0))
    assert view.viewport().rect().contains(last_field)
    assert not view.verticalScrollBar().isVisible()
    assert not view.horizontalScrollBar().isVisible()
    # The column scrolls as a whole, and only up and down.
    column = pane.side_column
    assert column.verticalScrollBar().maximum() > 0
    assert column.widget().width() <= column.viewport().width()
    assert not column.horizontalScrollBar().isVisible()

    activate(qtbot, pane.editor)
    press(qtbot, pane.editor, Qt.Key.Key_Q, CTRL_SHIFT)
    assert view.hasFocus() and shown_whole(column, pane.checklist)
    assert not shown_whole(column, pane.markers_section)  # it had to scroll down
    press(qtbot, view, Qt.Key.Key_A, CTRL_SHIFT)
    assert pane.attendees.list.hasFocus() and shown_whole(column, pane.attendees)
    press(qtbot, pane.attendees.list, Qt.Key.Key_A, CTRL_SHIFT)
    assert pane.editor.hasFocus()
