"""The empty chair: when nobody on the map decides, a dashed card says so on the canvas
itself, where the seller is looking, not only in the panel beside it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from sales_notebook.ui.stakeholder_map import look
from sales_notebook.ui.stakeholder_map.layout import CARD_H, CARD_W


class MissingDecisionMaker(QGraphicsItem):
    """Not a person and not stored: double-click it to add a placeholder card in its place."""

    def __init__(self) -> None:
        super().__init__()
        self.setToolTip("Nobody on this map signs off. Double-click to add a placeholder.")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setZValue(-2)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, -2, CARD_W + 4, CARD_H + 4)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(look.WARNING, 2.5, Qt.PenStyle.DashLine))
        painter.setBrush(QColor(255, 244, 230, 230))
        painter.drawRoundedRect(QRectF(0, 0, CARD_W, CARD_H), 9, 9)
        heading = QFont()
        heading.setPointSizeF(12)
        heading.setBold(True)
        painter.setFont(heading)
        painter.setPen(look.WARNING.darker(130))
        painter.drawText(QRectF(14, 10, CARD_W - 28, 26), Qt.AlignmentFlag.AlignLeft
                         | Qt.AlignmentFlag.AlignVCenter, "? Who decides?")  # fmt: skip
        body = QFont()
        body.setPointSizeF(9.0)
        painter.setFont(body)
        painter.setPen(look.INK)
        painter.drawText(
            QRectF(14, 38, CARD_W - 28, CARD_H - 44),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            "Nobody on the map signs off yet.\nDouble-click to add a placeholder.",
        )
