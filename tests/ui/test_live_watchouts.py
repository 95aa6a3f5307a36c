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
        # The one lesson recorded on this account, then this seller's most frequent causes.
        assert titles[0].startswith("Ask who signs off in the first call")
        assert "Lesson on this account" in whys[0] and "ops director" in whys[0]
        assert "Ask who else decides and how decisions like this get made" in titles
        assert "Missed the boss: in 2 of your past lessons" in whys
        assert "Ask who signs off in the first call" in strip.lines.text()
    finally:
        window.live_pane.shutdown()


def test_no_lessons_no_strip(services, window, qtbot):
    started_call(services)
    window.live_pane.open_call(services.calls.live_call())
    assert window.live_pane.watchouts.isHidden()
    assert window.live_pane.watchouts.items == []


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
