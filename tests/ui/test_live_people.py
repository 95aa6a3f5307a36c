import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sales_notebook.core.vocabulary import Coverage
from sales_notebook.store.models import Stakeholder
from tests.ui.live_call_helpers import CTRL_SHIFT, activate, press, started_call, type_text


@pytest.fixture
def call_id(services):
    call_id = started_call(services)
    account_id = services.calls.get(call_id).account_id
    for name, title in (("Priya Raman", "Head of Digital"), ("Tom Okafor", "Analyst")):
        services.attendance.add_person(account_id, f"{name}, {title}")
    return call_id


def test_tick_attendees_and_add_someone_from_the_keyboard(call_id, window, qtbot, services):
    pane = window.live_pane
    changes = []
    pane.people_changed.connect(lambda: changes.append(True))
    activate(qtbot, pane.editor)
    type_text(pane.editor, "notes ")
    press(qtbot, pane.editor, Qt.Key.Key_A, CTRL_SHIFT)
    people = pane.attendees.list
    assert people.hasFocus() and people.currentItem().text() == "Priya Raman, Head of Digital"
    qtbot.keyClick(people, Qt.Key.Key_Space)
    [priya] = [p for p in services.attendance.people(1) if p.name == "Priya Raman"]
    assert services.attendance.attendance(call_id) == {priya.id: False}
    assert priya.coverage == Coverage.BRIEF and priya.last_contact is not None

    qtbot.keyClick(people, Qt.Key.Key_Tab)
    assert pane.attendees.add_edit.hasFocus()
    type_text(pane.attendees.add_edit, "Dana Lee, CFO")
    qtbot.keyClick(pane.attendees.add_edit, Qt.Key.Key_Return)
    assert pane.editor.hasFocus()  # straight back to the notes
    with services.db.session() as s:
        dana = s.scalars(select(Stakeholder).where(Stakeholder.name == "Dana Lee")).one()
        assert (dana.title, dana.account_id, dana.coverage) == ("CFO", 1, "brief")
    assert services.attendance.attendance(call_id)[dana.id] is False
    labels = [people.item(i).text() for i in range(people.count())]
    assert "Dana Lee, CFO" in labels
    type_text(pane.editor, "more")
    assert pane.editor.toPlainText() == "notes more"
    assert len(changes) == 2  # the map can refresh: one tick, one new person


def test_a_bad_line_says_why_and_escape_goes_back(call_id, window, qtbot, services):
    pane = window.live_pane
    activate(qtbot, pane.editor)
    press(qtbot, pane.editor, Qt.Key.Key_A, CTRL_SHIFT)
    pane.attendees.add_edit.setFocus()
    type_text(pane.attendees.add_edit, ", CFO")
    qtbot.keyClick(pane.attendees.add_edit, Qt.Key.Key_Return)
    assert not pane.attendees.error.isHidden()
    assert "name" in pane.attendees.error.text()
    qtbot.keyClick(pane.attendees.add_edit, Qt.Key.Key_Escape)
    assert pane.editor.hasFocus()
    press(qtbot, pane.editor, Qt.Key.Key_A, CTRL_SHIFT)
    press(qtbot, pane.attendees.list, Qt.Key.Key_A, CTRL_SHIFT)  # the same keys come back
    assert pane.editor.hasFocus()


def test_at_completes_a_name_and_counts_them_as_engaged(call_id, window, qtbot, services):
    pane = window.live_pane
    activate(qtbot, pane.editor)
    type_text(pane.editor, "asked @ok")
    popup = pane.mentions.popup
    qtbot.waitUntil(popup.isVisible)
    assert popup.currentIndex().data() == "Okafor, Tom"  # surname first also completes
    qtbot.keyClick(QApplication.activePopupWidget() or popup, Qt.Key.Key_Return)
    assert not popup.isVisible()
    type_text(pane.editor, " about the numbers")
    assert pane.editor.toPlainText() == "asked @Tom Okafor about the numbers"
    [tom] = [p for p in services.attendance.people(1) if p.name == "Tom Okafor"]
    assert services.attendance.attendance(call_id) == {tom.id: True}
    assert tom.coverage == Coverage.BRIEF
    item = pane.attendees.list.findItems(
        "Tom Okafor, Analyst · mentioned", Qt.MatchFlag.MatchExactly
    )[0]
    assert item.checkState() == Qt.CheckState.PartiallyChecked


def test_at_with_no_match_stays_out_of_the_way(call_id, window, qtbot, services):
    pane = window.live_pane
    activate(qtbot, pane.editor)
    type_text(pane.editor, "mail me@zz\nnext")
    assert not pane.mentions.popup_visible()
    assert pane.editor.toPlainText() == "mail me@zz\nnext"
    assert services.attendance.attendance(call_id) == {}


def test_a_long_attendee_row_ends_in_an_ellipsis_not_a_scroll_bar(call_id, window, qtbot, services):
    pane = window.live_pane
    account_id = services.calls.get(call_id).account_id
    services.attendance.add_person(account_id, "Grace Liu, Superintendent of Schools and Sites")
    pane.open_call(services.calls.get(call_id))
    window.resize(900, 600)
    activate(qtbot, pane.editor)
    type_text(pane.editor, "@gra")
    popup = pane.mentions.popup
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(QApplication.activePopupWidget() or popup, Qt.Key.Key_Return)
    people = pane.attendees.list
    full = "Grace Liu, Superintendent of Schools and Sites · mentioned"
    [grace] = people.findItems(full, Qt.MatchFlag.MatchExactly)
    # The row fits the list (its text elided) and the full line is in the tooltip.
    row = people.visualItemRect(grace)
    assert people.fontMetrics().horizontalAdvance(full) > people.viewport().width()
    assert row.width() <= people.viewport().width()
    assert not people.horizontalScrollBar().isVisible()
    assert grace.toolTip().startswith("Grace Liu, Superintendent of Schools and Sites\n")
    # Ticked, the row is the plain label again, still whole in the tooltip.
    press(qtbot, pane.editor, Qt.Key.Key_A, CTRL_SHIFT)
    people.setCurrentItem(grace)
    qtbot.keyClick(people, Qt.Key.Key_Space)
    assert grace.text() == grace.toolTip() == "Grace Liu, Superintendent of Schools and Sites"
    assert not people.horizontalScrollBar().isVisible()
