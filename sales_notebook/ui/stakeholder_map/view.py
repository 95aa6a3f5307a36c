"""The canvas widget: Ctrl+wheel zooms, Tab walks the cards, Enter edits, arrows nudge."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QFrame, QGraphicsView, QLabel, QWidget

from sales_notebook.ui.stakeholder_map.card import PersonCard
from sales_notebook.ui.stakeholder_map.scene import MapScene

MIN_ZOOM = 0.15
MAX_ZOOM = 3.0
NUDGE = 10.0
FIT_MAX_ZOOM = 1.3


class MapView(QGraphicsView):
    """Emits context_requested(card_id | None, global position) for the pane's menu,
    and nudged(before, after) when arrow keys move the selected cards."""

    context_requested = Signal(object, object)
    nudged = Signal(object, object)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("stakeholderMap")
        self.map_scene = scene
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Stakeholder map")
        self._pan_from: QPointF | None = None
        # True while the whole map is in view by Fit: a resize or a new card fits again.
        # Zooming or panning by hand turns it off until the next Fit.
        self.fitted = False
        # Said on the canvas itself, in full: the one-line hint above is cut short first.
        self.empty_note = QLabel(self.viewport())
        self.empty_note.setObjectName("emptyMapNote")
        self.empty_note.setWordWrap(True)
        self.empty_note.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_note.setProperty("role", "muted")  # the theme's quiet colour
        self.empty_note.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_note.hide()

    def show_empty_note(self, text: str) -> None:
        """A note at the top of an empty canvas; an empty text takes it away."""
        self.empty_note.setText(text)
        self.empty_note.setVisible(bool(text))
        self._place_empty_note()

    def _place_empty_note(self) -> None:
        width = max(self.viewport().width() - 24, 0)
        self.empty_note.setGeometry(12, 12, width, self.empty_note.heightForWidth(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_empty_note()
        if self.fitted:
            self.fit()

    def zoom(self) -> float:
        return self.transform().m11()

    def zoom_by(self, factor: float) -> None:
        """Zoom, staying between a bird's-eye view and large print."""
        target = min(MAX_ZOOM, max(MIN_ZOOM, self.zoom() * factor))
        self.scale(target / self.zoom(), target / self.zoom())
        self.fitted = False

    def fit(self) -> None:
        """Show the whole map; a small map is enlarged a little, for the back of the room."""
        # An empty map counts as fitted too: the first people typed in are kept in view.
        self.fitted = True
        if not self.map_scene.cards:
            self.resetTransform()
            return
        self.fitInView(self.map_scene.map_rect(), Qt.AspectRatioMode.KeepAspectRatio)
        if self.zoom() > FIT_MAX_ZOOM:
            self.resetTransform()
            self.scale(FIT_MAX_ZOOM, FIT_MAX_ZOOM)
        elif self.zoom() < MIN_ZOOM:
            self.zoom_by(1.0)
            self.fitted = True
        self.centerOn(self.map_scene.map_rect().center())

    # The middle button pans, whatever is under it (the left button moves cards and selects).
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            self.fitted = False
            bars = self.horizontalScrollBar(), self.verticalScrollBar()
            bars[0].setValue(bars[0].value() - round(delta.x()))
            bars[1].setValue(bars[1].value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.MiddleButton and self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(1.15**steps)
            event.accept()
            return
        super().wheelEvent(event)

    # -- keyboard ------------------------------------------------------------------

    def focus_card(self, card: PersonCard) -> None:
        """Select and focus one card, scrolling it into view."""
        self.map_scene.clearSelection()
        card.setSelected(True)
        self.map_scene.setFocusItem(card)
        self.ensureVisible(card, 40, 40)

    def focusNextPrevChild(self, forward: bool) -> bool:
        cards = self.map_scene.cards_in_reading_order()
        current = self.map_scene.focusItem()
        if cards and self.hasFocus():
            index = cards.index(current) if current in cards else -1
            index = index + 1 if forward else (index - 1 if index >= 0 else len(cards) - 1)
            if 0 <= index < len(cards):
                self.focus_card(cards[index])
                return True
        # Past the last card, Tab leaves the canvas: the map never traps the keyboard.
        return super().focusNextPrevChild(forward)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        cards = self.map_scene.cards_in_reading_order()
        if cards and not self.map_scene.selected_cards():
            reason = event.reason()
            if reason == Qt.FocusReason.BacktabFocusReason:
                self.focus_card(cards[-1])
            elif reason == Qt.FocusReason.TabFocusReason:
                self.focus_card(cards[0])

    def keyPressEvent(self, event: QKeyEvent) -> None:
        moves = {
            Qt.Key.Key_Left: QPointF(-NUDGE, 0),
            Qt.Key.Key_Right: QPointF(NUDGE, 0),
            Qt.Key.Key_Up: QPointF(0, -NUDGE),
            Qt.Key.Key_Down: QPointF(0, NUDGE),
        }
        cards = self.map_scene.selected_cards()
        if (
            event.key() in moves
            and cards
            and event.modifiers()
            in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.KeypadModifier,
            )
        ):
            step = moves[Qt.Key(event.key())]
            before = {c.id: (c.pos().x(), c.pos().y()) for c in cards}
            after = {i: (x + step.x(), y + step.y()) for i, (x, y) in before.items()}
            self.nudged.emit(before, after)
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            cards = self.map_scene.selected_cards()
            card = cards[0] if cards else None
            point = self.mapFromScene(card.center()) if card else event.pos()
            self.context_requested.emit(card.id if card else None,
                                        self.viewport().mapToGlobal(point))  # fmt: skip
            return
        card = self.map_scene.card_at(self.mapToScene(event.pos()))
        if card is not None and not card.isSelected():
            self.focus_card(card)
        self.context_requested.emit(card.id if card else None, event.globalPos())
