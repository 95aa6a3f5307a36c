"""The trend by month of the most frequent causes, one row per cause, drawn with QPainter.

One line per row on a shared scale (small multiples) instead of five lines on one plot: no
line can hide another, and each month's count is written beside its point.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from sales_notebook.core.cause_trends import CauseTrend
from sales_notebook.ui.lessons_library.chart_bars import GAP, PAD, series_colour, text_width


def month_label(month: str) -> str:
    """'2026-03' as 'Mar'; the year goes on a second line under January and the first month."""
    return datetime.strptime(month, "%Y-%m").strftime("%b")


class CauseTrendRows(QWidget):
    """Small multiples: the name and total on the left, the months across."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("causeTrend")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Trend by month of the five most frequent causes")
        self.months: tuple[str, ...] = ()
        self.lines: tuple[CauseTrend, ...] = ()

    def set_lines(self, months: tuple[str, ...], lines: tuple[CauseTrend, ...]) -> None:
        self.months = months
        self.lines = lines
        self.setAccessibleDescription(
            "; ".join(f"{line.name}: {', '.join(map(str, line.per_month))}" for line in lines)
        )
        self.updateGeometry()
        self.update()

    def row_height(self) -> int:
        return 2 * self.fontMetrics().height() + 18

    def axis_height(self) -> int:
        return 2 * self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:
        return QSize(480, 2 * PAD + len(self.lines) * self.row_height() + self.axis_height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def name_width(self) -> int:
        widest = max((text_width(self, line.name) for line in self.lines), default=0)
        return min(widest, int(self.width() * 0.4))

    def slot_width(self) -> float:
        left = PAD + self.name_width() + GAP
        return max(self.width() - left - PAD, 10) / max(len(self.months), 1)

    def point(self, row: int, month: int) -> QPointF:
        """Where a cause's count for a month sits."""
        line = self.lines[row]
        top = max((max(x.per_month, default=0) for x in self.lines), default=0) or 1
        slot = self.slot_width()
        left = PAD + self.name_width() + GAP
        h = self.row_height()
        label = self.fontMetrics().height()
        base = PAD + (row + 1) * h - 6
        plot = h - label - 12
        return QPointF(left + slot * (month + 0.5), base - plot * line.per_month[month] / top)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        ink = pal.color(QPalette.ColorRole.Text)
        muted = pal.color(QPalette.ColorRole.PlaceholderText)
        colour = series_colour(pal)
        metrics = self.fontMetrics()
        names = self.name_width()
        h = self.row_height()
        left = PAD + names + GAP
        for row, line in enumerate(self.lines):
            top = PAD + row * h
            base = top + h - 6
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            painter.drawLine(left, base, self.width() - PAD, base)
            painter.setPen(ink)
            name_box = QRect(PAD, top, names, h // 2)
            align = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom
            name = metrics.elidedText(line.name, Qt.TextElideMode.ElideRight, names)
            painter.drawText(name_box, int(align), name)
            painter.setPen(muted)
            total = sum(line.per_month)
            painter.drawText(
                QRect(PAD, top + h // 2, names, h // 2),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                f"{total} in {len(self.months)} months",
            )
            points = [self.point(row, m) for m in range(len(self.months))]
            path = QPainterPath(points[0]) if points else QPainterPath()
            for p in points[1:]:
                path.lineTo(p)
            painter.setPen(QPen(colour, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(path)
            painter.setBrush(colour)
            for m, p in enumerate(points):
                n = line.per_month[m]
                painter.setPen(Qt.PenStyle.NoPen)
                painter.drawEllipse(p, 3.0, 3.0)
                if n:
                    painter.setPen(ink)
                    text = QRect(int(p.x()) - 20, int(p.y()) - metrics.height() - 4, 40, 0)
                    painter.drawText(
                        text.adjusted(0, 0, 0, metrics.height()),
                        int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                        str(n),
                    )
        self._draw_months(painter, left)

    def _draw_months(self, painter: QPainter, left: int) -> None:
        pal = self.palette()
        metrics = self.fontMetrics()
        slot = self.slot_width()
        y = PAD + len(self.lines) * self.row_height() + 4
        # Skip every other label when three letters do not fit a month's slot.
        step = 1 if metrics.horizontalAdvance("Mmm") + 4 <= slot else 2
        painter.setPen(pal.color(QPalette.ColorRole.Text))
        for m, month in enumerate(self.months):
            box = QRect(int(left + slot * m), y, int(slot), metrics.height())
            if m % step == 0:
                painter.drawText(box, int(Qt.AlignmentFlag.AlignHCenter), month_label(month))
            if m == 0 or month.endswith("-01"):
                year = QRect(box.left() - 10, y + metrics.height(), box.width() + 20, box.height())
                painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
                painter.drawText(year, int(Qt.AlignmentFlag.AlignHCenter), month[:4])
                painter.setPen(pal.color(QPalette.ColorRole.Text))
