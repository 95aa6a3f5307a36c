"""The lessons library: search as you type over lessons and call notes, filters, the
root-cause chart, the taxonomy editor and the Markdown or CSV export."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.cause_trends import TrendData, cause_trends, last_months
from sales_notebook.store.accounts import AccountsService
from sales_notebook.store.atomic_file import write_atomically
from sales_notebook.store.errors import KnownError, classify
from sales_notebook.store.library import GONE, LibraryService
from sales_notebook.store.search import (
    Kind,
    SearchFilters,
    SearchPage,
    SearchService,
)
from sales_notebook.store.taxonomy import TaxonomyService
from sales_notebook.ui import keys
from sales_notebook.ui.crash import report_bug
from sales_notebook.ui.lessons_library.cause_chart import CauseChart
from sales_notebook.ui.lessons_library.filter_bar import FilterBar
from sales_notebook.ui.lessons_library.lesson_editor import LessonEditor
from sales_notebook.ui.lessons_library.lesson_view import LessonView
from sales_notebook.ui.lessons_library.results_model import (
    SNIPPET,
    ResultsModel,
)
from sales_notebook.ui.lessons_library.results_table import ResultsTable
from sales_notebook.ui.lessons_library.search_runner import SearchRunner
from sales_notebook.ui.lessons_library.snippet_delegate import SnippetDelegate
from sales_notebook.ui.lessons_library.taxonomy_dialog import TaxonomyDialog
from sales_notebook.ui.writer import Writer

DEBOUNCE_MS = 150
# Rows fetched (with their snippets) at a time; scrolling to the end fetches the next page.
PAGE_SIZE = 50
TREND_MONTHS = 12

W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


MARKDOWN_FILTER = "Markdown (*.md)"
CSV_FILTER = "CSV for a spreadsheet (*.csv)"


class LessonsLibraryPane(QWidget):
    """Emits `open_call(call_id)` when the user opens a call from a result."""

    open_call = Signal(int)
    searched = Signal()  # results on screen (tests wait for it)

    def __init__(
        self,
        search: SearchService,
        library: LibraryService,
        taxonomy: TaxonomyService,
        accounts: AccountsService,
        parent: QWidget | None = None,
        writer: Writer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsLibrary")
        # Exports are written on the notebook's writer thread (the window passes its own).
        self.writer = writer if writer is not None else Writer(parent=self)
        self._library = library
        self._taxonomy = taxonomy
        self._accounts = accounts
        self._cause_names: dict[str, str] = {}
        self._started = 0.0
        self._asked: tuple[str, SearchFilters, tuple[Kind, ...]] = ("", SearchFilters(), ())
        self._chart_stale = True
        # After a lesson is corrected: keep it picked in the new results, and say it was saved.
        self._keep: int | None = None
        self._done = ""
        self.chart_source: Callable[[date, int], TrendData] | None = None
        self.runner = SearchRunner(search, self)
        self.runner.finished.connect(self._show_hits)
        self.runner.failed.connect(self._search_failed)

        self.search_edit = _named(QLineEdit(self), "lessonSearch")
        self.search_edit.setPlaceholderText(
            # Short enough to be read whole in a 1024-pixel window; the tooltip says more.
            'Search: words, "a phrase", prefix*, -word, OR, NOT'
        )
        self.search_edit.setToolTip(
            'Words side by side must all be there. "a phrase" as written; negotiat* for '
            "every word it starts; -reorg leaves out what mentions it; budget OR pricing for "
            "either; pricing NOT budget for pricing without budget."
        )
        self.search_edit.setClearButtonEnabled(True)
        self.notes_check = _named(QCheckBox("Call notes too", self), "searchNotes")
        self.notes_check.setChecked(True)
        self.filters = FilterBar(self)
        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.debounce.timeout.connect(self.run_search)
        self.search_edit.textChanged.connect(lambda _: self.debounce.start())
        self.search_edit.returnPressed.connect(self._focus_results)
        # Down from the box goes to the results too, as in a browser's address bar.
        down = QAction("Go to the results", self.search_edit)
        down.setShortcut(QKeySequence(Qt.Key.Key_Down))
        down.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        down.triggered.connect(self._down_to_results)
        self.search_edit.addAction(down)
        self.notes_check.toggled.connect(lambda _: self.run_search())
        self.filters.changed.connect(self.run_search)

        self.model = ResultsModel(self)
        self.model.more_wanted.connect(self._next_page)
        # Title, causes and account take shares of the width, the date what it needs, and
        # the snippet the rest: narrow, the table still shows why each row was found.
        self.table = _named(ResultsTable((0.24, 0.17, 0.13), parent=self), "lessonResults")
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(SNIPPET, SnippetDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.set_fixed([self.table.fontMetrics().horizontalAdvance("2026-12-31") + 24])
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(self.open_result)
        self.view = LessonView(self)
        self.view.open_call.connect(self.open_call)
        self.view.edit_lesson.connect(self.edit_lesson)
        self.view.delete_lesson.connect(self.delete_lesson)

        self.status = _named(QLabel(self), "searchStatus")
        self.taxonomy_button = _named(QPushButton("Root causes…", self), "editTaxonomy")
        self.taxonomy_button.clicked.connect(self.edit_taxonomy)
        self.export_button = _named(QToolButton(self), "exportLessons")
        self.export_button.setText("Export")
        self.export_button.setToolTip("Export lessons to one Markdown or CSV file")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_results_action = menu.addAction("These results…")
        self.export_all_action = menu.addAction("All lessons…")
        self.export_results_action.triggered.connect(lambda: self.export_markdown(False))
        self.export_all_action.triggered.connect(lambda: self.export_markdown(True))
        self.export_button.setMenu(menu)
        focus = QAction("Search the lessons", self)
        focus.setShortcut(QKeySequence.StandardKey.Find)
        focus.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        focus.triggered.connect(self.focus_search)
        self.addAction(focus)

        self.chart = CauseChart(self)
        self.chart.cause_clicked.connect(self.filter_on_cause)
        self._layout()

    def add_tools(self, widget: QWidget) -> None:
        """Put a widget with the filters (the team library's scope and Publish)."""
        self.filters.add_tools(widget)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.notes_check)
        top.addWidget(self.taxonomy_button)
        top.addWidget(self.export_button)
        # Results above, the picked one below: the snippet column gets the full width.
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setObjectName("librarySplitter")
        split.addWidget(self.table)
        split.addWidget(self.view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([360, 240])
        results = QWidget(self)
        column = QVBoxLayout(results)
        column.setContentsMargins(0, 4, 0, 0)
        column.addWidget(split, 1)
        column.addWidget(self.status)
        self.pages = _named(QTabWidget(self), "libraryPages")
        self.pages.setDocumentMode(True)
        # Alt+R, Alt+K: the chart is a key away, not a dozen Tabs past the filters.
        self.pages.addTab(results, "&Results")
        self.pages.addTab(self.chart, "What &keeps going wrong")
        if not keys.mnemonics_work():  # macOS: ⌥⌘R and ⌥⌘K instead
            for index, (name, label) in enumerate(
                (("lessons_results", "Results"), ("lessons_chart", "What keeps going wrong"))
            ):
                page = QAction(label, self)
                page.setShortcut(keys.sequence(name))
                page.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                page.triggered.connect(lambda _=False, i=index: self.pages.setCurrentIndex(i))
                self.addAction(page)
        self.pages.currentChanged.connect(self._page_changed)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        layout.addWidget(self.pages, 1)

    # -- refreshing ---------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        # Lessons are written elsewhere (the wizard): read again whenever the pane shows.
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        """Re-read causes, accounts and the chart, and run the current search again."""
        causes = self._taxonomy.causes(include_retired=True)
        self._cause_names = {c.id: c.name for c in causes}
        gone = self.filters.set_choices(causes, self._accounts.all())
        if gone:
            names = " and ".join(f"“{name}”" for name in gone)
            self._done += f"No longer filtered on {names}: not in the notebook any more.  "
        self._chart_stale = True
        if self.pages.currentWidget() is self.chart:
            self.refresh_chart()
        self.run_search()

    def refresh_chart(self) -> None:
        """Redraw the chart (only when it is on screen: counting a big notebook takes time)."""
        self._chart_stale = False
        today = date.today()
        since = date.fromisoformat(last_months(today, TREND_MONTHS)[0] + "-01")
        if self.chart_source is not None:  # the Team scope (set by ui/team/library_bar.py)
            self.chart.set_data(self.chart_source(today, TREND_MONTHS))
            return
        counts = [(cause.id, n) for cause, n in self._taxonomy.counts()]
        monthly = self._taxonomy.monthly_counts(since=since)
        self.chart.set_data(
            cause_trends(counts, monthly, self._cause_names, today, months=TREND_MONTHS)
        )

    def _page_changed(self, _index: int) -> None:
        if self.pages.currentWidget() is self.chart and self._chart_stale:
            self.refresh_chart()

    # -- searching ----------------------------------------------------------------

    def _kinds(self) -> tuple[Kind, ...]:
        return ("lesson", "call") if self.notes_check.isChecked() else ("lesson",)

    def run_search(self) -> None:
        """Search now with the text and filters on screen (off the GUI thread)."""
        self.debounce.stop()
        self._started = time.perf_counter()
        self._asked = (self.search_edit.text(), self.filters.filters(), self._kinds())
        text, filters, kinds = self._asked
        self.runner.request(text, filters, PAGE_SIZE, kinds)

    def _next_page(self) -> None:
        """The rows after those shown, for the search they came from."""
        self._started = time.perf_counter()
        text, filters, kinds = self._asked
        self.runner.request(text, filters, PAGE_SIZE, kinds, offset=self.model.rowCount())

    def _show_hits(self, page: SearchPage, offset: int) -> None:
        elapsed = (time.perf_counter() - self._started) * 1000
        more = page.exact and len(page.hits) == PAGE_SIZE
        if offset:
            self.model.add_hits(page.hits, more)
        else:
            # The exact answer replaces an approximate one whole: its best row is picked.
            self.model.set_hits(page.hits, self._cause_names, more)
            if page.hits:
                self.table.selectRow(self._row_of(self._keep) if self._keep is not None else 0)
            else:
                self.view.show_nothing()
            self._keep = None
        hits = [self.model.hit(r) for r in range(self.model.rowCount())]
        lessons = sum(h.kind == "lesson" for h in hits)
        notes = len(hits) - lessons
        if not self.search_edit.text().strip() and not hits:
            what = (
                "No lessons match these filters: Clear filters shows every lesson."
                if self.filters.filters().active
                else "No lessons yet: run a post-mortem after a call that went badly."
            )
        elif not self.search_edit.text().strip():
            what = _count(lessons, "most recent lesson")
        elif not hits:
            what = (
                f"Nothing matches \u201c{self.search_edit.text().strip()}\u201d. Try fewer words, "
                "a prefix like negotiat*, or tick Call notes too."
                if not self.notes_check.isChecked()
                else f"Nothing matches \u201c{self.search_edit.text().strip()}\u201d. "
                "Try fewer words, or a prefix like negotiat*."
            )
        else:
            what = f"{_count(lessons, 'lesson')}, {_count(notes, 'call note')}"
            if not page.exact:
                what += ", newest first (approximate): ranking them all…"
            elif more:
                what += ", best first; scroll down for more"
        done, self._done = self._done, ""
        self.status.setText(f"{done}{what}  ·  {elapsed:.0f} ms")
        self.searched.emit()

    def _row_of(self, lesson_id: int) -> int:
        """The row of this lesson in the results (the first row when it is not there)."""
        for row in range(self.model.rowCount()):
            hit = self.model.hit(row)
            if hit.kind == "lesson" and hit.lesson_id == lesson_id:
                return row
        return 0

    def _search_failed(self, error: object) -> None:
        self.model.set_hits([], self._cause_names)
        self.view.show_nothing()
        known = classify(error) if isinstance(error, BaseException) else None
        if known is not None:  # a query over the length limit, a busy or failing disk...
            self.status.setText(str(known))
        else:
            self.status.setText(f"The search could not run: {error}")
            if isinstance(error, BaseException):
                report_bug(error)  # logged with its traceback and shown once
        self.searched.emit()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.view.show_nothing()
            return
        hit = self.model.hit(current.row())
        if hit.kind == "lesson" and hit.lesson_id is not None:
            lesson = self._library.lesson(hit.lesson_id)
            if lesson is not None:
                self.view.show_lesson(lesson)
                return
        self.view.show_notes_hit(hit)

    def open_result(self, index: QModelIndex) -> None:
        """Enter or double-click: a lesson shows beside the list, notes open their call."""
        if not index.isValid():
            return
        hit = self.model.hit(index.row())
        if hit.kind == "call" and hit.call_id is not None:
            self.open_call.emit(hit.call_id)
        else:
            self._current_changed(index, QModelIndex())

    def focus_search(self) -> None:
        self.pages.setCurrentIndex(0)
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def _focus_results(self) -> None:
        self.run_search()
        self.table.setFocus()

    def _down_to_results(self) -> None:
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.selectRow(0)

    def filter_on_cause(self, cause_id: str) -> None:
        """Show the lessons of one cause (a click on the chart's bar)."""
        self.filters.set_cause(cause_id)
        self.pages.setCurrentIndex(0)

    # -- correcting a lesson --------------------------------------------------------

    def edit_lesson(self, lesson_id: int) -> None:
        """Edit lesson… (Alt+E): correct its words; the results and the detail follow."""
        lesson = self._library.lesson(lesson_id)
        if lesson is None:
            self._gone()
            return
        editor = LessonEditor(lesson, self)
        while editor.exec() == QDialog.DialogCode.Accepted:
            try:
                self._library.correct(lesson_id, *editor.values())
            except KnownError as exc:
                QMessageBox.warning(self, "Edit lesson", str(exc))
                continue  # the words typed stay in the dialog, to fix and save again
            title = " ".join(editor.title.text().split())
            self._keep, self._done = lesson_id, f"Saved “{title}”.  "
            self.run_search()
            break
        editor.deleteLater()

    def delete_lesson(self, lesson_id: int) -> None:
        """Delete lesson…: asks first (there is no undo); the call and its notes stay."""
        lesson = self._library.lesson(lesson_id)
        if lesson is None:
            self._gone()
            return
        answer = QMessageBox.question(
            self,
            "Delete lesson",
            f"Delete the lesson “{lesson.title}” with its causes and evidence?\n\n"
            "The call and its notes stay. This cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._library.delete(lesson_id)
        except KnownError as exc:
            QMessageBox.warning(self, "Delete lesson", str(exc))
            return
        self.view.show_nothing()
        self._done = f"Deleted “{lesson.title}”.  "
        self.refresh()  # the chart's counts change too

    def _gone(self) -> None:
        QMessageBox.warning(self, "Lessons", GONE)
        self.run_search()

    # -- taxonomy and export -------------------------------------------------------

    def edit_taxonomy(self) -> None:
        dialog = TaxonomyDialog(self._taxonomy, self)
        dialog.changed.connect(self.refresh)
        dialog.exec()
        dialog.deleteLater()

    def export_markdown(self, everything: bool) -> None:
        ids: list[int] | None = None
        note = "Every lesson in the notebook."
        if not everything:
            ids = [
                h.lesson_id
                for h in (self.model.hit(r) for r in range(self.model.rowCount()))
                if h.lesson_id is not None
            ]
            query = self.search_edit.text().strip()
            note = f"Lessons found for \u201c{query}\u201d." if query else "Lessons on screen."
        target, chosen = QFileDialog.getSaveFileName(
            self, "Export lessons", "lessons.md", f"{MARKDOWN_FILTER};;{CSV_FILTER}"
        )
        if not target:
            return
        as_csv = chosen == CSV_FILTER or target.lower().endswith(".csv")
        if not Path(target).suffix:
            target += ".csv" if as_csv else ".md"
        library, path = self._library, Path(target)

        def export() -> int:  # on the writer's thread
            if as_csv:
                text = library.export_csv(ids)
                count = sum(1 for _ in csv.reader(io.StringIO(text))) - 1  # less its header
            else:
                text = library.export_markdown(ids, "Lessons from past calls", note)
                count = len(ids) if ids is not None else text.count("\n## ")
            # All or nothing, 0600; newline="" keeps the CSV's own line ends (RFC 4180).
            write_atomically(path, lambda out: out.write(text), newline="" if as_csv else None)
            return count

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, OSError | KnownError):
                raise exc  # a bug: logged and shown by the crash handler
            why = exc.strerror if isinstance(exc, OSError) else str(exc)
            QMessageBox.warning(self, "Export", f"The file could not be written: {why}.")

        def done(count: int) -> None:
            self.status.setText(f"Exported {_count(count, 'lesson')} to {target}")

        self.status.setText(f"Exporting to {target}…")
        self.writer.submit(export, on_done=done, on_error=failed)

    def shutdown(self) -> None:
        """Let a running search finish before the database closes."""
        self.debounce.stop()
        self.runner.wait()


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"
