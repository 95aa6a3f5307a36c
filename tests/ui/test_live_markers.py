import re
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from sales_notebook.core.vocabulary import MarkerKind
from tests.ui.live_call_helpers import activate, press, started_call, type_text


@pytest.fixture
def call_id(services):
    return started_call(services, seconds_ago=754)  # 12:34 into the call


def saved_markers(services, call_id):
    return [(m.kind, m.position, m.text) for m in services.live_call.markers(call_id)]


def _seconds_into(services, call_id) -> int:
    started = services.calls.get(call_id).started_at
    return int((datetime.now(UTC) - started.replace(tzinfo=started.tzinfo or UTC)).total_seconds())


def test_ctrl_digits_stamp_markers_with_the_call_time(call_id, window, qtbot, services):
    pane = window.live_pane
    editor = pane.editor
    activate(qtbot, editor)
    began = _seconds_into(services, call_id)  # 12:34 or later on a busy machine
    type_text(editor, "intro\nthey said ")
    press(qtbot, editor, Qt.Key.Key_2)
    type_text(editor, "price too high\n")
    press(qtbot, editor, Qt.Key.Key_9)
    type_text(editor, "reporting takes days")
    ended = _seconds_into(services, call_id)
    text = editor.toPlainText()
    found = re.fullmatch(
        r"intro\nthey said \[\+(\d\d):(\d\d) Objection\] price too high\n"
        r"\[\+(\d\d):(\d\d) Pain\] reporting takes days",
        text,
    )
    assert found, text
    stamps = [int(found[i]) * 60 + int(found[i + 1]) for i in (1, 3)]
    assert began >= 754
    assert all(began <= stamp <= ended for stamp in stamps), (began, stamps, ended)
    assert editor.hasFocus()
    qtbot.waitUntil(lambda: services.calls.get(call_id).notes == text, timeout=4000)
    rows = services.live_call.markers(call_id)
    assert [r.kind for r in rows] == [MarkerKind.OBJECTION, MarkerKind.PAIN]
    assert [r.elapsed_seconds for r in rows] == stamps
    assert [text[r.position :].split("]")[0] for r in rows] == [
        f"[+{r.elapsed_seconds // 60:02}:{r.elapsed_seconds % 60:02} {r.kind.label}" for r in rows
    ]
    assert pane.markers_list.model().rowCount() == 2
    assert "price too high" in pane.markers_list.model().index(0, 0).data()


