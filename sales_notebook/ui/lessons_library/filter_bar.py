"""Filters under the search box: root cause, account, outcome and a date range (and the
team library's scope and Publish at the end of the first row, when there is a team)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QDate, QEvent, QObject, QPointF, QSignalBlocker, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.vocabulary import Outcome
from sales_notebook.store.accounts import AccountRow
from sales_notebook.store.search import SearchFilters
from sales_notebook.store.taxonomy import CauseRow

# A date edit at its minimum shows "any": no bound on that side.
NO_DATE = QDate(2000, 1, 1)

W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


class _OpensOnToday(QObject):
    """An "any" date's calendar opens on this month, not on January 2000."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show:
            calendar = self._edit.calendarWidget()
            if self._edit.date() == NO_DATE:
                today = QDate.currentDate()
                calendar.setCurrentPage(today.year(), today.month())
            _fit(calendar)
        return False


def _fit(calendar: QCalendarWidget) -> None:
    """Make room for every day and the month bar as the theme draws them: Qt sizes the
    calendar for its plain style, which cut the last week and elided the days' names."""
    days = calendar.findChild(QTableView)
    bar = calendar.findChild(QWidget, "qt_calendar_navigationbar")
    if days is None or bar is None:
        return
    model, frame = days.model(), 2 * days.frameWidth()
    # A row is never lower, nor a column narrower, than its header's smallest section.
    row = days.verticalHeader().minimumSectionSize()
    column = days.horizontalHeader().minimumSectionSize()
    width = sum(max(column, days.sizeHintForColumn(c)) for c in range(model.columnCount()))
    height = sum(max(row, days.sizeHintForRow(r)) for r in range(model.rowCount()))
    width, height = width + frame, height + frame
    need = QSize(max(width, bar.sizeHint().width()), bar.sizeHint().height() + height)
    if calendar.width() < need.width() or calendar.height() < need.height():
        calendar.setMinimumSize(need.expandedTo(calendar.minimumSize()))
        calendar.window().adjustSize()


class DateFilter(QDateEdit):
    """A day, or "any" at the minimum, that the keyboard alone can set: a date typed over
    "any" (2026-11-01) is taken, and Alt+↓ or F4 opens the calendar as on a combo box."""

    def __init__(self, parent: QWidget, name: str, tip: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("any")
        self.setDate(NO_DATE)
        calendar = QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Down)  # ⌥↓ on a Mac
        native = calendar.toString(QKeySequence.SequenceFormat.NativeText)
        self.setToolTip(f"{tip}. Type a date (2026-11-01) or press {native} for the calendar.")
        self.calendarWidget().installEventFilter(_OpensOnToday(self))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
        if key == Qt.Key.Key_F4 or (alt and key in (Qt.Key.Key_Down, Qt.Key.Key_Up)):
            self.open_calendar()
            return
        if self.date() == NO_DATE and event.text().isdigit():
            # Typed over "any", the digits went after the word and were refused: start from
            # today's date with its year selected, so the digits replace it.
            with QSignalBlocker(self):
                self.setDate(QDate.currentDate())
            self.setSelectedSection(QDateTimeEdit.Section.YearSection)
        line = self.lineEdit()
        start = line.selectionStart()
        if event.text() == "-" and line.hasSelectedText() and line.text()[start - 1 : start] == "-":
            # A full year or month already moved on to the next part: the "-" typed after
            # it would skip that part too (2025-03-07 became 2025-11-03).
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        """Show the calendar, as a click on the arrow does (Qt has no call for it)."""
        option = QStyleOptionComboBox()
        option.initFrom(self)
        option.editable = True
        option.subControls = QStyle.SubControl.SC_All
        arrow = self.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxArrow, self
        )
        at = QPointF(arrow.center())
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            click = QMouseEvent(
                kind,
                at,
                self.mapToGlobal(at),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
            QApplication.sendEvent(self, click)


class FilterBar(QWidget):
    """Emits `changed` whenever a filter changes; `filters()` reads them all."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cause = _named(QComboBox(self), "causeFilter")
        self.account = _named(QComboBox(self), "accountFilter")
        self.outcome = _named(QComboBox(self), "outcomeFilter")
        self.outcome.addItem("Any outcome", None)
        for outcome in Outcome:
            self.outcome.addItem(outcome.label, outcome.value)
        self.date_from = DateFilter(self, "dateFrom", "From this day (at the minimum: any)")
        self.date_to = DateFilter(self, "dateTo", "Up to this day (at the minimum: any)")
        self.clear_button = _named(QToolButton(self), "clearFilters")
        self.clear_button.setText("Clear filters")
        self.clear_button.clicked.connect(self.clear)
        for combo in (self.cause, self.account, self.outcome):
            combo.currentIndexChanged.connect(lambda _: self.changed.emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _: self.changed.emit())
        for combo in (self.cause, self.account, self.outcome):
            # Long cause or account names must not widen the pane past a small window.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(8)
        # Two rows, so the library still fits beside the sidebar in a small window.
        choices = self._choices = QHBoxLayout()
        choices.addWidget(self.cause, 3)
        choices.addWidget(self.account, 3)
        choices.addWidget(self.outcome, 2)
        dates = QHBoxLayout()
        dates.addWidget(QLabel("From", self))
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel("to", self))
        dates.addWidget(self.date_to)
        dates.addWidget(self.clear_button)
        dates.addStretch(1)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        rows.addLayout(choices)
        rows.addLayout(dates)
        self.set_choices([], [])

    def add_tools(self, widget: QWidget) -> None:
        """Put a widget at the end of the first row of filters (the team library's scope
        and Publish: which lessons to search is a filter too, and the search box keeps its
        width); the lists beside it give up width first."""
        self._choices.addWidget(widget)

    def set_choices(self, causes: Sequence[CauseRow], accounts: Sequence[AccountRow]) -> list[str]:
        """Refill the cause and account lists, keeping what was picked if it still exists;
        returns the names of the picks that do not (a cause merged away, an account deleted),
        which fall back to "any"."""
        gone: list[str] = []
        self.blockSignals(True)
        for combo, first, items in (
            (self.cause, "Any root cause",
             [(c.name + (" (retired)" if c.retired else ""), c.id) for c in causes]),
            (self.account, "Any account", [(a.name, a.id) for a in accounts]),
        ):  # fmt: skip
            picked, name = combo.currentData(), combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(first, None)
            for label, value in items:
                combo.addItem(label, value)
            found = combo.findData(picked) if picked is not None else 0
            if found < 0:
                gone.append(name.removesuffix(" (retired)"))
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
        self.blockSignals(False)
        return gone

    def set_cause(self, cause_id: str | None) -> None:
        """Pick a cause (the chart's bars do this)."""
        index = self.cause.findData(cause_id) if cause_id is not None else 0
        self.cause.setCurrentIndex(max(index, 0))

    def clear(self) -> None:
        for combo in (self.cause, self.account, self.outcome):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        for edit in (self.date_from, self.date_to):
            edit.blockSignals(True)
            edit.setDate(NO_DATE)
            edit.blockSignals(False)
        self.changed.emit()

    def filters(self) -> SearchFilters:
        def day(edit: QDateEdit) -> date | None:
            value = edit.date()
            return None if value == NO_DATE else date(value.year(), value.month(), value.day())

        return SearchFilters(
            cause_id=self.cause.currentData(),
            account_id=self.account.currentData(),
            outcome=self.outcome.currentData(),
            date_from=day(self.date_from),
            date_to=day(self.date_to),
        )
