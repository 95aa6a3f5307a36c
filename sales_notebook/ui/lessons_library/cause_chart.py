"""The chart of what keeps going wrong: lessons per root cause, and the trend by month.

Drawn with QPainter in the palette's colours (the map's blue for the series), so it follows
a light or dark theme; no Qt Charts. The page scrolls when the window is too short to give
every bar a line of text, rather than squeezing or dropping labels. Clicking a bar (or Enter
on it) asks the library to filter on that cause.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from sales_notebook.core.cause_trends import TrendData
from sales_notebook.ui.lessons_library.chart_bars import CauseBars
from sales_notebook.ui.lessons_library.chart_trend import CauseTrendRows


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class CauseChart(QWidget):
    """Bars and trend rows; `cause_clicked(cause_id)` when the user picks a bar."""

    cause_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("causeChart")
        self.data: TrendData | None = None
        self.bars_view = CauseBars(self)
        self.bars_view.activated.connect(self._activated)
        self.trend_view = CauseTrendRows(self)
        self.bars_title = _title("Lessons per root cause (click a bar, or Enter, to see them)")
        self.trend_title = _title("Trend by month: the five most frequent causes")
        self.empty = QLabel(
            "No lessons yet. The chart fills in as you write post-mortems: after a call that "
            "went badly, press Run post-mortem… in the review.",
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        content = QWidget(self)
        content.setObjectName("causeChartContent")
        column = QVBoxLayout(content)
        column.addWidget(self.bars_title)
        column.addWidget(self.bars_view)
        column.addSpacing(12)
        column.addWidget(self.trend_title)
        column.addWidget(self.trend_view)
        column.addStretch(1)
        self.scroller = QScrollArea(self)
        self.scroller.setObjectName("causeChartScroll")
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setWidgetResizable(True)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroller.setWidget(content)
        self.scroller.setFocusProxy(self.bars_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.scroller)
        self.setFocusProxy(self.bars_view)

    def set_data(self, data: TrendData) -> None:
        """Redraw both parts."""
        self.data = data
        has = bool(data.bars)
        self.empty.setVisible(not has)
        self.scroller.setVisible(has)
        self.bars_view.set_bars(data.bars)
        self.trend_view.set_lines(data.months, data.lines)

    def _activated(self, index: int) -> None:
        if self.data is not None:
            self.cause_clicked.emit(self.data.bars[index].cause_id)
