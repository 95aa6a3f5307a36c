"""The library's team tools: search scope (Mine / Team / All), Publish / Unpublish of the
lesson picked in the results, and the chart's scope (Mine / Team)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QToolButton,
    QWidget,
)

from sales_notebook.core.cause_trends import TrendData
from sales_notebook.store.errors import KnownError
from sales_notebook.team.library_search import ScopedLibrarySearch
from sales_notebook.team.local import TeamLocal
from sales_notebook.team.search import SCOPES
from sales_notebook.team.views import TeamViews
from sales_notebook.ui.lessons_library.pane import LessonsLibraryPane

SCOPE_LABELS = {"mine": "Mine", "team": "Team", "all": "All"}


class TeamLibraryBar(QWidget):
    """Sits beside the library's search box; `publish_requested` goes through TeamLocal."""

    def __init__(
        self, pane: LessonsLibraryPane, search: ScopedLibrarySearch, local: TeamLocal
    ) -> None:
        super().__init__(pane)
        self._pane, self._search, self._local = pane, search, local
        self._views = TeamViews(local._db)
        self.scope = QComboBox(self)
        self.scope.setObjectName("searchScope")
        self.scope.setToolTip("Search my lessons, the team's (offline copy), or both")
        for key in SCOPES:
            self.scope.addItem(SCOPE_LABELS[key], key)
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.publish = QToolButton(self)
        self.publish.setObjectName("publishLesson")
        self.publish.setText("Publish")
        self.publish.setToolTip("Share the picked lesson with the team (sent at the next sync)")
        self.publish.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.publish.clicked.connect(lambda: self.publish_current(False))
        menu = QMenu(self.publish)
        menu.addAction("Publish", lambda: self.publish_current(False))
        menu.addAction("Publish with the account's name", lambda: self.publish_current(True))
        self.publish.setMenu(menu)
        self.unpublish = QToolButton(self)
        self.unpublish.setObjectName("unpublishLesson")
        self.unpublish.setText("Unpublish")
        self.unpublish.setToolTip("Take the picked lesson back from the team")
        self.unpublish.clicked.connect(self.unpublish_current)
        self.chart_scope = QComboBox(self)
        self.chart_scope.setObjectName("chartScope")
        self.chart_scope.setToolTip("Chart my lessons, or the whole team's (with how many sellers)")
        self.chart_scope.addItem("My lessons", "mine")
        self.chart_scope.addItem("The team's lessons", "team")
        self.chart_scope.currentIndexChanged.connect(self._chart_scope_changed)
        # The results' tools and the chart's scope take turns in one stack: its size is the
        # larger of the two whichever shows, so the row never re-lays out (or overflows)
        # while a page change's hide and show events are still queued.
        results_tools = QWidget(self)
        row = QHBoxLayout(results_tools)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.scope)
        row.addWidget(self.publish)
        row.addWidget(self.unpublish)
        chart_tools = QWidget(self)  # the combo at its own width, not the results tools'
        row = QHBoxLayout(chart_tools)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.chart_scope)
        row.addStretch(1)
        self._tools = QStackedWidget(self)
        self._tools.addWidget(results_tools)
        self._tools.addWidget(chart_tools)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._tools)
        # After the pane's own slot: a team row shows the whole team lesson, not a snippet.
        pane.table.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())
        pane.searched.connect(self.update_buttons)
        pane.pages.currentChanged.connect(self._page_changed)
        self._page_changed()
        self.update_buttons()

    def _current_lesson(self) -> int | None:
        index = self._pane.table.currentIndex()
        if not index.isValid():
            return None
        return self._pane.model.hit(index.row()).lesson_id

    def _row_changed(self) -> None:
        self.update_buttons()
        index = self._pane.table.currentIndex()
        if not index.isValid():
            return
        uuid = self._search.team_uuid(self._pane.model.hit(index.row()))
        lesson = self._views.lesson(uuid) if uuid else None
        if lesson is not None:
            self._pane.view.show_lesson(lesson, mine=False)

    def update_buttons(self) -> None:
        lesson_id = self._current_lesson()
        shared = lesson_id is not None and lesson_id in self._local.shares()
        self.publish.setEnabled(lesson_id is not None)
        self.publish.setText("Published ✓" if shared else "Publish")
        self.unpublish.setEnabled(shared)

    def publish_current(self, with_account: bool) -> None:
        lesson_id = self._current_lesson()
        if lesson_id is None:
            return
        try:
            self._local.publish([lesson_id], share_account=with_account)
        except KnownError as exc:
            QMessageBox.warning(self, "Publish", str(exc))
            return
        self._pane.status.setText("Published: it reaches the team at the next sync.")
        self.update_buttons()

    def unpublish_current(self) -> None:
        lesson_id = self._current_lesson()
        if lesson_id is None:
            return
        try:
            self._local.unpublish([lesson_id])
        except KnownError as exc:
            QMessageBox.warning(self, "Unpublish", str(exc))
            return
        self._pane.status.setText("Unpublished: the team's copies go at the next sync.")
        self.update_buttons()

    def _scope_changed(self, _index: int) -> None:
        self._search.scope = self.scope.currentData()
        self._pane.run_search()

    def _page_changed(self, *_: object) -> None:
        on_chart = self._pane.pages.currentWidget() is self._pane.chart
        self._tools.setCurrentIndex(1 if on_chart else 0)

    def _chart_scope_changed(self, _index: int) -> None:
        team = self.chart_scope.currentData() == "team"
        self._pane.chart_source = self._team_trends if team else None
        self._pane.refresh_chart()

    def _team_trends(self, today: date, months: int) -> TrendData:
        return self._views.trends(today, months)
