"""The lessons library as the user drives it: typing, filters, opening, chart, taxonomy, export."""

from __future__ import annotations

import itertools
import threading
from html import unescape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from sales_notebook.ui.lessons_library.results_model import (
    CAUSES,
    HIT_ROLE,
    SNIPPET,
    SNIPPET_HTML_ROLE,
    TITLE,
    ResultsModel,
)
from sales_notebook.ui.lessons_library.snippet_delegate import LEAD_SHARE, bring_match_into_view
from tests.store.halves import force_halves, one_connection
from tests.ui.modal import when_modal


def open_library(window, qtbot):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pane = window.lessons_pane
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert window.tabs.currentWidget() is pane
    return pane


def titles(pane) -> list[str]:
    return [pane.model.hit(r).title for r in range(pane.model.rowCount())]


def type_query(qtbot, pane, text: str) -> None:
    pane.search_edit.clear()
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.keyClicks(pane.search_edit, text)


def test_results_model_passes_the_model_tester(qtmodeltester, demo_services) -> None:
    model = ResultsModel()
    hits = demo_services.search.search("budget")
    model.set_hits(hits, {c.id: c.name for c in demo_services.taxonomy.causes()})
    qtmodeltester.check(model)
    assert model.rowCount() == len(hits) > 1
    first = model.index(0, TITLE)
    assert model.data(first) == "Budget cut in a reorg"
    assert model.data(model.index(0, CAUSES)) == "Avoided hard talk, Wrong priority"
    assert "<b>Budget</b>" in model.data(model.index(0, SNIPPET), SNIPPET_HTML_ROLE)
    assert model.data(first, HIT_ROLE) is hits[0]
    model.set_hits([], {})
    qtmodeltester.check(model)


def test_typing_searches_lessons_and_notes_and_shows_the_lesson(
    demo_services, window, qtbot
) -> None:
    pane = open_library(window, qtbot)
    assert len(titles(pane)) == 8  # no text yet: the most recent lessons
    type_query(qtbot, pane, "budget")
    assert titles(pane)[0] == "Budget cut in a reorg"
    assert {pane.model.hit(r).kind for r in range(pane.model.rowCount())} == {"lesson", "call"}
    detail = pane.view.text.toPlainText()
    assert "What happened" in detail and "The board cut the budget" in detail
    assert "ms" in pane.status.text()


