"""Beside the map: the coverage warnings (why, and what to ask next) and the legend."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.coverage import CoverageWarning
from sales_notebook.ui.stakeholder_map import look
from sales_notebook.ui.stakeholder_map.legend import LEGEND_SIZE, paint_legend


class WarningCard(QFrame):
    """One warning; clicking it selects the people it is about."""

    clicked = Signal(tuple)

    def __init__(self, warning: CoverageWarning, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.warning = warning
        self.setObjectName("coverageWarning")
        self.setStyleSheet(
            f"#coverageWarning {{ background: {look.WARNING_FILL.name()}; border-left: 4px solid "
            f"{look.WARNING.name()}; border-radius: 4px; }}"
        )
        if warning.stakeholder_ids:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip("Click to show them on the map")
        title = QLabel(f"⚠ {warning.title}", self)
        title.setWordWrap(True)
        title.setStyleSheet(f"font-weight: bold; color: {look.WARNING_INK.name()};")
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

    def sizeHint(self) -> QSize:
        return LEGEND_SIZE.toSize()

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        paint_legend(painter, self.font())
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

    def show_warnings(
        self, warnings: list[CoverageWarning], mapped: int | None = None, calls: int | None = None
    ) -> None:
        """Replace the list of warnings; `mapped` people on the map (0: nobody yet), `calls`
        held so far (0: whether the deciders were reached cannot be told yet)."""
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
        if mapped == 0:
            # "1 gap to close" read oddly over an empty map: the gap is everyone.
            self.summary.setText(
                "Nobody mapped yet." + (" Start with who decides:" if warnings else "")
            )
        elif warnings:
            n = len(warnings)
            self.summary.setText(f"{n} gap{'s' if n > 1 else ''} to close before the next call.")
        elif calls == 0:
            # Before any call nobody has been reached: "reached" would be untrue.
            self.summary.setText(
                "✔ No gaps found yet: deciders identified. After a call, the map checks "
                "they were on it."
            )
        else:
            self.summary.setText("✔ No gaps found: deciders identified and reached.")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
