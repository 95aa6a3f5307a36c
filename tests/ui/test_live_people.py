import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from sales_notebook.core.vocabulary import Coverage
from sales_notebook.store.models import Stakeholder
from tests.ui.live_call_helpers import (
    CTRL,
    CTRL_SHIFT,
    activate,
    key_to,
    press,
    started_call,
    type_live,
    type_text,
)

MENTION_BLUE = "#005fb8"


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
    window.writer.drain()  # the tick is stored on the notebook's writer thread
    [priya] = [p for p in services.attendance.people(1) if p.name == "Priya Raman"]
    assert services.attendance.attendance(call_id) == {priya.id: False}
    assert priya.coverage == Coverage.BRIEF and priya.last_contact is not None

    qtbot.keyClick(people, Qt.Key.Key_Tab)
    assert pane.attendees.add_edit.hasFocus()
    type_text(pane.attendees.add_edit, "Dana Lee, CFO")
    qtbot.keyClick(pane.attendees.add_edit, Qt.Key.Key_Return)
    assert pane.editor.hasFocus()  # straight back to the notes
    window.writer.drain()
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
    qtbot.keyClick(QApplication.activePopupWidget() or popup, Qt.Key.Key_Tab)
    assert not popup.isVisible()
    type_text(pane.editor, " about the numbers")
    assert pane.editor.toPlainText() == "asked @Tom Okafor about the numbers"
    window.writer.drain()  # stored on the writer thread; the list reloads once it is
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
    qtbot.keyClick(QApplication.activePopupWidget() or popup, Qt.Key.Key_Tab)
    window.writer.drain()
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


def _mentioned(window, services, call_id):
    window.writer.drain()  # @mentions are stored on the notebook's writer thread
    names = {p.id: p.name for p in services.attendance.people(1)}
    return sorted(names[pid] for pid, only in services.attendance.attendance(call_id).items())


def _blue(editor, line: int) -> list[str]:
    """The text of a line coloured as a mention."""
    block = editor.document().findBlockByNumber(line)
    return [
        block.text()[r.start : r.start + r.length]
        for r in block.layout().formats()
        if r.format.foreground().color().name() == MENTION_BLUE
    ]


@pytest.fixture
def graces(call_id, services):
    account_id = services.calls.get(call_id).account_id
    for line in ("Grace Liu, CTO", "Grace Park, Procurement"):
        services.attendance.add_person(account_id, line)
    return call_id


def test_a_name_typed_in_full_counts_without_the_popup(graces, window, qtbot, services):
    pane = window.live_pane
    pane.open_call(services.calls.get(graces))
    activate(qtbot, pane.editor)
    # Typed straight through, the popup open on the way: space, comma, Return end a name.
    type_live(pane.editor, "asked @grace liu, then @Tom Okafor\n")
    assert _mentioned(window, services, graces) == ["Grace Liu", "Tom Okafor"]
    type_live(pane.editor, "and @Priya.")  # a first name only one person has counts too
    assert _mentioned(window, services, graces) == ["Grace Liu", "Priya Raman", "Tom Okafor"]
    text = "asked @grace liu, then @Tom Okafor\nand @Priya."
    assert pane.editor.toPlainText() == text  # no key went to the popup instead
    item = pane.attendees.list.findItems("Grace Liu, CTO · mentioned", Qt.MatchFlag.MatchExactly)[0]
    assert item.checkState() == Qt.CheckState.PartiallyChecked
    # What counts is what is coloured.
    assert _blue(pane.editor, 0) == ["@grace liu", "@Tom Okafor"]
    assert _blue(pane.editor, 1) == ["@Priya"]


def test_what_names_no_one_is_neither_counted_nor_coloured(graces, window, qtbot, services):
    pane = window.live_pane
    pane.open_call(services.calls.get(graces))
    activate(qtbot, pane.editor)
    # Two Graces: "@Grace" alone is no one; "@Pri" is unfinished; an e-mail is no mention.
    type_live(pane.editor, "@Grace said\n@Pri")
    key_to(pane.editor, Qt.Key.Key_Escape)  # the popup closed, Return is a new line
    type_live(pane.editor, "\nmail grace@acme.com @Graceful @Tom")
    assert pane.editor.toPlainText() == "@Grace said\n@Pri\nmail grace@acme.com @Graceful @Tom"
    assert _mentioned(window, services, graces) == []  # "@Tom" at the very end: not yet ended
    assert [_blue(pane.editor, line) for line in range(3)] == [[], [], ["@Tom"]]
    type_live(pane.editor, "my")  # it was the start of another word after all
    assert _blue(pane.editor, 2) == []
    key_to(pane.editor, Qt.Key.Key_Home)  # the cursor leaving the name ends it too
    assert _mentioned(window, services, graces) == []


def test_a_name_ends_when_the_cursor_leaves_it(graces, window, qtbot, services):
    pane = window.live_pane
    pane.open_call(services.calls.get(graces))
    activate(qtbot, pane.editor)
    type_live(pane.editor, "@Grace Liu")
    assert _mentioned(window, services, graces) == []  # "@Grace Liuk" is still possible
    key_to(pane.editor, Qt.Key.Key_Home)
    assert _mentioned(window, services, graces) == ["Grace Liu"]