def test_text_search_cannot_parse_shows_no_error(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    for text in ['"', "NOT", "budget AND", "(("]:
        type_query(qtbot, pane, text)
        assert QApplication.activeModalWidget() is None
    type_query(qtbot, pane, "zzzz")
    assert pane.model.rowCount() == 0
    assert "Nothing matches" in pane.status.text()


def test_filters_narrow_the_text_search(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    type_query(qtbot, pane, "call")
    everything = pane.model.rowCount()
    combo = pane.filters.cause
    with qtbot.waitSignal(pane.searched, timeout=5000):
        combo.setCurrentIndex(combo.findData("missed-boss"))
    hits = [pane.model.hit(r) for r in range(pane.model.rowCount())]
    assert 0 < len(hits) < everything
    assert all("missed-boss" in h.causes for h in hits)
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.mouseClick(pane.filters.clear_button, Qt.MouseButton.LeftButton)
    assert pane.model.rowCount() == everything


def test_opening_a_notes_result_jumps_to_the_call(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    type_query(qtbot, pane, "superintendent")
    hit = pane.model.hit(0)
    assert hit.kind == "call"
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    assert window.tabs.currentWidget() is window.review_pane
    assert window.review_pane.call_id == hit.call_id


def test_alt_k_shows_the_chart_and_alt_r_the_results_again(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    alt = Qt.KeyboardModifier.AltModifier
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, alt)  # What &keeps going wrong
    assert pane.pages.currentWidget() is pane.chart
    assert pane.chart.data.bars  # drawn on the way in
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, alt)  # &Results
    assert pane.pages.currentIndex() == 0


def test_clicking_a_bar_filters_the_library(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    bar = pane.pages.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    chart = pane.chart
    qtbot.waitExposed(chart.bars_view)
    index = next(i for i, b in enumerate(chart.data.bars) if b.cause_id == "no-value-case")
    where = chart.bars_view.bar_rect(index).center()
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.mouseClick(chart.bars_view, Qt.MouseButton.LeftButton, pos=where)
    assert pane.pages.currentIndex() == 0
    assert pane.filters.cause.currentData() == "no-value-case"
    assert set(titles(pane)) == {"No reason to move this year", "Price before value"}


def test_a_bar_is_picked_with_the_keyboard(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    chart = pane.chart
    chart.setFocus()
    assert chart.bars_view.hasFocus()
    index = next(i for i, b in enumerate(chart.data.bars) if b.cause_id == "no-value-case")
    qtbot.keyClick(chart.bars_view, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(chart.bars_view, Qt.Key.Key_Down)
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.keyClick(chart.bars_view, Qt.Key.Key_Return)
    assert pane.filters.cause.currentData() == "no-value-case"


def test_the_chart_follows_the_dark_theme(demo_services, window, qtbot) -> None:
    from sales_notebook.ui.theme import DARK, Mode

    pane = open_library(window, qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    bars = pane.chart.bars_view
    qtbot.waitUntil(lambda: bars.height() == bars.sizeHint().height())
    window.theme.choose(Mode.DARK)
    try:
        image = bars.grab().toImage()
        ratio = image.devicePixelRatio()
        assert image.pixelColor(1, 1) == QColor(DARK.surface)  # the theme's surface
        centre = bars.bar_rect(0).center()
        bar = image.pixelColor(int(centre.x() * ratio), int(centre.y() * ratio))
        assert bar.lightness() > 128  # the series colour is lightened on a dark surface
    finally:
        window.theme.choose(Mode.LIGHT)


def test_merging_causes_in_the_editor_moves_the_lessons(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    with qtbot.waitSignal(pane.searched, timeout=5000):
        pane.filters.set_cause("poor-listening")  # the seller is looking at this cause

    def merge(dialog) -> None:
        items = dialog.list.findItems("Talked more than listened", Qt.MatchFlag.MatchStartsWith)
        dialog.list.setCurrentItem(items[0])
        dialog.merge_target.setCurrentIndex(dialog.merge_target.findData("no-discovery"))
        when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
        assert "1 lesson moved" in dialog.status.text()
        dialog.reject()

    when_modal(merge)
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.mouseClick(pane.taxonomy_button, Qt.MouseButton.LeftButton)
    assert demo_services.taxonomy.get("poor-listening") is None
    counts = {c.id: n for c, n in demo_services.taxonomy.counts()}
    assert counts["no-discovery"] == 2
    assert pane.filters.cause.findData("poor-listening") == -1
    # The filter fell back to any cause, and the status line says so (before: silently).
    assert pane.filters.cause.currentData() is None
    assert pane.status.text().startswith(
        "No longer filtered on “Talked more than listened”: not in the notebook any more."
    )


def test_export_the_current_results_to_markdown(demo_services, window, qtbot, tmp_path) -> None:
    pane = open_library(window, qtbot)
    type_query(qtbot, pane, "budget")
    target = tmp_path / "budget.md"

    def save(dialog) -> None:
        assert isinstance(dialog, QFileDialog)
        # As a user does: type the file name over the proposed one, then Save.
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        name.setText(str(target))
        assert dialog.selectedFiles() == [str(target)]
        dialog.accept()

    when_modal(save)
    pane.export_results_action.trigger()
    qtbot.waitUntil(lambda: "Exported" in pane.status.text())  # written off the GUI thread
    assert target.stat().st_mode & 0o777 == 0o600
    text = target.read_text("utf-8")
    assert "## Budget cut in a reorg" in text and text.count("\n## ") == 1
    assert "budget" in text.splitlines()[2]
    assert "Exported 1 lesson" in pane.status.text()


def test_export_every_lesson_to_csv_by_picking_the_csv_filter(
    demo_services, window, qtbot, tmp_path
) -> None:
    import csv

    pane = open_library(window, qtbot)
    target = tmp_path / "all-lessons"

    def save(dialog) -> None:
        dialog.selectNameFilter("CSV for a spreadsheet (*.csv)")
        dialog.findChild(QLineEdit, "fileNameEdit").setText(str(target))
        dialog.accept()

    when_modal(save)
    pane.export_all_action.trigger()
    qtbot.waitUntil(lambda: "Exported" in pane.status.text())  # written off the GUI thread
    written = tmp_path / "all-lessons.csv"  # the suffix of the chosen format
    with written.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 8 and {"title", "root causes", "do differently"} <= set(rows[0])
    assert "Exported 8 lessons" in pane.status.text()


def test_add_reword_and_retire_a_cause_in_the_editor(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)

    def edit(dialog) -> None:
        def name_it(box) -> None:
            box.setTextValue("Ignored procurement")
            box.accept()

        when_modal(name_it)
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert dialog.current_id() == "ignored-procurement"
        qtbot.keyClicks(dialog.question, "Did you map how they buy?")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        items = dialog.list.findItems("No insight", Qt.MatchFlag.MatchStartsWith)
        dialog.list.setCurrentItem(items[0])
        qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
        assert "retired" in dialog.list.currentItem().text()
        dialog.reject()

    when_modal(edit)
    qtbot.mouseClick(pane.taxonomy_button, Qt.MouseButton.LeftButton)
    added = demo_services.taxonomy.get("ignored-procurement")
    assert added is not None and added.question == "Did you map how they buy?"
    offered = {c.id for c in demo_services.taxonomy.causes()}
    assert "ignored-procurement" in offered and "no-insight" not in offered
    # Retired, it still filters the old lessons that carry it.
    combo = pane.filters.cause
    assert combo.itemText(combo.findData("no-insight")) == "No insight (retired)"


def test_the_search_runs_off_the_gui_thread(demo_services, window, qtbot, monkeypatch) -> None:
    pane = open_library(window, qtbot)
    threads: list[threading.Thread] = []
    search = type(demo_services.search).search_page

    def recording(self, *args, **kwargs):
        threads.append(threading.current_thread())
        return search(self, *args, **kwargs)

    monkeypatch.setattr(type(demo_services.search), "search_page", recording)
    type_query(qtbot, pane, "budget")
    assert threads and threading.main_thread() not in threads
    assert titles(pane)[0] == "Budget cut in a reorg"


def test_a_large_index_ranked_in_halves_shows_the_one_connection_answer(
    demo_services, window, qtbot, monkeypatch
) -> None:
    """The pane's real path on two cores (the demo notebook counted as large): the rows the
    user sees are exactly the rows one connection ranks, snippets included."""
    pane = open_library(window, qtbot)
    halved = force_halves(monkeypatch)
    type_query(qtbot, pane, "the")
    shown = [pane.model.hit(r) for r in range(pane.model.rowCount())]
    assert halved and threading.main_thread() not in halved and len(shown) > 8
    one_connection(monkeypatch)
    alone = demo_services.search.search("the", limit=len(shown))
    assert [(h.kind, h.lesson_id, h.call_id, h.score, h.snippet) for h in shown] == [
        (h.kind, h.lesson_id, h.call_id, h.score, h.snippet) for h in alone
    ]


def test_an_empty_notebook_says_where_lessons_come_from(window, qtbot) -> None:
    pane = open_library(window, qtbot)
    assert pane.model.rowCount() == 0
    assert "No lessons yet" in pane.status.text()
    qtbot.mouseClick(
        pane.pages.tabBar(), Qt.MouseButton.LeftButton, pos=pane.pages.tabBar().tabRect(1).center()
    )
    assert pane.pages.currentWidget() is pane.chart
    assert not pane.chart.scroller.isVisibleTo(pane.chart)
    assert pane.chart.empty.isVisibleTo(pane.chart)


def test_keyboard_only_find_search_and_open_a_lesson(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert pane.search_edit.hasFocus()
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.keyClicks(pane.search_edit, "develop*")
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.keyClick(pane.search_edit, Qt.Key.Key_Return)
    assert pane.table.hasFocus()
    assert titles(pane)[0] == "Won the developer, lost to the ops director"
    qtbot.keyClick(pane.table, Qt.Key.Key_Down)
    assert pane.table.currentIndex().row() == min(1, pane.model.rowCount() - 1)


def test_alt_4_then_typing_searches(demo_services, window, qtbot) -> None:
    window.sidebar.tree.setFocus()
    pane = open_library(window, qtbot)
    assert QApplication.focusWidget() is pane.search_edit
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.keyClicks(QApplication.focusWidget(), "budget")
    assert "Budget cut in a reorg" in titles(pane)


def test_a_snippet_keeps_its_first_match_in_view_in_a_narrow_column(qtbot) -> None:
    metrics = QFontMetricsF(QFont())
    lead = "…Grace (superintendent) decides, Noah &amp; the IT lead run the pilot and want the "
    markup = lead + "<b>budget</b> signed by March"
    narrow = bring_match_into_view(markup, metrics, 300)
    assert narrow.startswith("…") and narrow.endswith("<b>budget</b> signed by March")
    before = narrow[: narrow.index("<b>")]
    assert before.endswith("want the ")  # whole words, the space before the match kept
    assert "Grace" not in before
    assert metrics.horizontalAdvance(unescape(before)) <= 300 * LEAD_SHARE
    assert bring_match_into_view(markup, metrics, 3000) == markup  # wide enough: untouched
    assert bring_match_into_view("<b>budget</b> first", metrics, 50) == "<b>budget</b> first"
    assert bring_match_into_view("no match here", metrics, 50) == "no match here"


def test_every_bar_and_line_is_readable_at_1024_by_640(demo_services, window, qtbot) -> None:
    window.resize(1024, 640)
    pane = open_library(window, qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    chart = pane.chart
    qtbot.waitExposed(chart.bars_view)
    bars = chart.bars_view
    qtbot.waitUntil(lambda: bars.height() == bars.sizeHint().height())
    count = len(chart.data.bars)
    assert count == 12
    assert bars.row_height() > bars.fontMetrics().height()  # a full line of text per bar
    for i in range(count):
        assert not bars.name_elided(i), chart.data.bars[i].name
        assert bars.value_rect(i).right() <= bars.width()  # the count is not clipped
        if i + 1 < count:
            assert bars.bar_rect(i).bottom() < bars.bar_rect(i + 1).top()
    # the most frequent cause's line has a row of its own, and so does every line
    trend = chart.trend_view
    assert [line.cause_id for line in trend.lines] == [b.cause_id for b in chart.data.bars[:5]]
    rows = [[trend.point(r, m).y() for m in range(len(trend.months))] for r in range(5)]
    for above, below in itertools.pairwise(rows):
        assert max(above) < min(below)
    # what does not fit the window is reached by scrolling, not dropped
    assert chart.scroller.widget().height() >= bars.height() + trend.height()


def test_a_renamed_cause_is_written_whole_on_the_chart(demo_services, window, qtbot) -> None:
    window.resize(1440, 900)
    pane = open_library(window, qtbot)
    metrics = pane.chart.bars_view.fontMetrics()
    # A name whose width in whole pixels was rounded down: its column was a fraction of a
    # pixel too narrow, and the widest name on the chart lost its end to an ellipsis.
    names = [f"Never reached the {who} who signs" for who in ("boss", "VP", "CFO", "board")]
    names += [f"Never met the {who}" for who in ("decision maker", "budget owner", "signer")]
    right = Qt.TextElideMode.ElideRight
    name = next(n for n in names if metrics.elidedText(n, right, metrics.horizontalAdvance(n)) != n)

    def rename(dialog) -> None:
        pick(dialog, "Missed the boss")
        dialog.name.setText(name)  # as typed
        dialog.reject()  # Close keeps the edit

    when_modal(rename)
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.mouseClick(pane.taxonomy_button, Qt.MouseButton.LeftButton)
    window.activateWindow()  # the window manager's part once the dialog is gone
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    chart = pane.chart
    qtbot.waitExposed(chart.trend_view)
    bars, trend = chart.bars_view, chart.trend_view
    assert name in [bar.name for bar in bars.bars] and name in [line.name for line in trend.lines]
    for view, shown in ((bars, bars.bars), (trend, trend.lines)):
        for item in shown:
            assert metrics.elidedText(item.name, right, view.name_width()) == item.name


def taxonomy_dialog(qtbot, services):
    from sales_notebook.ui.lessons_library.taxonomy_dialog import TaxonomyDialog

    dialog = TaxonomyDialog(services.taxonomy)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def pick(dialog, name: str) -> None:
    [item] = dialog.list.findItems(name, Qt.MatchFlag.MatchStartsWith)
    dialog.list.setCurrentItem(item)


def test_edits_to_a_cause_are_kept_when_moving_to_another_or_closing(demo_services, qtbot) -> None:
    dialog = taxonomy_dialog(qtbot, demo_services)
    pick(dialog, "No insight")
    dialog.prompt.selectAll()
    qtbot.keyClicks(dialog.prompt, "Bring one idea they have not heard.")
    assert dialog.save_button.isEnabled()
    pick(dialog, "No discovery")  # no Save pressed
    assert demo_services.taxonomy.get("no-insight").prompt == "Bring one idea they have not heard."
    assert dialog.name.text() == "No discovery"
    assert not dialog.save_button.isEnabled()
    assert dialog.status.text() == "Saved “No insight”."  # says the edits left were kept
    pick(dialog, "Product pitch")  # nothing edited: no word about an earlier save any more
    assert dialog.status.text() == ""
    pick(dialog, "No discovery")
    qtbot.keyClick(dialog.question, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.question, " Really?")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # closing
    assert not dialog.isVisible()
    assert demo_services.taxonomy.get("no-discovery").question.endswith("? Really?")


def test_a_name_that_cannot_be_saved_keeps_the_seller_on_the_cause(demo_services, qtbot) -> None:
    dialog = taxonomy_dialog(qtbot, demo_services)
    pick(dialog, "No insight")
    dialog.name.clear()
    qtbot.keyClicks(dialog.name, "No discovery")  # taken
    warned: list[str] = []
    when_modal(lambda box: (warned.append(box.text()), box.accept()))
    pick(dialog, "Product pitch")
    qtbot.waitUntil(lambda: bool(warned))
    assert dialog.current_id() == "no-insight" and dialog.name.text() == "No discovery"

    def discard(box) -> None:
        assert "Discard the changes" in box.text()
        box.button(QMessageBox.StandardButton.Discard).click()

    when_modal(discard)
    dialog.reject()
    assert not dialog.isVisible()
    assert demo_services.taxonomy.get("no-insight").name == "No insight"


def test_in_a_small_window_the_snippet_column_stays_on_screen(demo_services, window, qtbot):
    window.resize(900, 600)
    pane = open_library(window, qtbot)
    type_query(qtbot, pane, "budget")
    table = pane.table
    qtbot.waitUntil(lambda: table.viewport().width() > 0)
    header = table.horizontalHeader()
    snippet_left = header.sectionViewportPosition(SNIPPET)
    assert 0 < snippet_left < table.viewport().width() - 150  # room to read why it matched
    assert not table.horizontalScrollBar().isVisible()
    window.resize(1300, 700)  # wider: the columns grow with it
    qtbot.waitUntil(lambda: header.sectionSize(TITLE) >= int(table.viewport().width() * 0.24))
    assert header.sectionViewportPosition(SNIPPET) > snippet_left
    # a column the seller widens stays as they left it when the window is resized
    header.resizeSection(TITLE, 300)
    window.resize(1000, 600)
    qtbot.waitUntil(lambda: table.viewport().width() > snippet_left + 150)
    assert header.sectionSize(TITLE) == 300


def test_down_from_the_search_box_goes_to_the_first_result(demo_services, window, qtbot):
    pane = open_library(window, qtbot)
    type_query(qtbot, pane, "budget")
    qtbot.keyClick(pane.search_edit, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is pane.table
    assert pane.table.currentIndex().row() == 0
    assert pane.view.text.toPlainText()  # the first hit is shown below


def test_untitled_hits_read_as_what_they_are(qtbot) -> None:
    from datetime import UTC, datetime

    from sales_notebook.store.search import SearchHit

    def hit(kind, title):
        return SearchHit(
            kind=kind, lesson_id=1 if kind == "lesson" else None, call_id=2, title=title,
            account_name="Acme", outcome=None, when=datetime(2026, 11, 2, tzinfo=UTC),
            causes=(), snippet="", score=1.0,
        )  # fmt: skip

    model = ResultsModel()
    model.set_hits([hit("call", ""), hit("call", "Pricing"), hit("lesson", "")], {})
    titles = [model.data(model.index(r, TITLE)) for r in range(3)]
    assert titles == ["Call notes", "Notes: Pricing", "Untitled lesson"]


def test_saving_a_cause_leaves_the_focus_off_retire(demo_services, qtbot) -> None:
    dialog = taxonomy_dialog(qtbot, demo_services)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    pick(dialog, "No insight")
    dialog.name.setFocus()
    qtbot.keyClick(dialog.name, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name, " at all")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert demo_services.taxonomy.get("no-insight").name == "No insight at all"
    assert QApplication.focusWidget() is not dialog.retire_button
    assert QApplication.focusWidget() is dialog.list
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # a stray Space retires nothing
    assert not demo_services.taxonomy.get("no-insight").retired


def test_a_retired_cause_says_so_in_the_list_without_scrolling_sideways(
    demo_services, qtbot
) -> None:
    dialog = taxonomy_dialog(qtbot, demo_services)
    pick(dialog, "Talked more than listened")
    qtbot.keyClick(dialog.name, Qt.Key.Key_End)
    qtbot.keyClicks(dialog.name, " and pitched too early")
    qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    assert demo_services.taxonomy.get("poor-listening").retired
    [item] = dialog.list.findItems("Talked more than listened and", Qt.MatchFlag.MatchStartsWith)
    assert item.text().endswith("retired")
    qtbot.waitUntil(lambda: dialog.list.visualItemRect(item).height() > 0)
    # The whole label shows, on two lines if need be: "— retired" was cut off at the edge.
    assert not dialog.list.horizontalScrollBar().isVisible()
    rect = dialog.list.visualItemRect(item)
    assert rect.right() <= dialog.list.viewport().width()
    wrapped = dialog.list.fontMetrics().boundingRect(
        0, 0, rect.width() - 8, 1000, Qt.TextFlag.TextWordWrap, item.text()
    )
    assert wrapped.height() <= rect.height()


def test_the_merge_confirmation_defaults_to_no(demo_services, qtbot) -> None:
    dialog = taxonomy_dialog(qtbot, demo_services)
    pick(dialog, "Talked more than listened")
    dialog.merge_target.setCurrentIndex(dialog.merge_target.findData("no-discovery"))
    seen: list[object] = []

    def press_enter(box) -> None:
        seen.append(box.defaultButton() is box.button(QMessageBox.StandardButton.No))
        qtbot.keyClick(box, Qt.Key.Key_Return)

    when_modal(press_enter)
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert seen == [True]
    assert demo_services.taxonomy.get("poor-listening") is not None  # Enter merged nothing


def test_the_date_filters_calendar_opens_on_today(demo_services, window, qtbot) -> None:
    from PySide6.QtCore import QDate

    pane = open_library(window, qtbot)
    edit = pane.filters.date_from
    assert edit.text() == "any"
    from PySide6.QtCore import QPoint

    arrow = QPoint(edit.width() - 6, edit.height() // 2)  # the calendar button
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=arrow)
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    assert edit.text() == "any"  # only looking: the filter is still open-ended
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)


def test_a_date_filter_is_set_from_the_keyboard_alone(demo_services, window, qtbot) -> None:
    """A date typed over "any" is taken; Alt+Down or F4 open the calendar, drawn whole."""
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QTableView

    window.theme.apply()  # the theme's cell padding once made the calendar too small
    pane = open_library(window, qtbot)
    edit = pane.filters.date_from
    edit.setFocus()
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.keyClicks(edit, "2025-03-07")
    assert edit.date() == QDate(2025, 3, 7) and edit.text() == "2025-03-07"
    assert str(pane.filters.filters().date_from) == "2025-03-07"

    for key, modifier in ((Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier), (Qt.Key.Key_F4, 0)):
        calendar = edit.calendarWidget()
        qtbot.keyClick(edit, key, Qt.KeyboardModifier(modifier))
        qtbot.waitUntil(calendar.isVisible)
        assert (calendar.yearShown(), calendar.monthShown()) == (2025, 3)
        days = calendar.findChild(QTableView)
        model = days.model()
        for column in range(model.columnCount()):  # "Wed", not "…"
            assert days.columnWidth(column) >= days.sizeHintForColumn(column)
        last = model.rowCount() - 1  # the last week is inside the calendar, not cut off
        assert days.rowViewportPosition(last) + days.rowHeight(last) <= days.viewport().height()
        qtbot.keyClick(calendar, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda c=calendar: not c.isVisible())


def test_a_search_that_would_mean_the_opposite_says_why_and_how(
    demo_services, window, qtbot
) -> None:
    pane = open_library(window, qtbot)
    type_query(qtbot, pane, "NOT reorg")
    assert "pricing NOT budget" in pane.status.text() and pane.model.rowCount() == 0
    type_query(qtbot, pane, "budget -reorg")
    found = [pane.model.hit(r) for r in range(pane.model.rowCount())]
    assert found and not any("reorg" in (h.title + h.snippet).lower() for h in found)


def test_the_search_box_shows_its_whole_hint_in_a_small_window(window, qtbot) -> None:
    from PySide6.QtGui import QFontMetrics

    window.theme.apply()
    window.resize(1024, 640)
    pane = open_library(window, qtbot)
    box = pane.search_edit
    room = box.width() - 2 * box.fontMetrics().averageCharWidth() - 24  # frame, clear button
    hint = QFontMetrics(box.font()).horizontalAdvance(box.placeholderText())
    assert hint <= room, (hint, room)


def test_a_lesson_is_corrected_and_deleted_from_the_library(demo_services, window, qtbot) -> None:
    pane = open_library(window, qtbot)
    type_query(qtbot, pane, "budget")
    assert titles(pane)[0] == "Budget cut in a reorg"
    pane.table.setFocus()
    pane.table.selectRow(0)
    lesson_id = pane.view.lesson_id
    assert lesson_id is not None and pane.view.edit_button.isEnabled()

    def correct(editor) -> None:
        assert editor.objectName() == "lessonEditor"
        assert editor.title.text() == "Budget cut in a reorg"
        editor.title.selectAll()
        qtbot.keyClicks(editor.title, "Budget cut in a reorganisation")
        box = editor.what_happened
        assert editor.title.nextInFocusChain() is box  # Tab goes on to what happened
        box.setFocus()
        box.moveCursor(box.textCursor().MoveOperation.End)
        qtbot.keyClicks(box, " Nobody saw it coming.")
        editor.save_button.click()

    when_modal(correct)
    with qtbot.waitSignal(pane.searched, timeout=5000):
        qtbot.keyClick(pane.view, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    lesson = demo_services.lessons.get(lesson_id)
    assert lesson.title == "Budget cut in a reorganisation"
    assert lesson.what_happened.endswith("Nobody saw it coming.")
    assert "Budget cut in a reorganisation" in titles(pane)
    assert pane.status.text().startswith("Saved “Budget cut in a reorganisation”.")
    # The corrected lesson stays picked, its new words in the detail.
    assert pane.view.lesson_id == lesson_id
    assert "Nobody saw it coming." in pane.view.text.toPlainText()

    # Cancel after a change asks first; "Cancel" in that question keeps the dialog open.
    def change_then_leave(editor) -> None:
        qtbot.keyClicks(editor.title, "!!")
        when_modal(lambda box: box.button(QMessageBox.StandardButton.Discard).click())
        editor.reject()

    when_modal(change_then_leave)
    pane.view.edit_button.click()
    assert demo_services.lessons.get(lesson_id).title == "Budget cut in a reorganisation"

    # Delete asks, Cancel is the default; Yes deletes the lesson, not the call.
    pane.table.selectRow(titles(pane).index("Budget cut in a reorganisation"))
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Cancel).click())
    pane.view.delete_button.click()
    assert demo_services.lessons.get(lesson_id) is not None
    call_id = lesson.call_id
    when_modal(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    with qtbot.waitSignal(pane.searched, timeout=5000):
        pane.view.delete_button.click()
    assert demo_services.lessons.get(lesson_id) is None
    assert demo_services.calls.get(call_id) is not None
    assert "Budget cut in a reorganisation" not in titles(pane)
    assert pane.status.text().startswith("Deleted “Budget cut in a reorganisation”.")
    assert not pane.view.edit_button.isEnabled() or pane.view.lesson_id != lesson_id
