"""One person on the map: a card with name, title, role badge, attitude, influence, coverage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QStyleOptionGraphicsItem,
    QWidget,
)

from sales_notebook.core.vocabulary import Attitude, DecisionRole
from sales_notebook.store.stakeholders import PersonRow
from sales_notebook.ui.stakeholder_map import look
from sales_notebook.ui.stakeholder_map.layout import CARD_H, CARD_W

if TYPE_CHECKING:
    from sales_notebook.ui.stakeholder_map.edge import LinkEdge
    from sales_notebook.ui.stakeholder_map.scene import MapScene

PAD = 16.0
RADIUS = 9.0
# Below this zoom the card shows only what reads from a distance.
FAR = 0.55
HANDLE = QRectF(CARD_W - 9, CARD_H / 2 - 9, 18, 18)


def same_name(name: str) -> str:
    """What two names are compared by: "Alex  Kim" and "alex kim" are the same person's."""
    return " ".join(name.split()).casefold()


class _Fonts:
    """Built on first paint: a QFont needs the application's font database."""

    ready = False
    name: QFont
    title: QFont
    badge: QFont
    small: QFont

    @classmethod
    def load(cls) -> None:
        if cls.ready:
            return
        cls.name = QFont()
        cls.name.setPointSizeF(11.5)
        cls.name.setBold(True)
        cls.title = QFont()
        cls.title.setPointSizeF(9.5)
        cls.badge = QFont()
        cls.badge.setPointSizeF(8.5)
        cls.badge.setBold(True)
        cls.small = QFont()
        cls.small.setPointSizeF(9)
        cls.ready = True


