"""Beside the map: the coverage warnings (why, and what to ask next) and the legend."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.coverage import CoverageWarning
from sales_notebook.core.vocabulary import Attitude, Coverage
from sales_notebook.ui.stakeholder_map import look


class WarningCard(QFrame):
    """One warning; clicking it selects the people it is about."""

    clicked = Signal(tuple)

    def __init__(self, warning: CoverageWarning, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warning = warning
        self.setObjectName("coverageWarning")
        self.setStyleSheet(
            "#coverageWarning { background: #fff4e6; border-left: 4px solid "
            f"{look.WARNING.name()}; border-radius: 4px; }}"
        )
        if warning.stakeholder_ids:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip("Click to show them on the map")
        title = QLabel(f"⚠ {warning.title}", self)
        title.setWordWrap(True)
        title.setStyleSheet(f"font-weight: bold; color: {look.WARNING.darker(130).name()};")
        why = QLabel(warning.why, self)
        why.setWordWrap(True)
        ask = QLabel(f"<b>Ask:</b> <i>{_escape(warning.ask)}</i>", self)
        ask.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 8, 8)
        layout.setSpacing(4)
        for label in (title, why, ask):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
            layout.addWidget(label)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.warning.stakeholder_ids)
        super().mousePressEvent(event)


class Legend(QWidget):
    """What the colours, symbols and lines mean (every colour comes with its word)."""

    ROW = 20

    def sizeHint(self) -> QSize:
        return QSize(240, self.ROW * 15 + 8)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        y = 4.0
        bold = painter.font()
        bold.setBold(True)
        normal = painter.font()

        def heading(text: str) -> None:
            nonlocal y
            painter.setFont(bold)
            painter.setPen(look.INK)
            painter.drawText(QRectF(0, y, 240, self.ROW), Qt.AlignmentFlag.AlignVCenter, text)
            painter.setFont(normal)
            y += self.ROW

        heading("Attitude (left stripe and word)")
        for mood in Attitude:
            painter.fillRect(QRectF(4, y + 4, 6, 12), look.ATTITUDE_COLOURS[mood])
            painter.setPen(look.ATTITUDE_COLOURS[mood].darker(120))
            painter.drawText(QRectF(18, y, 200, self.ROW), Qt.AlignmentFlag.AlignVCenter,
                             f"{look.ATTITUDE_SYMBOLS[mood]} {mood.label}")  # fmt: skip
            y += self.ROW
        heading("Links")
        for text, colour, style in (
            ("reports to (solid)", look.REPORTS_TO, Qt.PenStyle.SolidLine),
            ("influences (dashed)", look.INFLUENCES, Qt.PenStyle.DashLine),
        ):
            painter.setPen(QPen(colour, 2, style))
            painter.drawLine(QPointF(4, y + 10), QPointF(34, y + 10))
            painter.setBrush(colour)
            painter.drawPolygon([QPointF(40, y + 10), QPointF(32, y + 6), QPointF(32, y + 14)])
            painter.setPen(look.INK)
            painter.drawText(QRectF(48, y, 190, self.ROW), Qt.AlignmentFlag.AlignVCenter, text)
            y += self.ROW
        heading("Influence 1–5")
        painter.setPen(look.MUTED)
        painter.drawText(QRectF(4, y, 236, self.ROW), Qt.AlignmentFlag.AlignVCenter,
                         "dots ●●●○○ and frame weight")  # fmt: skip
        y += self.ROW
        heading("Coverage")
        x = 4.0
        for level in Coverage:
            pie = QRectF(x, y + 4, 11, 11)
            painter.setPen(QPen(look.MUTED, 1.2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(pie)
            if look.COVERAGE_FILL[level]:
                painter.setBrush(look.MUTED)
                painter.drawPie(pie, 90 * 16, -round(look.COVERAGE_FILL[level] * 5760))
            x += 16
        painter.setPen(look.MUTED)
        painter.drawText(QRectF(x + 4, y, 200, self.ROW), Qt.AlignmentFlag.AlignVCenter,
                         "none → in depth")  # fmt: skip
        y += self.ROW
        painter.setPen(QPen(look.GAP_INK, 1.5, Qt.PenStyle.DashLine))
        painter.setBrush(look.GAP_FILL)
        painter.drawRoundedRect(QRectF(4, y + 3, 30, 14), 3, 3)
        painter.setPen(look.INK)
        painter.drawText(QRectF(42, y, 200, self.ROW), Qt.AlignmentFlag.AlignVCenter,
                         "not identified yet (a gap)")  # fmt: skip
        y += self.ROW
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(look.WARNING)
        painter.drawPolygon([QPointF(19, y + 3), QPointF(28, y + 17), QPointF(10, y + 17)])
        painter.setPen(look.INK)
        painter.drawText(QRectF(42, y, 200, self.ROW), Qt.AlignmentFlag.AlignVCenter,
                         "named in a warning")  # fmt: skip
        painter.end()


class SidePanel(QWidget):
    """Emits show_people(ids) when a warning is clicked."""

    show_people = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("coveragePanel")
        # One scroll area holds it all, so the panel never forces a tall window.
        self.list = QWidget(self)
        heading = QLabel("Coverage", self.list)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        self.summary = QLabel("", self.list)
        self.summary.setObjectName("coverageSummary")
        self.summary.setWordWrap(True)
        self.legend = Legend(self.list)
        self.legend.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.setContentsMargins(12, 10, 12, 10)
        self.list_layout.setSpacing(8)
        self.list_layout.addWidget(heading)
        self.list_layout.addWidget(self.summary)
        self.list_layout.addStretch(1)
        self.list_layout.addWidget(self.legend)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.list)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # It scrolls down, never across: the splitter may not squeeze it narrower than the
        # legend and the warnings' words (the map beside it zooms instead).
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        self.setMinimumWidth(self.list.minimumSizeHint().width() + bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)
        self.cards: list[WarningCard] = []

    def show_warnings(self, warnings: list[CoverageWarning]) -> None:
        """Replace the list of warnings."""
        for card in self.cards:
            # Out of the layout at once: deleteLater alone leaves it showing until the loop runs.
            self.list_layout.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = []
        for index, warning in enumerate(warnings):
            card = WarningCard(warning, self.list)
            card.clicked.connect(self.show_people)
            self.list_layout.insertWidget(2 + index, card)  # after heading and summary
            self.cards.append(card)
        if warnings:
            n = len(warnings)
            self.summary.setText(f"{n} gap{'s' if n > 1 else ''} to close before the next call.")
        else:
            self.summary.setText("✔ No gaps found: deciders identified and reached.")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
