"""The map's key: what the colours, symbols and lines mean. Painted beside the map on
screen and into every exported picture, so a slide explains itself."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QFont, QPainter, QPen

from sales_notebook.core.vocabulary import Attitude, Coverage
from sales_notebook.ui.stakeholder_map import look

ROW = 20
LEGEND_SIZE = QSizeF(240, ROW * 15 + 8)


def paint_legend(painter: QPainter, font: QFont) -> None:
    """Paint the key with its top-left corner at the painter's origin, in LEGEND_SIZE."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    y = 4.0
    bold = QFont(font)
    bold.setBold(True)
    normal = QFont(font)

    def heading(text: str) -> None:
        nonlocal y
        painter.setFont(bold)
        painter.setPen(look.INK)
        painter.drawText(QRectF(0, y, 240, ROW), Qt.AlignmentFlag.AlignVCenter, text)
        painter.setFont(normal)
        y += ROW

    heading("Attitude (left stripe and word)")
    for mood in Attitude:
        painter.fillRect(QRectF(4, y + 4, 6, 12), look.ATTITUDE_COLOURS[mood])
        painter.setPen(look.ATTITUDE_COLOURS[mood].darker(120))
        painter.drawText(QRectF(18, y, 200, ROW), Qt.AlignmentFlag.AlignVCenter,
                         f"{look.ATTITUDE_SYMBOLS[mood]} {mood.label}")  # fmt: skip
        y += ROW
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
        painter.drawText(QRectF(48, y, 190, ROW), Qt.AlignmentFlag.AlignVCenter, text)
        y += ROW
    heading("Influence 1–5")
    painter.setPen(look.MUTED)
    painter.drawText(QRectF(4, y, 236, ROW), Qt.AlignmentFlag.AlignVCenter,
                     "dots ●●●○○ and frame weight")  # fmt: skip
    y += ROW
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
    painter.drawText(QRectF(x + 4, y, 200, ROW), Qt.AlignmentFlag.AlignVCenter,
                     "none → in depth")  # fmt: skip
    y += ROW
    painter.setPen(QPen(look.GAP_INK, 1.5, Qt.PenStyle.DashLine))
    painter.setBrush(look.GAP_FILL)
    painter.drawRoundedRect(QRectF(4, y + 3, 30, 14), 3, 3)
    painter.setPen(look.INK)
    painter.drawText(QRectF(42, y, 200, ROW), Qt.AlignmentFlag.AlignVCenter,
                     "not identified yet (a gap)")  # fmt: skip
    y += ROW
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(look.WARNING)
    painter.drawPolygon([QPointF(19, y + 3), QPointF(28, y + 17), QPointF(10, y + 17)])
    painter.setPen(look.INK)
    painter.drawText(QRectF(42, y, 200, ROW), Qt.AlignmentFlag.AlignVCenter,
                     "named in a warning")  # fmt: skip