def test_return_on_the_open_popup_picks_the_highlighted_name(graces, window, qtbot, services):
    pane = window.live_pane
    pane.open_call(services.calls.get(graces))
    activate(qtbot, pane.editor)
    popup = pane.mentions.popup
    type_live(pane.editor, "@Pri")
    assert popup.isVisible() and popup.currentIndex().data() == "Priya Raman"
    key_to(pane.editor, Qt.Key.Key_Return)  # as in Slack: Enter takes it, no new line
    assert pane.editor.toPlainText() == "@Priya Raman"
    assert not popup.isVisible()
    assert "Priya Raman" in _mentioned(window, services, graces)  # counted, not left as "@Pri"
    pane.editor.clear()
    type_live(pane.editor, "@okafor, tom")  # exactly the highlighted entry
    assert popup.isVisible() and popup.currentIndex().data() == "Okafor, Tom"
    key_to(pane.editor, Qt.Key.Key_Return)
    assert pane.editor.toPlainText() == "@Tom Okafor"
    type_live(pane.editor, " and @gr")
    assert popup.currentIndex().data() == "Grace Liu"
    key_to(pane.editor, Qt.Key.Key_Down)  # chosen with the arrow keys
    key_to(pane.editor, Qt.Key.Key_Return)
    assert pane.editor.toPlainText() == "@Tom Okafor and @Grace Park"
    assert _mentioned(window, services, graces) == ["Grace Park", "Priya Raman", "Tom Okafor"]
    assert _blue(pane.editor, 0) == ["@Tom Okafor", "@Grace Park"]


def test_a_name_typed_last_before_ending_the_call_counts(graces, window, qtbot, services):
    pane = window.live_pane
    pane.open_call(services.calls.get(graces))
    activate(qtbot, pane.editor)
    type_live(pane.editor, "agreed the pilot with @Grace Liu")
    with qtbot.waitSignal(pane.call_ended, timeout=5000):
        press(qtbot, pane.editor, Qt.Key.Key_E, CTRL)
    assert services.calls.get(graces).ended_at is not None
    assert _mentioned(window, services, graces) == ["Grace Liu"]


def test_names_in_pasted_text_count_too(graces, window, qtbot, services):
    from PySide6.QtCore import QMimeData

    pane = window.live_pane
    pane.open_call(services.calls.get(graces))
    activate(qtbot, pane.editor)
    pasted = QMimeData()
    pasted.setText("From the invite: @grace liu, @Tom Okafor and @Grace (which one?)")
    pane.editor.insertFromMimeData(pasted)
    assert _mentioned(window, services, graces) == ["Grace Liu", "Tom Okafor"]


def test_someone_added_on_the_map_during_the_call_can_be_ticked_and_named(
    call_id, window, qtbot, services
):
    # Someone new joins; the seller puts them on the map (Alt+1) and comes back (Alt+2).
    pane, map_pane = window.live_pane, window.map_pane
    activate(qtbot, pane.editor)
    press(qtbot, pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is map_pane
    map_pane.quick_add.setFocus()
    type_text(map_pane.quick_add, "Maya Chen, CIO")
    qtbot.keyClick(map_pane.quick_add, Qt.Key.Key_Return)
    assert "Maya Chen" in {c.person.name for c in map_pane.scene.cards.values()}
    press(qtbot, map_pane.quick_add, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is pane
    labels = [pane.attendees.list.item(i).text() for i in range(pane.attendees.list.count())]
    assert "Maya Chen, CIO" in labels
    activate(qtbot, pane.editor)
    type_text(pane.editor, "@may")
    qtbot.waitUntil(pane.mentions.popup.isVisible)
    assert pane.mentions.popup.currentIndex().data() == "Maya Chen"


def test_the_map_watch_out_follows_a_decision_maker_named_on_the_map_mid_call(
    call_id, window, qtbot, services
):
    from tests.ui.modal import when_modal

    pane, map_pane = window.live_pane, window.map_pane
    assert any(w.title.startswith("Who else is involved") for w in pane.watchouts.items)
    pane.watchouts.hide_button.click()  # hidden for this call: it stays so
    # The seller learns who decides, marks Priya so on the map (Alt+1, Enter), comes back.
    activate(qtbot, pane.editor)
    press(qtbot, pane.editor, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    priya = next(c for c in map_pane.scene.cards.values() if c.person.name == "Priya Raman")
    map_pane.view.focus_card(priya)

    def decision_maker(dialog) -> None:
        dialog.role.setCurrentIndex(dialog.role.findData("decision_maker"))
        dialog.accept()

    when_modal(decision_maker)
    qtbot.keyClick(map_pane.view, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    activate(qtbot, map_pane.view)
    press(qtbot, map_pane.view, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is pane
    # Before, the strip still asked who decides until the next call.
    assert not any(w.title.startswith("Who else is involved") for w in pane.watchouts.items)
    assert "Who else is involved" not in pane.watchouts.lines.text()
    assert pane.watchouts.isHidden()  # Hide holds for the rest of the call
    button = pane.header.watchouts_button
    assert button.text() == f"Watch-outs ({len(pane.watchouts.items)})"
