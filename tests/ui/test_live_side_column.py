"""The column beside the notes in a small window: markers, who is on the call, checklist."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QWidget

from tests.ui.live_call_helpers import CTRL_SHIFT, activate, press
from tests.ui.modal import when_modal


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
    # The Ctrl+digit legend folded to the line that fits (all of it in its tooltip), and all
    # eight fields of the checklist at once.
    assert legend.folded
    assert legend.fontMetrics().horizontalAdvance(legend.text()) <= legend.width()
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


def test_at_1024x640_the_checklist_starts_in_sight_and_the_legend_folds(
    demo_services, qtbot, paths
):
    """The reviewer's window: the legend wrapped to four lines pushed the checklist under
    the fold, so the seller had to scroll to see it during the call."""
    from sales_notebook.ui.main_window import MainWindow

    window = MainWindow(demo_services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1024, 640)
    window.show()
    qtbot.waitExposed(window)
    deal = next(a.deals[0] for a in demo_services.accounts.all() if a.name == "Altamira Schools")
    window.sidebar.select(deal.account_id, deal.id)
    when_modal(lambda dialog: qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return))
    activate(qtbot, window)
    press(qtbot, window, Qt.Key.Key_N)  # the call for the deal picked in the sidebar
    pane = window.live_pane
    qtbot.waitUntil(lambda: pane.call is not None and pane.editor.hasFocus())
    try:
        column, view, legend = pane.side_column, pane.checklist.view, pane.markers_section.legend
        qtbot.waitUntil(lambda: legend.folded)
        # Unscrolled, the checklist's header and its first fields are in sight, whole.
        assert column.verticalScrollBar().value() == 0
        header = view.horizontalHeader()
        assert shown_whole(column, header)
        for row in range(3):
            field = view.visualRect(pane.checklist.model.index(row, 0))
            place = QRect(view.viewport().mapTo(column.viewport(), field.topLeft()), field.size())
            assert column.viewport().rect().contains(place), row
        # The legend is one line, cut after a whole entry; the tooltip has all of it.
        line = legend.fontMetrics().height()
        assert legend.height() < 2 * line
        assert legend.fontMetrics().horizontalAdvance(legend.text()) <= legend.width()
        assert legend.text().endswith(" · …") and "1\u00a0Next\u00a0step" in legend.text()
        assert legend.toolTip().endswith("9\u00a0Pain")
        # A row per person on the call: none cut, no scroll bar of its own.
        people = pane.attendees.list
        assert people.count() == 3 and not people.verticalScrollBar().isVisible()
        assert not column.horizontalScrollBar().isVisible()

        # With the room, the whole legend is back, wrapped, and nothing scrolls.
        window.resize(1440, 900)
        qtbot.waitUntil(lambda: not legend.folded)
        assert legend.text() == legend.toolTip()
        qtbot.waitUntil(lambda: legend.height() >= legend.heightForWidth(legend.width()))
        qtbot.waitUntil(lambda: column.verticalScrollBar().maximum() == 0)
        assert shown_whole(column, pane.checklist)
    finally:
        pane.shutdown()
