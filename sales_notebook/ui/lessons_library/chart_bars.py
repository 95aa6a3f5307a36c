"""Lessons per root cause as horizontal bars, drawn with QPainter.

Every row gets the full height of a line of text, the cause's name in a column as wide as
the widest name, and the count just past the end of its bar: nothing overlaps, nothing is
cut. Click a bar, or move with the arrow keys and press Enter, to see its lessons.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from sales_notebook.core.cause_trends import CauseBar
from sales_notebook.ui.stakeholder_map import look

PAD = 8
GAP = 10  # between a name and its bar, and a bar and its count


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def series_colour(palette: QPalette) -> QColor:
    """The map's focus blue, lightened on a dark background so it keeps its contrast."""
    return QColor("#74c0fc") if is_dark(palette) else QColor(look.FOCUS)


def text_width(widget: QWidget, text: str) -> int:
    """The whole pixels `text` needs in `widget`'s font. QFontMetrics rounds to the nearest
    pixel, and a column rounded down was too narrow: its widest name lost its end."""
    return math.ceil(QFontMetricsF(widget.font()).horizontalAdvance(text))


def lessons(n: int) -> str:
    return f"{n} lesson" if n == 1 else f"{n} lessons"


class CauseBars(QWidget):
    """`activated(index)` when a bar is clicked or Enter is pressed on the current one."""

    activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("causeBars")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Lessons per root cause")
        self.bars: tuple[CauseBar, ...] = ()
        self.current = 0
        self._hover = -1

    def set_bars(self, bars: tuple[CauseBar, ...]) -> None:
        self.bars = bars
        self.current = min(self.current, max(len(bars) - 1, 0))
        self.updateGeometry()
        self.update()

    # -- geometry -----------------------------------------------------------------

    def row_height(self) -> int:
        return self.fontMetrics().height() + 10

    def sizeHint(self) -> QSize:
        return QSize(480, 2 * PAD + len(self.bars) * self.row_height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def name_width(self) -> int:
        widest = max((text_width(self, b.name) for b in self.bars), default=0)
        return min(widest, int(self.width() * 0.45))

    def value_width(self) -> int:
        top = max((b.count for b in self.bars), default=0)
        return self.fontMetrics().horizontalAdvance(str(top))

    def bar_rect(self, index: int) -> QRect:
        """Where the bar of `bars[index]` is drawn (at least 2 px wide, so a 1 shows)."""
        left = PAD + self.name_width() + GAP
        room = max(self.width() - left - GAP - self.value_width() - PAD, 10)
        top = max((b.count for b in self.bars), default=1) or 1
        width = max(2, round(room * self.bars[index].count / top))
        h = self.row_height()
        return QRect(left, PAD + index * h + 3, width, h - 6)

    def value_rect(self, index: int) -> QRect:
        bar = self.bar_rect(index)
        text = str(self.bars[index].count)
        w = self.fontMetrics().horizontalAdvance(text)
        return QRect(bar.right() + GAP, bar.top(), w + 1, bar.height())

    def name_elided(self, index: int) -> bool:
        """Whether the name had to be shortened to fit (only when the window is tiny)."""
        return text_width(self, self.bars[index].name) > self.name_width()

    def index_at(self, pos: QPoint) -> int:
        row = (pos.y() - PAD) // self.row_height()
        return row if 0 <= row < len(self.bars) and pos.y() >= PAD else -1

    # -- drawing ------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        ink = pal.color(QPalette.ColorRole.Text)
        colour = series_colour(pal)
        metrics = self.fontMetrics()
        names = self.name_width()
        for i, bar in enumerate(self.bars):
            rect = self.bar_rect(i)
            row = QRect(PAD, rect.top() - 3, self.width() - 2 * PAD, self.row_height())
            if i == self._hover or (i == self.current and self.hasFocus()):
                painter.fillRect(row, pal.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(ink)
            name = metrics.elidedText(bar.name, Qt.TextElideMode.ElideRight, names)
            painter.drawText(
                QRect(PAD, rect.top(), names, rect.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                name,
            )
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour.darker(115) if i == self._hover else colour)
            painter.drawRoundedRect(QRectF(rect), 3, 3)
            painter.setPen(ink)
            painter.drawText(
                self.value_rect(i),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                str(bar.count),
            )
            if i == self.current and self.hasFocus():
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1.5))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(QRectF(row).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)

    # -- input --------------------------------------------------------------------

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hover = self.index_at(event.position().toPoint())
        if hover != self._hover:
            self._hover = hover
            cursor = Qt.CursorShape.PointingHandCursor if hover >= 0 else Qt.CursorShape.ArrowCursor
            self.setCursor(cursor)
            self.update()

    def leaveEvent(self, event: QEvent) -> None:
        self._hover = -1
        self.update()
        super().leaveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.index_at(event.position().toPoint())
        if event.button() == Qt.MouseButton.LeftButton and index >= 0:
            self.current = index
            self.activated.emit(index)
        else:
            super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        moves = {
            Qt.Key.Key_Up: self.current - 1,
            Qt.Key.Key_Down: self.current + 1,
            Qt.Key.Key_Home: 0,
            Qt.Key.Key_End: len(self.bars) - 1,
        }
        if key in moves and self.bars:
            self.current = max(0, min(moves[key], len(self.bars) - 1))
            self.setAccessibleDescription(self._describe(self.current))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.bars:
            self.activated.emit(self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.update()
        super().focusOutEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.index_at(event.pos())
            if index >= 0:
                QToolTip.showText(event.globalPos(), self._describe(index), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def _describe(self, index: int) -> str:
        bar = self.bars[index]
        return f"{bar.name}: {lessons(bar.count)}. Click or press Enter to see them."
