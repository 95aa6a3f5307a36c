"""The heart of the notebook: Ctrl+N, type, autosave, Ctrl+E, recovery; driven as a user does."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QMimeData, QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from sales_notebook.store.calls import MAX_NOTES_CHARS
from sales_notebook.ui.live_notes.autosaver import IDLE_MS, MAX_WAIT_MS
from sales_notebook.ui.main_window import MainWindow
from tests.ui.modal import when_modal

CTRL = Qt.KeyboardModifier.ControlModifier


def activate(window, qtbot) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def start_call(window, qtbot, account: str = "Acme", deal: str = "") -> None:
    def fill(dialog) -> None:
        assert dialog.objectName() == "newCallDialog"
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.account_edit)
        qtbot.keyClicks(dialog.account_edit, account)
        if deal:
            qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Tab)
            qtbot.keyClicks(dialog.deal_edit, deal)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    activate(window, qtbot)
    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    activate(window, qtbot)


def stored_notes(services, window) -> str:
    return services.calls.get(window.live_pane.call.id).notes


def test_ctrl_n_starts_a_call_with_the_cursor_in_the_notes(window, qtbot, services) -> None:
    start_call(window, qtbot, "Acme", "Pilot")
    call = window.live_pane.call
    assert (call.account_name, call.deal_name) == ("Acme", "Pilot")
    assert window.tabs.currentWidget() is window.live_pane
    assert QApplication.focusWidget() is window.live_pane.editor
    assert window.sidebar.selected_names() == ("Acme", "Pilot")
    qtbot.waitUntil(lambda: window.live_pane.timer_label.text() == "00:01", timeout=2500)


def test_new_call_completes_existing_accounts_and_reuses_them(window, qtbot, services) -> None:
    services.accounts.add("Northwind Clinics")
    window.sidebar.reload()

    def fill(dialog) -> None:
        qtbot.keyClicks(dialog.account_edit, "northw")
        popup = dialog.account_edit.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        assert dialog.account_edit.completer().currentCompletion() == "Northwind Clinics"
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)

    activate(window, qtbot)
    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.live_pane.call.account_name == "Northwind Clinics"
    assert [a.name for a in services.accounts.all()] == ["Northwind Clinics"]


def test_an_empty_account_name_keeps_the_dialog_open(window, qtbot, services) -> None:
    def fill(dialog) -> None:
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.error.isVisible()
        dialog.reject()

    activate(window, qtbot)
    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.live_pane.call is None and services.accounts.all() == []


@pytest.mark.serial  # timed: see tests/conftest.py
def test_typing_is_saved_soon_after_a_pause(window, qtbot, services) -> None:
    start_call(window, qtbot)
    qtbot.keyClicks(window.live_pane.editor, "Budget approved by Q3")
    typed_at = time.monotonic()
    qtbot.waitUntil(lambda: stored_notes(services, window) == "Budget approved by Q3", timeout=3000)
    assert time.monotonic() - typed_at < 1.0 + 0.3  # at most ~1 s after typing pauses
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Saved "))


def test_continuous_typing_is_saved_while_it_goes_on(window, qtbot, services) -> None:
    start_call(window, qtbot)
    editor = window.live_pane.editor
    deadline = time.monotonic() + 2.5 * MAX_WAIT_MS / 1000
    saved_while_typing = set()
    while time.monotonic() < deadline:
        qtbot.keyClicks(editor, "x")
        qtbot.wait(IDLE_MS // 5)  # never pauses long enough for the idle save
        saved_while_typing.add(stored_notes(services, window))
    assert len(saved_while_typing - {""}) >= 2


def test_focus_change_pane_switch_and_end_flush_at_once(window, qtbot, services) -> None:
    start_call(window, qtbot)
    editor = window.live_pane.editor
    qtbot.keyClicks(editor, "one")
    window.sidebar.filter.setFocus()  # focus leaves the editor
    qtbot.waitUntil(lambda: stored_notes(services, window) == "one", timeout=IDLE_MS // 2)
    editor.setFocus()
    qtbot.keyClicks(editor, " two")
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # to the review pane
    qtbot.waitUntil(lambda: stored_notes(services, window) == "one two", timeout=IDLE_MS // 2)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor
    qtbot.keyClicks(editor, " three")
    call_id = window.live_pane.call.id
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_E, CTRL)  # the writer ends it; nothing waits
    ended = services.calls.get(call_id)
    assert ended.notes == "one two three" and not ended.live
    assert window.tabs.currentWidget() is window.review_pane
    assert window.review_pane.call_id == call_id


def test_quit_flushes_and_a_reopened_notebook_recovers_the_call(qtbot, services, paths) -> None:
    settings = QSettings(str(paths.settings), QSettings.Format.IniFormat)
    first = MainWindow(services, settings)
    qtbot.addWidget(first)
    first.show()
    start_call(first, qtbot, "Kestrel")
    qtbot.keyClicks(first.live_pane.editor, "said at the very end")
    first.close()  # closeEvent flushes, and the call stays live for recovery
    second = MainWindow(services, settings)
    qtbot.addWidget(second)
    second.show()
    assert second.live_pane.call is not None
    assert second.live_pane.editor.toPlainText() == "said at the very end"
    assert second.tabs.currentWidget() is second.live_pane
    assert "Recovered" in second.statusBar().currentMessage()
    second.live_pane.shutdown()


def test_a_huge_paste_is_refused_with_a_message_and_nothing_is_lost(window, qtbot, services):
    start_call(window, qtbot)
    qtbot.keyClicks(window.live_pane.editor, "keep this")
    huge = QMimeData()
    huge.setText("x" * (MAX_NOTES_CHARS + 10))
    shown: list[str] = []
    when_modal(lambda box: (shown.append(box.text()), box.accept()))
    window.live_pane.editor.insertFromMimeData(huge)
    assert shown and "not inserted" in shown[0]
    assert window.live_pane.editor.toPlainText() == "keep this"
    activate(window, qtbot)  # back from the message box
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        qtbot.keyClick(window.live_pane.editor, Qt.Key.Key_E, CTRL)
    assert services.calls.for_account(services.accounts.all()[0].id)[0].notes == "keep this"


def test_typing_at_the_size_limit_is_refused_once_and_the_notes_stay_saved(
    window, qtbot, services
) -> None:
    start_call(window, qtbot)
    editor = window.live_pane.editor
    # lines of notes, as typed (one 1,000,000-character line would take ages to lay out)
    editor.setPlainText((("x" * 99 + "\n") * (MAX_NOTES_CHARS // 100 + 1))[: MAX_NOTES_CHARS - 2])
    editor.moveCursor(QTextCursor.MoveOperation.End)
    shown: list[str] = []
    when_modal(lambda box: (shown.append(box.text()), box.accept()))
    qtbot.keyClicks(editor, "abcdef")  # two fit, four are refused
    qtbot.waitUntil(lambda: bool(shown))
    assert len(editor.toPlainText()) == MAX_NOTES_CHARS and editor.toPlainText().endswith("xab")
    assert len(shown) == 1 and "reached 1,000,000 characters" in shown[0]  # one box, not four
    call_id = window.live_pane.call.id
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # room again: typing works
    qtbot.keyClicks(editor, "Z")
    assert editor.toPlainText().endswith("xaZ")
    activate(window, qtbot)  # back from the message box
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_E, CTRL)  # at the limit, shortcuts still work
    assert services.calls.get(call_id).notes.endswith("xaZ")


def test_autosave_failures_stay_in_the_status_bar_without_taking_the_keyboard(window) -> None:
    window.live_pane.editor.setFocus()
    for _ in range(3):
        window.live_pane.save_failed.emit("The disk is full.")
    assert QApplication.activeModalWidget() is None  # no box: the notes keep the keyboard
    assert window.save_label.text() == "Not saved: retrying"
    assert window.save_label.toolTip() == "The disk is full."
    assert window.statusBar().currentMessage() == "The disk is full."
    window.live_pane.saved.emit(datetime.now(UTC))
    assert window.save_label.text().startswith("Saved ")
    assert "works again" in window.statusBar().currentMessage()


def test_html_in_notes_is_kept_as_plain_text(window, qtbot, services) -> None:
    start_call(window, qtbot)
    qtbot.keyClicks(window.live_pane.editor, "<script>alert(1)</script> & <b>")
    call_id = window.live_pane.call.id
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        qtbot.keyClick(window.live_pane.editor, Qt.Key.Key_E, CTRL)
    assert services.calls.get(call_id).notes == "<script>alert(1)</script> & <b>"


def test_ctrl_n_during_a_call_asks_before_ending_it(window, qtbot, services) -> None:
    start_call(window, qtbot, "First")
    first_id = window.live_pane.call.id
    when_modal(lambda box: box.button(QMessageBox.StandardButton.No).click())
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.live_pane.call.id == first_id


def test_ctrl_n_completes_the_accounts_deals(window, qtbot, services) -> None:
    account_id, renewal_id = services.accounts.find_or_add("Acme", "Renewal Q3")
    services.accounts.add_deal(account_id, "Pilot")
    services.accounts.find_or_add("Other", "Replatforming")

    def fill(dialog) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.account_edit)
        qtbot.keyClicks(dialog.account_edit, "acme")
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Tab)
        assert dialog.deal_edit.placeholderText() == "Deal (optional): 2 on this account"
        qtbot.keyClicks(dialog.deal_edit, "re")
        popup = dialog.deal_edit.completer().popup()
        qtbot.waitUntil(popup.isVisible)
        # This account's deal only, not Other's "Replatforming".
        assert [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())] == [
            "Renewal Q3"
        ]
        qtbot.keyClick(popup, Qt.Key.Key_Down)
        qtbot.keyClick(popup, Qt.Key.Key_Return)
        assert dialog.deal_edit.text() == "Renewal Q3"
        qtbot.keyClick(dialog.deal_edit, Qt.Key.Key_Return)

    activate(window, qtbot)
    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert window.live_pane.call.deal_id == renewal_id
    assert [len(a.deals) for a in services.accounts.all()] == [2, 1]


def test_enter_on_the_completion_list_takes_the_first_match(window, qtbot, services) -> None:
    account_id, deal_id = services.accounts.find_or_add("Kestrel Logistics", "Fleet pilot")
    window.sidebar.reload()

    def fill(dialog) -> None:
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.account_edit)
        for edit, typed, expected in (
            (dialog.account_edit, "kes", "Kestrel Logistics"),
            (dialog.deal_edit, "fleet", "Fleet pilot"),
        ):
            if edit is dialog.deal_edit:
                qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Tab)
            qtbot.keyClicks(edit, typed)
            popup = edit.completer().popup()
            qtbot.waitUntil(popup.isVisible)
            qtbot.keyClick(popup, Qt.Key.Key_Return)  # no arrow key first
            assert edit.text() == expected
        qtbot.keyClick(dialog.deal_edit, Qt.Key.Key_Return)

    activate(window, qtbot)
    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert (window.live_pane.call.account_id, window.live_pane.call.deal_id) == (
        account_id,
        deal_id,
    )
    assert [len(a.deals) for a in services.accounts.all()] == [1]


def test_a_long_call_title_is_elided_before_the_timer(window, qtbot, services) -> None:
    account, deal = "Northwind Regional Health Clinics Group", "Patient outreach platform renewal"
    window.resize(900, 600)
    start_call(window, qtbot, account, deal)
    header = window.live_pane.header
    qtbot.waitUntil(lambda: header.title.text().endswith("…"))
    assert header.title.full_text() == f"{account} — {deal}"
    assert header.title.toolTip() == header.title.full_text()
    assert header.title.geometry().right() < header.timer_label.geometry().left()
    shown = header.title.fontMetrics().horizontalAdvance(header.title.text())
    assert shown <= header.title.contentsRect().width()
    # Wider again: the whole name comes back.
    window.resize(1600, 700)
    qtbot.waitUntil(lambda: header.title.text() == header.title.full_text())


def test_an_account_named_like_markup_is_shown_as_typed_before_and_during_the_call(
    window, qtbot, services
) -> None:
    # Before, QLabel took "<h1>Big</h1>" for rich text: the header showed a huge "Big" over
    # an italic line, and the name as typed nowhere.
    name = "<h1>Big</h1> <i>Co</i>"
    account_id = services.accounts.add(name)
    pane = window.live_pane
    pane.set_scope(account_id, None, name)
    window.tabs.setCurrentWidget(pane)
    heading = pane.before_call.heading
    qtbot.waitUntil(heading.isVisible)
    one_line = heading.fontMetrics().height() * 1.5
    assert heading.heightForWidth(2000) < one_line
    assert heading.text() == f"Before your call with {name}"
    window.resize(1400, 700)
    start_call(window, qtbot, name)
    title = pane.header.title
    qtbot.waitUntil(lambda: title.text() == name)
    assert title.sizeHint().height() < title.fontMetrics().height() * 1.5


def test_the_deal_follows_the_account_typed_in_the_new_call_dialog(window, qtbot, services):
    kestrel, pilot = services.accounts.find_or_add("Kestrel Logistics", "Fleet telemetry pilot")
    harbor, _claims = services.accounts.find_or_add("Harbor Mutual", "Claims automation")
    window.sidebar.reload(select=(kestrel, pilot))
    seen: list[tuple[str, str]] = []

    def retype(dialog) -> None:
        seen.append((dialog.account_edit.text(), dialog.deal_edit.text()))
        qtbot.keyClicks(dialog.account_edit, "Harbor Mutual")  # over the selected name
        assert dialog.deal_edit.text() == ""  # not Kestrel's pilot under Harbor
        assert "Claims automation" in dialog.deal_edit.placeholderText()
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)

    activate(window, qtbot)
    when_modal(retype)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert seen == [("Kestrel Logistics", "Fleet telemetry pilot")]
    call = window.live_pane.call
    assert (call.account_id, call.deal_id) == (harbor, None)
    assert services.calls.for_account(kestrel) == []
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        window.live_pane.end_call()


def test_a_new_deal_typed_for_a_new_account_is_kept(window, qtbot, services):
    def fill(dialog) -> None:
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.deal_edit, "Rollout")
        qtbot.keyClick(dialog.deal_edit, Qt.Key.Key_Backtab)
        qtbot.keyClicks(dialog.account_edit, "Acme")
        assert dialog.deal_edit.text() == "Rollout"  # a name no account has stays
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)

    activate(window, qtbot)
    when_modal(fill)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    call = window.live_pane.call
    assert (call.account_name, call.deal_name) == ("Acme", "Rollout")
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        window.live_pane.end_call()


def test_the_sidebar_folds_away_during_a_call_and_comes_back(window, qtbot, services):
    window.resize(1024, 640)
    before = window.splitter.sizes()[0]
    assert before > 0
    start_call(window, qtbot, "Acme")
    assert window.splitter.sizes()[0] == 0  # the notes get the room
    window.save_layout()  # a quit mid-call remembers the sidebar as it was
    assert window.splitter.sizes()[0] == 0
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        qtbot.keyClick(window.live_pane.editor, Qt.Key.Key_E, CTRL)
    assert window.splitter.sizes()[0] == before


def test_ctrl_n_during_a_call_ends_it_through_the_writer_then_asks_for_the_new_one(
    window, qtbot, services
) -> None:
    start_call(window, qtbot, "First")
    first = window.live_pane.call.id
    qtbot.keyClicks(window.live_pane.editor, "last words of the first call")

    def fill(dialog) -> None:
        assert dialog.objectName() == "newCallDialog"
        assert services.calls.get(first).ended_at is not None  # ended before it asks
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.account_edit)
        qtbot.keyClicks(dialog.account_edit, "Second")
        qtbot.keyClick(dialog.account_edit, Qt.Key.Key_Return)

    def yes(box) -> None:
        when_modal(fill)
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal(yes)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)  # "End it and start a new one?"
    qtbot.waitUntil(lambda: window.live_pane.call is not None and window.live_pane.call.id != first)
    assert window.live_pane.call.account_name == "Second"
    assert services.calls.get(first).notes == "last words of the first call"
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        window.live_pane.end_call()
