"""A link between two cards: reports-to as a solid arrow up the org chart, influences as a
dashed curved arrow, so the two never read as the same thing."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPainterPathStroker, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from sales_notebook.core.vocabulary import LinkKind
from sales_notebook.store.stakeholders import LinkRow
from sales_notebook.ui.stakeholder_map import look
from sales_notebook.ui.stakeholder_map.card import PersonCard
from sales_notebook.ui.stakeholder_map.layout import STACK_INDENT

ARROW = 10.0


class LinkEdge(QGraphicsPathItem):
    """Selectable (Delete removes it); follows its cards as they move."""

    def __init__(self, link: LinkRow, source: PersonCard, target: PersonCard) -> None:
        super().__init__()
        self.link = link
        self.source = source
        self.target = target
        self.reports = link.kind == LinkKind.REPORTS_TO
        self._tip = QPointF()
        self._angle = 0.0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setZValue(-1)
        verb = "reports to" if self.reports else "influences"
        self.setToolTip(f"{source.person.name} {verb} {target.person.name}")
        self.restyle()
        source.edges.append(self)
        target.edges.append(self)
        self.adjust()

    def restyle(self) -> None:
        """Take the look's current colours (after a theme switch, or for a light export)."""
        pen = QPen(look.REPORTS_TO if self.reports else look.INFLUENCES, 1.8)
        if not self.reports:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)

    @property
    def id(self) -> int:
        return self.link.id

    def adjust(self) -> None:
        self.prepareGeometryChange()
        src = self.source.rect_in_scene()
        dst = self.target.rect_in_scene()
        path = QPainterPath()
        if self.reports and src.top() > dst.bottom() + 8:
            self._route_up(path, src, dst)
        else:
            start = _border_point(src, dst.center())
            end = _border_point(dst, src.center())
            path.moveTo(start)
            before_tip = start
            if self.reports:
                path.lineTo(end)
            else:
                # A gentle bend keeps influence arrows off the straight org-chart lines.
                line = QLineF(start, end)
                normal = line.normalVector().unitVector()
                before_tip = line.center() + QPointF(normal.dx(), normal.dy()) * 28
                path.quadTo(before_tip, end)
            self._tip = end
            self._angle = math.atan2(end.y() - before_tip.y(), end.x() - before_tip.x())
        self.setPath(path)

    def _route_up(self, path: QPainterPath, src: QRectF, dst: QRectF) -> None:
        """Org-chart elbows: up from the report, across, up into the boss's bottom edge."""
        stacked = dst.left() < src.left() <= dst.left() + STACK_INDENT + 1
        if stacked:
            spine = dst.left() + STACK_INDENT / 2
            path.moveTo(src.left(), src.center().y())
            path.lineTo(spine, src.center().y())
            end = QPointF(spine, dst.bottom())
        else:
            start = QPointF(src.center().x(), src.top())
            end = QPointF(dst.center().x(), dst.bottom())
            middle = dst.bottom() + max(16.0, (start.y() - end.y()) / 2)
            path.moveTo(start)
            path.lineTo(start.x(), middle)
            path.lineTo(end.x(), middle)
        path.lineTo(end)
        self._tip = end
        self._angle = -math.pi / 2

    def boundingRect(self) -> QRectF:
        return super().boundingRect().adjusted(-ARROW, -ARROW, ARROW, ARROW)

    def shape(self) -> QPainterPath:
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        return stroker.createStroke(self.path())

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(self.pen())
        if self.isSelected():
            pen.setColor(look.FOCUS)
            pen.setWidthF(3.0)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        back = self._angle + math.pi
        head = QPolygonF(
            [
                self._tip,
                self._tip + QPointF(math.cos(back - 0.45), math.sin(back - 0.45)) * ARROW,
                self._tip + QPointF(math.cos(back + 0.45), math.sin(back + 0.45)) * ARROW,
            ]
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pen.color())
        painter.drawPolygon(head)


def _border_point(rect: QRectF, toward: QPointF) -> QPointF:
    """Where the line from the rectangle's centre to `toward` leaves the rectangle."""
    centre = rect.center()
    dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
    if dx == 0 and dy == 0:
        return centre
    scale = min(
        (rect.width() / 2) / abs(dx) if dx else math.inf,
        (rect.height() / 2) / abs(dy) if dy else math.inf,
    )
    return QPointF(centre.x() + dx * scale, centre.y() + dy * scale)