class PersonCard(QGraphicsItem):
    """Drag the card to move it; drag its round handle onto another card to link the two."""

    def __init__(self, person: PersonRow) -> None:
        super().__init__()
        self.edges: list[LinkEdge] = []
        self.flagged = False
        # Another card on the map has the same name: zoomed out, the title tells them apart.
        self.namesake = False
        self._hovered = False
        self._connecting = False
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemIsFocusable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setAcceptHoverEvents(True)
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.set_person(person)

    @property
    def id(self) -> int:
        return self.person.id

    def set_person(self, person: PersonRow) -> None:
        self.person = person
        d = person.details
        tip = [f"<b>{_escape(d.name)}</b>", _escape(d.title)]
        if d.last_contact:
            tip.append(f"Last contact: {d.last_contact:%d %b %Y}")
        if d.notes.strip():
            tip.append(_escape(d.notes.strip()[:400]))
        tip.append("<i>Enter or double-click to edit; drag the round handle to link.</i>")
        self.setToolTip("<br>".join(t for t in tip if t))
        self.update()

    def scene_(self) -> MapScene:
        return self.scene()  # type: ignore[return-value]

    # -- geometry ----------------------------------------------------------------

    def boundingRect(self) -> QRectF:
        return QRectF(-6, -6, CARD_W + 12, CARD_H + 12)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRoundedRect(QRectF(0, 0, CARD_W, CARD_H), RADIUS, RADIUS)
        path.addEllipse(HANDLE)
        return path

    def center(self) -> QPointF:
        return self.pos() + QPointF(CARD_W / 2, CARD_H / 2)

    def rect_in_scene(self) -> QRectF:
        return QRectF(self.pos(), QPointF(self.pos().x() + CARD_W, self.pos().y() + CARD_H))

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value: Any) -> Any:
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.adjust()
        return super().itemChange(change, value)

    # -- painting ----------------------------------------------------------------

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        _Fonts.load()
        d = self.person.details
        mood = look.attitude(d.attitude)
        role = look.role(d.decision_role)
        colour = look.ATTITUDE_COLOURS[mood]
        body = QRectF(0, 0, CARD_W, CARD_H)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

        if self.isSelected() or self.hasFocus():
            ring = QPen(look.FOCUS, 2.5)
            if not self.isSelected():
                ring.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(body.adjusted(-5, -5, 5, 5), RADIUS + 4, RADIUS + 4)

        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 28))
        painter.drawRoundedRect(body.translated(0, 2.5), RADIUS, RADIUS)

        outline = QPainterPath()
        outline.addRoundedRect(body, RADIUS, RADIUS)
        if d.placeholder:
            painter.setBrush(look.GAP_FILL)
            pen = QPen(look.GAP_INK, 2.0, Qt.PenStyle.DashLine)
        else:
            painter.setBrush(look.CARD_FILL)
            # Influence as weight: a decisive person has a visibly heavier frame.
            pen = QPen(colour.darker(110), 0.6 + 0.6 * d.influence)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawPath(outline)
        painter.save()
        painter.setClipPath(outline)
        painter.fillRect(QRectF(0, 0, 7, CARD_H), colour)
        painter.restore()
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(outline)

        # A placeholder is a gap by its look already; the flag would only crowd its name.
        flag = self.flagged and not d.placeholder
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        if detail < FAR:
            self._paint_far(painter, detail, role, mood, flag)
            return
        right = CARD_W - PAD - (22 if flag else 0)
        self._text(painter, _fitting(_Fonts.name, d.name, right - PAD),
                   look.GAP_INK if d.placeholder else look.INK,
                   QRectF(PAD, 9, right - PAD, 22), d.name)  # fmt: skip
        title = d.title or ("Not identified yet: who is it?" if d.placeholder else "No title")
        self._text(painter, _Fonts.title, look.MUTED, QRectF(PAD, 31, CARD_W - 2 * PAD, 18), title)
        self._badge(painter, role, QPointF(PAD, 54))
        self._influence(painter, d.influence, QPointF(CARD_W - PAD, 64))
        self._attitude(painter, mood, QRectF(PAD, 80, 92, 16))
        self._coverage(painter, d.coverage, QRectF(PAD + 94, 80, CARD_W - 2 * PAD - 94, 16))
        if flag:
            self._flag(painter, QPointF(CARD_W - PAD - 9, 20))
        if self._hovered or self.isSelected():
            painter.setPen(QPen(look.FOCUS, 1.5))
            painter.setBrush(QColor("#ffffff"))
            painter.drawEllipse(HANDLE.adjusted(3, 3, -3, -3))

    def _paint_far(
        self, painter: QPainter, detail: float, role: DecisionRole, mood: Attitude, flag: bool
    ) -> None:
        """Zoomed out (a whole org on a projector): name, role and attitude only, in type
        large enough to read from the back of the room."""
        d = self.person.details
        name, text, box = self.far_name(detail, flag)
        painter.setFont(name)
        painter.setPen(look.GAP_INK if d.placeholder else look.INK)
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        title = self.far_title(detail)
        if title is not None:
            font, text, box = title
            painter.setFont(font)
            painter.setPen(look.MUTED)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
        strip = QRectF(7, CARD_H - 30, CARD_W - 7, 30)
        painter.save()
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(0, 0, CARD_W, CARD_H), RADIUS, RADIUS)
        painter.setClipPath(clip)
        colour = look.ROLE_COLOURS[role]
        painter.fillRect(strip, colour if role != DecisionRole.UNKNOWN else QColor("#e9ecef"))
        painter.restore()
        badge = QFont(_Fonts.badge)
        size = min(20.0, 7.5 / max(detail, 0.05))
        badge.setPointSizeF(size)
        text = f"{look.ATTITUDE_SYMBOLS[mood]} {look.role_badge(role)}"
        room = strip.adjusted(PAD - 7, 0, -8, 0)
        badge = _fitting(badge, text, room.width(), [size * f for f in (0.9, 0.8, 0.7)])
        painter.setFont(badge)
        painter.setPen(QColor("#ffffff") if role != DecisionRole.UNKNOWN else look.MUTED)
        painter.drawText(room, Qt.AlignmentFlag.AlignVCenter, text)
        if flag:
            self._flag(painter, QPointF(CARD_W - PAD - 9, 22))

    def far_name(self, detail: float, flag: bool = False) -> tuple[QFont, str, QRectF]:
        """The zoomed-out name: its type, its lines and their box. A long name gets smaller
        type, then its last line cut short (…): it never spills off the card, where its first
        words would be lost above the frame."""
        _Fonts.load()
        title = self.far_title(detail)
        below = title[2].height() if title is not None else 0.0
        box = QRectF(PAD, 6, CARD_W - 2 * PAD - (30 if flag else 0), CARD_H - 40 - below)
        font = QFont(_Fonts.name)
        size = min(26.0, 8.5 / max(detail, 0.05))
        for step in (1.0, 0.9, 0.8, 0.7):
            font.setPointSizeF(size * step)
            lines = _wrapped(font, self.person.details.name, box.width())
            if len(lines) * QFontMetricsF(font).lineSpacing() <= box.height():
                return font, "\n".join(lines), box
        room = max(1, int(box.height() // QFontMetricsF(font).lineSpacing()))
        last = QFontMetricsF(font).elidedText(
            " ".join(lines[room - 1 :]), Qt.TextElideMode.ElideRight, box.width()
        )
        return font, "\n".join([*lines[: room - 1], last]), box

    def far_title(self, detail: float) -> tuple[QFont, str, QRectF] | None:
        """The zoomed-out title, between the name and the role strip, for a card whose name
        another card on the map also has (two "Alex Kim" cards looked the same); None for
        the others, whose name alone reads better from a distance."""
        title = self.person.details.title.strip()
        if not (self.namesake and title):
            return None
        _Fonts.load()
        font = QFont(_Fonts.title)
        font.setPointSizeF(min(16.0, 6.0 / max(detail, 0.05)))
        metrics = QFontMetricsF(font)
        box = QRectF(
            PAD, CARD_H - 34 - metrics.lineSpacing(), CARD_W - 2 * PAD, metrics.lineSpacing()
        )
        return font, metrics.elidedText(title, Qt.TextElideMode.ElideRight, box.width()), box

    def _text(self, painter: QPainter, font: QFont, colour: QColor, box: QRectF, text: str) -> None:
        painter.setFont(font)
        painter.setPen(colour)
        elided = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)

    def _badge(self, painter: QPainter, role: DecisionRole, at: QPointF) -> None:
        text = look.role_badge(role)
        metrics = QFontMetricsF(_Fonts.badge)
        box = QRectF(at, QPointF(at.x() + metrics.horizontalAdvance(text) + 16, at.y() + 20))
        colour = look.ROLE_COLOURS[role]
        if role == DecisionRole.UNKNOWN:
            painter.setPen(QPen(colour, 1.2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            ink = colour
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            ink = QColor("#ffffff")
        painter.drawRoundedRect(box, 10, 10)
        painter.setFont(_Fonts.badge)
        painter.setPen(ink)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _influence(self, painter: QPainter, influence: int, right_mid: QPointF) -> None:
        step = 11.0
        for n in range(5):
            centre = QPointF(right_mid.x() - (4 - n) * step - 4, right_mid.y())
            painter.setPen(QPen(look.INK, 1.2))
            painter.setBrush(look.INK if n < influence else Qt.BrushStyle.NoBrush)
            painter.drawEllipse(centre, 3.8, 3.8)

    def _attitude(self, painter: QPainter, mood: Attitude, box: QRectF) -> None:
        colour = look.ATTITUDE_COLOURS[mood]
        ink = look.MUTED if mood == Attitude.UNKNOWN else colour.darker(115)
        word = "Attitude?" if mood == Attitude.UNKNOWN else mood.label
        self._text(painter, _Fonts.small, ink, box, f"{look.ATTITUDE_SYMBOLS[mood]} {word}")

    def _coverage(self, painter: QPainter, value: str, box: QRectF) -> None:
        level = look.coverage(value)
        pie = QRectF(box.left(), box.center().y() - 6, 12, 12)
        painter.setPen(QPen(look.MUTED, 1.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(pie)
        share = look.COVERAGE_FILL[level]
        if share:
            painter.setBrush(look.MUTED)
            painter.drawPie(pie, 90 * 16, -round(share * 360 * 16))
        self._text(painter, _Fonts.small, look.MUTED, box.adjusted(17, 0, 0, 0), level.label)

    def _flag(self, painter: QPainter, centre: QPointF) -> None:
        triangle = QPainterPath()
        triangle.moveTo(centre.x(), centre.y() - 9)
        triangle.lineTo(centre.x() + 10, centre.y() + 8)
        triangle.lineTo(centre.x() - 10, centre.y() + 8)
        triangle.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(look.WARNING))
        painter.drawPath(triangle)
        painter.setPen(QColor("#ffffff"))
        painter.setFont(_Fonts.badge)
        painter.drawText(QRectF(centre.x() - 10, centre.y() - 6, 20, 14),
                         Qt.AlignmentFlag.AlignCenter, "!")  # fmt: skip

    # -- interaction -------------------------------------------------------------

    def hoverEnterEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = True
        self.update()
        super().hoverEnterEvent(event)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        over_handle = HANDLE.contains(event.pos())
        self.setCursor(Qt.CursorShape.CrossCursor if over_handle else Qt.CursorShape.OpenHandCursor)
        super().hoverMoveEvent(event)

    def hoverLeaveEvent(self, event: QGraphicsSceneHoverEvent) -> None:
        self._hovered = False
        self.update()
        super().hoverLeaveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and HANDLE.contains(event.pos()):
            self._connecting = True
            self.scene_().begin_link(self, event.scenePos())
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connecting:
            self.scene_().drag_link(event.scenePos())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._connecting:
            self._connecting = False
            self.scene_().end_link(self, event.scenePos())
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        self.scene_().edit_requested.emit(self.id)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.scene_().edit_requested.emit(self.id)
            return
        super().keyPressEvent(event)


def _fitting(
    font: QFont, text: str, width: float, sizes: Sequence[float] = (10.5, 10.0, 9.5, 9.0)
) -> QFont:
    """The font, a little smaller when that lets a long text show whole."""
    if QFontMetricsF(font).horizontalAdvance(text) <= width:
        return font
    smaller = QFont(font)
    for size in sizes:
        smaller.setPointSizeF(size)
        if QFontMetricsF(smaller).horizontalAdvance(text) <= width:
            break
    return smaller


def _wrapped(font: QFont, text: str, width: float) -> list[str]:
    """The lines `text` takes in `width`, broken between words (inside a word too long)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    lines: list[str] = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart() : line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines or [""]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
