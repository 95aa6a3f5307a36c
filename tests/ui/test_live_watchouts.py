from dataclasses import dataclass

from PySide6.QtCore import QSettings

from sales_notebook.ui.live_notes.pane import LiveNotesPane
from tests.ui.live_call_helpers import started_call


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
    assert any("no decision maker identified" in item.why.lower() for item in items)


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
        assert pane.end_call() == call_id
        assert pane.watchouts.isHidden()
    finally:
        pane.shutdown()
