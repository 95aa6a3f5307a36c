"""The chart of what keeps going wrong: lessons per root cause, and the trend by month.

Clicking a bar asks the library to filter on that cause. The charts follow the palette,
so they stay readable in a light and a dark theme.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QMargins, Qt, Signal
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from sales_notebook.core.cause_trends import TrendData


def _count_axis(top: int) -> QValueAxis:
    """A 0..top axis of whole numbers: ticks every 1, 2, 5, 10 … lessons, never 0.5."""
    step = 1
    while top / step > 8:
        step *= 5 if str(step)[0] == "2" else 2
    axis = QValueAxis()
    axis.setLabelFormat("%d")
    axis.setTickType(QValueAxis.TickType.TicksDynamic)
    axis.setTickAnchor(0)
    axis.setTickInterval(step)
    axis.setRange(0, max(step, -(-top // step) * step))
    return axis


def _month_label(month: str) -> str:
    """'2026-03' as 'Mar 26', short enough for twelve labels on one axis."""
    return datetime.strptime(month, "%Y-%m").strftime("%b %y")


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class CauseChart(QWidget):
    """Two charts; `cause_clicked(cause_id)` when the user clicks a bar."""

    cause_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("causeChart")
        self.data: TrendData | None = None
        self.bars_chart = QChart()
        self.bars_chart.setTitle("Lessons per root cause (click a bar to see them)")
        self.bars_chart.legend().hide()
        self.trend_chart = QChart()
        self.trend_chart.setTitle("Trend by month: the five most frequent causes")
        self.trend_chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.bars_view = self._view(self.bars_chart, "causeBars")
        self.trend_view = self._view(self.trend_chart, "causeTrend")
        self.empty = QLabel("No lessons yet: the chart fills in as you write post-mortems.", self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.bars_view, 3)
        layout.addWidget(self.trend_view, 2)
        self._apply_theme()

    def _view(self, chart: QChart, name: str) -> QChartView:
        chart.setMargins(QMargins(4, 4, 4, 4))
        view = QChartView(chart, self)
        view.setObjectName(name)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        return view

    def set_data(self, data: TrendData) -> None:
        """Redraw both charts."""
        self.data = data
        has = bool(data.bars)
        self.empty.setVisible(not has)
        self.bars_view.setVisible(has)
        self.trend_view.setVisible(has)
        self._draw_bars(data)
        self._draw_trend(data)
        self._apply_theme()

    def _clear(self, chart: QChart) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)

    def _draw_bars(self, data: TrendData) -> None:
        self._clear(self.bars_chart)
        # Bottom to top on a horizontal chart: reverse, so the most frequent is on top.
        bars = list(reversed(data.bars))
        counts = QBarSet("Lessons")
        counts.append([float(b.count) for b in bars])
        counts.clicked.connect(lambda i: self.cause_clicked.emit(bars[i].cause_id))
        series = QHorizontalBarSeries()
        series.append(counts)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsInsideEnd)
        self.bars_chart.addSeries(series)
        names = QBarCategoryAxis()
        names.append([b.name for b in bars])
        names.setTruncateLabels(False)
        self.bars_chart.addAxis(names, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(names)
        values = _count_axis(max([b.count for b in bars], default=1))
        self.bars_chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(values)
        self.bar_set = counts

    def _draw_trend(self, data: TrendData) -> None:
        self._clear(self.trend_chart)
        months = QBarCategoryAxis()
        months.append([_month_label(m) for m in data.months])
        top = max((max(line.per_month, default=0) for line in data.lines), default=0)
        values = _count_axis(top)
        self.trend_chart.addAxis(months, Qt.AlignmentFlag.AlignBottom)
        self.trend_chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        for line in data.lines:
            series = QLineSeries()
            series.setName(line.name)
            series.setPointsVisible(True)
            for x, n in enumerate(line.per_month):
                series.append(float(x), float(n))
            self.trend_chart.addSeries(series)
            series.attachAxis(months)
            series.attachAxis(values)

    def _apply_theme(self) -> None:
        dark = _is_dark(self.palette())
        theme = QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        for chart in (self.bars_chart, self.trend_chart):
            chart.setTheme(theme)
            # The theme's own background clashes with the window; take the palette's.
            chart.setBackgroundBrush(self.palette().brush(QPalette.ColorRole.Base))
            chart.setTitleBrush(self.palette().brush(QPalette.ColorRole.Text))
            for axis in chart.axes():
                axis.setLabelsBrush(self.palette().brush(QPalette.ColorRole.Text))
            chart.legend().setLabelBrush(self.palette().brush(QPalette.ColorRole.Text))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_theme()
        super().changeEvent(event)
