from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt

from sales_notebook.ui.live_notes.pane import LiveNotesPane
from tests.ui.live_call_helpers import activate, started_call


def open_demo_call(services, name):
    deal = next(a.deals[0] for a in services.accounts.all() if a.name == name)
    call_id = services.calls.start(deal.account_id, deal.id)
    return services.calls.get(call_id)


def test_watchouts_from_seeded_lessons(demo_services, qtbot, paths):
    from sales_notebook.ui.main_window import MainWindow

    call = open_demo_call(demo_services, "Kestrel Logistics")
    window = MainWindow(demo_services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    try:
        strip = window.live_pane.watchouts
        assert window.live_pane.call.id == call.id
        assert strip.isVisible()
        titles = [w.title for w in strip.items]
        whys = [w.why for w in strip.items]
        # The map's gaps, the one lesson recorded on this account, this seller's habits.
        [lesson] = [i for i, why in enumerate(whys) if "Lesson on this account" in why]
        assert titles[lesson].startswith("Ask who signs off in the first call")
        assert "ops director" in whys[lesson]
        assert "Ask who else decides and how decisions like this get made" in titles
        assert "Missed the boss: in 2 of your past lessons" in whys
        assert "Ask who signs off in the first call" in strip.lines.text()
    finally:
        window.live_pane.shutdown()


def test_a_new_account_is_warned_only_about_its_empty_map(services, window, qtbot):
    started_call(services)
    window.live_pane.open_call(services.calls.live_call())
    items = window.live_pane.watchouts.items
    assert items and all("lesson" not in item.why.lower() for item in items)
    wanted = "no decision maker or economic buyer identified"
    assert any(wanted in item.why.lower() for item in items)


def test_nothing_to_say_hides_the_strip(services, qtbot):
    call_id = started_call(services)
    pane = LiveNotesPane(
        services.calls,
        services.live_call,
        services.attendance,
        services.qualification,
        services.taxonomy,
    )
    qtbot.addWidget(pane)
    pane.open_call(services.calls.get(call_id))
    assert pane.watchouts.isHidden() and pane.watchouts.items == []
    pane.shutdown()


@dataclass
class Warning:
    code: str
    title: str
    why: str
    ask: str
    stakeholder_ids: tuple[int, ...] = ()


def test_coverage_warnings_come_from_the_injected_provider(services, qtbot):
    call_id = started_call(services, "Acme", "Renewal")
    asked = []

    def provider(account, deal):
        asked.append((account, deal))
        return [
            Warning("no_dm", "No decision maker identified", "Nobody is marked", "Ask who signs")
        ]

    pane = LiveNotesPane(
        services.calls,
        services.live_call,
        services.attendance,
        services.qualification,
        services.taxonomy,
        coverage_warnings=provider,
    )
    qtbot.addWidget(pane)
    pane.show()
    call = services.calls.get(call_id)
    pane.open_call(call)
    try:
        assert asked == [(call.account_id, call.deal_id)]
        assert [(w.title, w.why) for w in pane.watchouts.items] == [
            ("Ask who signs", "No decision maker identified: Nobody is marked")
        ]
        assert pane.watchouts.isVisible()
        pane.watchouts.hide_button.click()
        assert pane.watchouts.isHidden()
        with qtbot.waitSignal(pane.call_ended, timeout=5000):
            assert pane.end_call() == call_id
        assert pane.watchouts.isHidden()
    finally:
        pane.shutdown()


def test_many_watchouts_leave_room_for_the_notes_on_a_small_window(demo_services, qtbot, paths):
    from sales_notebook.ui.main_window import MainWindow

    open_demo_call(demo_services, "Altamira Schools")
    window = MainWindow(demo_services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    try:
        strip, editor = window.live_pane.watchouts, window.live_pane.editor
        sources = [item.source for item in strip.items]
        assert len(sources) > 3 and len(set(sources)) == 3
        # One line from each source: the first map gap, the newest lesson, the top habit.
        assert strip.lines.text().count("<br>") == 2
        for source in set(sources):
            first = strip.items[sources.index(source)]
            assert first.title in strip.lines.text()
        assert strip.items[1].title not in strip.lines.text()  # the second map gap
        assert editor.height() > strip.height()
        more = strip.more_button
        assert more.text() == f"Show {len(strip.items) - 3} more"
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
        assert strip.items[-1].title in strip.lines.text()
        assert more.text() == "Show fewer"
        qtbot.mouseClick(more, Qt.MouseButton.LeftButton)
        assert strip.lines.text().count("<br>") == 2
    finally:
        window.live_pane.shutdown()


def test_three_watchouts_need_no_more_button(services, window, qtbot):
    started_call(services)
    window.live_pane.open_call(services.calls.live_call())
    strip = window.live_pane.watchouts
    assert strip.items and len({item.source for item in strip.items}) == len(strip.items)
    assert strip.more_button.isHidden()


def test_hidden_watchouts_come_back_from_the_call_header(services, window, qtbot):
    started_call(services)
    pane = window.live_pane
    pane.open_call(services.calls.live_call())
    strip, back = pane.watchouts, pane.header.watchouts_button
    count = len(strip.items)
    assert count and strip.isVisible() and back.isHidden()
    activate(qtbot, pane.editor)
    qtbot.mouseClick(strip.hide_button, Qt.MouseButton.LeftButton)
    assert strip.isHidden()
    assert back.isVisible() and back.text() == f"Watch-outs ({count})"
    assert pane.editor.hasFocus()  # the seller keeps typing
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert strip.isVisible() and back.isHidden()
    assert strip.items[0].title in strip.lines.text()
    assert pane.editor.hasFocus()

    # Hidden at the end of a call: the next call starts with its strip shown, no button.
    qtbot.mouseClick(strip.hide_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(pane.call_ended, timeout=5000):
        pane.end_call()
    assert back.isHidden()
    started_call(services, "Globex", "Pilot")
    pane.open_call(services.calls.live_call())
    assert strip.items and not strip.isHidden() and back.isHidden()  # (the Review tab is in front)


def test_before_a_call_the_picked_accounts_watchouts_show_with_the_way_to_start(
    demo_services, window, qtbot
):
    from tests.ui.modal import when_modal

    kestrel = next(a for a in demo_services.accounts.all() if a.name == "Kestrel Logistics")
    window.sidebar.select(kestrel.id)
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)  # to live notes
    pane = window.live_pane
    before = pane.before_call
    assert pane.stack.currentWidget() is before and before.isVisible()
    assert before.heading.text() == "Before your call with Kestrel Logistics"
    lines = before.watchouts.lines.text()
    assert "Ask who signs off in the first call" in lines  # the account's own lesson
    assert "Ask who else decides" in lines  # this seller's usual cause, unfolded too
    assert not before.watchouts.hide_button.isVisible()
    assert not before.watchouts.more_button.isVisible()

    deal = kestrel.deals[0]
    window.sidebar.select(kestrel.id, deal.id)  # picking a deal names it
    assert before.heading.text() == f"Before your call with Kestrel Logistics — {deal.name}"
    asked: list[str] = []

    def account_field(dialog) -> None:
        asked.append(dialog.account_edit.text())
        dialog.reject()

    when_modal(account_field)
    qtbot.mouseClick(before.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(asked))
    assert asked == ["Kestrel Logistics"]  # the dialog starts from the picked account


def test_with_nothing_picked_the_pane_just_says_how_to_start(window, qtbot):
    activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert window.live_pane.stack.currentWidget() is window.live_pane.empty


def test_the_watchouts_before_a_call_follow_a_lesson_and_a_cause_edited_elsewhere(
    demo_services, window, qtbot
):
    from sales_notebook.store.lessons import LessonDraft

    kestrel = next(a for a in demo_services.accounts.all() if a.name == "Kestrel Logistics")
    window.sidebar.select(kestrel.id)
    activate(qtbot, window)
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(window, Qt.Key.Key_2, alt)
    lines = window.live_pane.before_call.watchouts.lines
    assert "Ask who else decides" in lines.text()

    # Elsewhere, the account picked all along: a post-mortem's Finish writes a lesson on
    # it, and the seller rewords a cause's prompt in the library.
    qtbot.keyClick(window, Qt.Key.Key_3, alt)
    [call, *_] = demo_services.calls.for_account(kestrel.id)
    demo_services.lessons.create(
        LessonDraft("Pilot without a sponsor", call.id, do_differently="Name the sponsor first")
    )
    qtbot.keyClick(window, Qt.Key.Key_4, alt)
    demo_services.taxonomy.edit("missed-boss", prompt="Find the person who signs, by name")

    qtbot.keyClick(window, Qt.Key.Key_2, alt)
    assert "Name the sponsor first" in lines.text()
    assert "Find the person who signs, by name" in lines.text()
    assert "Ask who else decides" not in lines.text()
