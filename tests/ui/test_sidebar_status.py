"""The sidebar says where each deal stands (stage, latest call, open gaps), follows what the
seller does, and never cuts a name."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem

from sales_notebook.core.deal_status import DealStatus, stage, when
from sales_notebook.ui.sidebar.status_delegate import STATUS
from sales_notebook.ui.theme import Mode

TODAY = date(2026, 11, 29)


@pytest.mark.parametrize(
    ("outcomes", "live", "expected"),
    [
        ([], False, "New"),
        ([None, None], False, "Talking"),
        ([None, "stalled", "advanced"], False, "Stalled"),  # the newest call with an outcome
        (["won", "lost"], False, "Won"),
        (["no_decision"], False, "No decision"),
        (["advanced"], True, "In a call"),
    ],
)
def test_the_stage_is_read_from_the_calls(outcomes, live, expected) -> None:
    assert stage(outcomes, live) == expected


def test_the_status_line_says_only_what_it_knows() -> None:
    def on(day: date) -> datetime:
        return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)

    assert when(on(TODAY), TODAY) == "today"
    assert when(on(TODAY - timedelta(days=1)), TODAY) == "yesterday"
    assert when(on(TODAY - timedelta(days=3)), TODAY) == "3 days ago"
    assert when(on(date(2026, 3, 12)), TODAY) == "12 Mar"
    assert when(on(date(2025, 12, 30)), TODAY) == "30 Dec 2025"
    assert DealStatus("New", None, ()).line(TODAY) == "New"
    line = DealStatus("Lost", on(date(2026, 11, 26)), ("a",)).line(TODAY)
    assert line == "Lost · last call 3 days ago · 1 gap"
    assert DealStatus("Won", None, ("a", "b")).line(TODAY) == "Won · 2 gaps"


def _row(window, name: str) -> QModelIndex:
    tree = window.sidebar.tree
    found = tree.model().match(
        tree.model().index(0, 0), Qt.ItemDataRole.DisplayRole, name, 1,
        Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
    )  # fmt: skip
    assert found, name
    return found[0]


def _status(window, name: str) -> str:
    return str(_row(window, name).data(STATUS) or "")


def test_each_deal_shows_its_stage_last_call_and_gaps(demo_services, window, qtbot) -> None:
    qtbot.waitUntil(lambda: bool(_status(window, "Fleet telemetry pilot")))
    kestrel = next(a for a in demo_services.accounts.all() if a.name == "Kestrel Logistics")
    gaps = demo_services.stakeholders.coverage_warnings(kestrel.id, kestrel.deals[0].id)
    last = demo_services.calls.for_account(kestrel.id)[0]
    fleet = _status(window, "Fleet telemetry pilot")
    assert fleet.startswith("Lost · last call ")  # the demo's decision call was lost
    assert when(last.started_at, date.today()) in fleet
    assert fleet.endswith(f"{len(gaps)} gap" + ("s" if len(gaps) != 1 else ""))
    assert len(gaps) >= 1
    # Hovering tells which gaps: their titles, in the tooltip.
    tip = _row(window, "Fleet telemetry pilot").data(Qt.ItemDataRole.ToolTipRole)
    assert all(g.title in tip for g in gaps)
    assert _status(window, "Patient outreach platform").startswith("Stalled · ")
    assert _status(window, "Claims automation").startswith("Advancing · ")

    # The seller records an outcome in the review: the sidebar follows at once.
    northwind = next(a for a in demo_services.accounts.all() if a.name == "Northwind Clinics")
    newest = demo_services.calls.for_account(northwind.id)[0]
    assert newest.outcome is None
    window.review_call(newest.id)
    pane = window.review_pane
    pane.outcome.setFocus()
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Down)  # Not set -> Won
    qtbot.keyClick(pane.outcome, Qt.Key.Key_Return)
    assert _status(window, "Patient outreach platform").startswith("Won · ")


def test_an_account_without_deals_gets_a_line_too(services, window, qtbot) -> None:
    services.accounts.add("Quiet Harbour Ltd")
    window.sidebar.reload()
    window.sidebar.refresh_status()
    assert _status(window, "Quiet Harbour Ltd").startswith("New")


@pytest.mark.parametrize("mode", [Mode.LIGHT, Mode.DARK])
def test_no_name_is_cut_at_the_default_width(demo_services, window, qtbot, mode) -> None:
    """Long names wrap onto a second line inside their row instead of ending in "…"."""
    window.theme.choose(mode)
    try:
        window.resize(1024, 640)
        qtbot.waitUntil(lambda: bool(_status(window, "Patient outreach platform")))
        tree = window.sidebar.tree
        assert window.splitter.sizes()[0] >= 200  # the sidebar as it opens, not folded
        assert not tree.horizontalScrollBar().isVisible()
        delegate = tree.itemDelegate()
        QApplication.processEvents()
        model = tree.model()
        rows = [model.index(r, 0) for r in range(model.rowCount())]
        rows += [
            model.index(c, 0, parent)
            for parent in list(rows)
            for c in range(model.rowCount(parent))
        ]
        for index in rows:
            rect = tree.visualRect(index)
            option = QStyleOptionViewItem()
            option.initFrom(tree)
            option.rect = rect
            need = delegate.sizeHint(option, index)
            # The row is as tall as its text wrapped at the row's own width (as painted).
            assert rect.height() >= need.height() - 1, index.data()
            blocks = delegate._blocks(option, index, rect.width() - 8)
            assert sum(box.height() for *_, box in blocks) + 8 <= rect.height() + 1, index.data()
            for _font, text, box in blocks:
                assert box.width() <= rect.width() - 8 + 1, text
        tall = tree.visualRect(_row(window, "Patient outreach platform")).height()
        assert tall > tree.visualRect(_row(window, "Harbor Mutual")).height()
    finally:
        window.theme.choose(Mode.LIGHT)