def test_markers_keep_their_place_when_text_is_added_before_them(call_id, window, qtbot, services):
    editor = window.live_pane.editor
    activate(qtbot, editor)
    type_text(editor, "budget talk ")
    press(qtbot, editor, Qt.Key.Key_4)
    type_text(editor, "50k approved")
    editor.moveCursor(QTextCursor.MoveOperation.Start)
    type_text(editor, "# Call with Acme\n\n")
    text = editor.toPlainText()
    qtbot.waitUntil(lambda: services.calls.get(call_id).notes == text, timeout=4000)
    qtbot.waitUntil(lambda: saved_markers(services, call_id)[0][1] == text.index("["), timeout=4000)
    assert saved_markers(services, call_id)[0][2] == "50k approved"

    # Clicking the marker puts the cursor back on its stamp, in the notes.
    markers_list = window.live_pane.markers_list
    rect = markers_list.visualRect(markers_list.model().index(0, 0))
    qtbot.mouseClick(markers_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.textCursor().position() == text.index("[")
    assert editor.hasFocus()


def test_typing_with_markers_never_loses_text_and_deleted_stamps_drop_their_marker(
    call_id, window, qtbot, services
):
    pane = window.live_pane
    editor = pane.editor
    activate(qtbot, editor)
    expected = ""
    for round_ in range(6):
        words = f"point {round_} with some words, more words\n"
        type_text(editor, words)
        press(qtbot, editor, getattr(Qt.Key, f"Key_{round_ % 9 + 1}"))
        expected = editor.toPlainText()
    assert expected.count("[") == 6
    # Select the last stamp and delete it, as a seller fixing a wrong key would.
    cursor = editor.textCursor()
    cursor.setPosition(expected.rindex("["))
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    type_text(editor, "done")
    final = editor.toPlainText()
    assert final == expected[: expected.rindex("[")] + "done"
    activate(qtbot, window)
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        press(qtbot, editor, Qt.Key.Key_E)
    assert services.calls.get(call_id).notes == final
    rows = services.live_call.markers(call_id)
    assert len(rows) == 5
    assert all(final[r.position] == "[" for r in rows)
    assert window.tabs.currentWidget() is window.review_pane


def test_non_ascii_text_and_markers_survive_saving(call_id, window, qtbot, services):
    editor = window.live_pane.editor
    activate(qtbot, editor)
    text = "Café crème, Zoë — 東京の会議 🚀🎉 שלום עולם مرحبا "
    type_text(editor, text)
    press(qtbot, editor, Qt.Key.Key_3)
    type_text(editor, "risqué 👍🏽 ok")
    typed = editor.toPlainText()
    assert typed.startswith(text) and typed.endswith("risqué 👍🏽 ok")
    qtbot.waitUntil(lambda: services.calls.get(call_id).notes == typed, timeout=4000)
    [marker] = services.live_call.markers(call_id)
    # Positions are stored in characters, not Qt's UTF-16 units: emoji do not shift them.
    assert marker.position == len(text)
    assert typed[marker.position :].startswith("[+12:3")
    assert marker.text == "risqué 👍🏽 ok"
    activate(qtbot, window)
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        press(qtbot, editor, Qt.Key.Key_E)
    assert services.calls.get(call_id).notes == typed


def test_markers_come_back_with_a_recovered_call(qtbot, services, paths, call_id):
    from PySide6.QtCore import QSettings

    from sales_notebook.ui.main_window import MainWindow

    def open_window():
        win = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
        qtbot.addWidget(win)
        win.show()
        qtbot.waitExposed(win)
        return win

    first = open_window()
    activate(qtbot, first.live_pane.editor)
    type_text(first.live_pane.editor, "🚀 go ")
    press(qtbot, first.live_pane.editor, Qt.Key.Key_1)
    type_text(first.live_pane.editor, "pilot")
    first.live_pane.shutdown()  # as on quit: the call stays live
    first.close()

    second = open_window()
    try:
        pane = second.live_pane
        assert pane.editor.toPlainText().startswith("🚀 go [+12:3")
        [marker] = pane.tracker.markers
        assert pane.editor.toPlainText()[5:].startswith("[")
        assert marker.position == 6  # the rocket is two UTF-16 units in the document
        assert pane.markers_list.model().rowCount() == 1
    finally:
        second.live_pane.shutdown()


def test_a_marker_whose_stamp_never_reached_the_disk_is_dropped_on_recovery(qtbot, services, paths):
    from PySide6.QtCore import QSettings

    from sales_notebook.ui.main_window import MainWindow

    call_id = started_call(services, seconds_ago=30)
    services.live_call.save_notes(call_id, "hello")
    services.live_call.add_marker(call_id, MarkerKind.RISK, 20, 5)  # the crash lost its stamp
    window = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    try:
        assert window.live_pane.tracker.markers == []
        qtbot.waitUntil(lambda: services.live_call.markers(call_id) == [], timeout=3000)
        assert services.calls.get(call_id).notes == "hello"
    finally:
        window.live_pane.shutdown()


def test_a_marker_typed_against_a_word_gets_a_space(call_id, window, qtbot, services):
    editor = window.live_pane.editor
    activate(qtbot, editor)
    type_text(editor, "budget")
    press(qtbot, editor, Qt.Key.Key_4)
    assert re.fullmatch(r"budget \[\+12:3\d Budget\] ", editor.toPlainText())
    [marker] = window.live_pane.tracker.markers
    assert marker.position == len("budget ")


def test_deleting_one_of_two_adjacent_markers_keeps_the_other(call_id, window, qtbot, services):
    editor = window.live_pane.editor
    activate(qtbot, editor)
    press(qtbot, editor, Qt.Key.Key_3)
    press(qtbot, editor, Qt.Key.Key_8)
    type_text(editor, "BigCo")
    text = editor.toPlainText()
    first_end = text.index("] ") + 2
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(first_end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    final = editor.toPlainText()
    assert re.fullmatch(r"\[\+12:3\d Competitor\] BigCo", final)
    qtbot.waitUntil(lambda: services.calls.get(call_id).notes == final, timeout=4000)
    qtbot.waitUntil(lambda: len(services.live_call.markers(call_id)) == 1, timeout=4000)
    [row] = services.live_call.markers(call_id)
    assert (row.kind, row.position, row.text) == (MarkerKind.COMPETITOR, 0, "BigCo")
    assert window.live_pane.markers_list.model().rowCount() == 1


def _delete_stamp(qtbot, editor, text: str) -> None:
    """Select the stamp with the space after it and press Delete."""
    start = text.index("[")
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(text.index("] ", start) + 2, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)


def test_undoing_a_deleted_stamp_after_an_autosave_brings_its_marker_back(
    call_id, window, qtbot, services
):
    pane, editor = window.live_pane, window.live_pane.editor
    activate(qtbot, editor)
    type_text(editor, "they said ")
    press(qtbot, editor, Qt.Key.Key_2)
    type_text(editor, "too expensive")
    text = editor.toPlainText()
    qtbot.waitUntil(lambda: len(saved_markers(services, call_id)) == 1, timeout=4000)

    _delete_stamp(qtbot, editor, text)
    pane.flush(wait=True)  # the autosave sees the stamp gone and drops the row
    assert saved_markers(services, call_id) == []
    assert pane.markers_list.model().rowCount() == 0

    press(qtbot, editor, Qt.Key.Key_Z)
    assert editor.toPlainText() == text
    pane.flush(wait=True)
    assert saved_markers(services, call_id) == [
        (MarkerKind.OBJECTION, len("they said "), "too expensive")
    ]
    assert pane.markers_list.model().rowCount() == 1
    assert "too expensive" in pane.markers_list.model().index(0, 0).data()
    # And it is a marker like any other: a second delete drops it again.
    _delete_stamp(qtbot, editor, text)
    pane.flush(wait=True)
    assert saved_markers(services, call_id) == []


def test_undoing_a_deleted_stamp_before_any_autosave_keeps_its_marker(
    call_id, window, qtbot, services
):
    pane, editor = window.live_pane, window.live_pane.editor
    activate(qtbot, editor)
    type_text(editor, "budget ")
    press(qtbot, editor, Qt.Key.Key_4)
    type_text(editor, "50k")
    text = editor.toPlainText()
    pane.flush(wait=True)
    [row] = services.live_call.markers(call_id)

    _delete_stamp(qtbot, editor, text)
    press(qtbot, editor, Qt.Key.Key_Z)
    assert editor.toPlainText() == text
    pane.flush(wait=True)
    [marker] = pane.tracker.markers
    assert marker.position == len("budget ")
    assert services.live_call.markers(call_id) == [row]  # the same row, never dropped


def test_ctrl_1_at_the_end_of_a_line_still_offers_a_next_step(call_id, window, qtbot, services):
    pane = window.live_pane
    editor = pane.editor
    activate(qtbot, editor)
    type_text(editor, "Send the proposal to Ruth")
    press(qtbot, editor, Qt.Key.Key_1)  # Next step, at the end of what was typed
    # visible as the seller types: the markers list says what the marker captured
    wanted = "Send the proposal to Ruth"
    qtbot.waitUntil(lambda: pane.tracker.model.index(0, 0).data().endswith(wanted))
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        press(qtbot, editor, Qt.Key.Key_E)
    review = window.review_pane
    assert review.call_id == call_id
    offer = review.next_steps.from_markers_button
    assert offer.isVisible() and offer.toolTip() == wanted  # the button's text may be cut
