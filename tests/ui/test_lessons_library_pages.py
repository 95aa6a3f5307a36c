"""The library's results: approximate first answer replaced by the exact one, pages fetched
as the user scrolls, a query over the limit told in the status line."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from sales_notebook.store import search as search_module
from sales_notebook.ui.lessons_library.pane import PAGE_SIZE
from tests.store.lesson_rows import add_lesson
from tests.ui.test_lessons_library import open_library, type_query

OLD = datetime(2024, 1, 10, 9, tzinfo=UTC)


def _plant(services, newer: int) -> int:
    best = add_lesson(services, "Escrow terms killed the deal", what="escrow escrow", created=OLD)
    for n in range(newer):
        when = OLD + timedelta(days=n + 1)
        add_lesson(services, f"Lesson {n}", what=f"the pilot went long, escrow came up {n}",
                   created=when)  # fmt: skip
    return best


def test_the_approximate_answer_says_so_and_the_exact_one_replaces_it(
    services, window, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr(search_module, "RARE", 5)
    monkeypatch.setattr(search_module, "EXACT_AT_ONCE", 10)
    best = _plant(services, 20)
    pane = open_library(window, qtbot)
    seen: list[tuple[str, int | None]] = []
    pane.searched.connect(lambda: seen.append((pane.status.text(), pane.model.hit(0).lesson_id)))
    type_query(qtbot, pane, "escrow")
    qtbot.waitUntil(lambda: len(seen) == 2)
    (first, first_top), (final, final_top) = seen
    assert "approximate" in first and first_top != best
    assert "approximate" not in final and final_top == best
    assert pane.table.currentIndex().row() == 0


def test_scrolling_to_the_end_fetches_the_next_page(services, window, qtbot) -> None:
    _plant(services, 2 * PAGE_SIZE + 9)
    pane = open_library(window, qtbot)
    type_query(qtbot, pane, "escrow")
    assert pane.model.rowCount() == PAGE_SIZE
    assert "scroll down for more" in pane.status.text()
    for expected in (2 * PAGE_SIZE, 2 * PAGE_SIZE + 10):
        with qtbot.waitSignal(pane.searched, timeout=5000):
            pane.table.setFocus()
            qtbot.keyClick(pane.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        assert pane.model.rowCount() == expected
    assert "scroll down" not in pane.status.text()
    ids = [pane.model.hit(r).lesson_id for r in range(pane.model.rowCount())]
    assert len(set(ids)) == len(ids)
    scores = [pane.model.hit(r).score for r in range(pane.model.rowCount())]
    assert scores == sorted(scores, reverse=True)


def test_a_query_over_the_limit_is_told_in_the_status_line(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    with qtbot.waitSignal(pane.searched, timeout=5000):
        pane.search_edit.setText("budget " * 100)
    assert pane.model.rowCount() == 0
    assert pane.status.text().startswith("A search can be at most 500 characters")
