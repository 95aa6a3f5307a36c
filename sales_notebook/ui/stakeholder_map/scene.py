"""The map's scene: cards and links built from the store's MapData, plus the gestures
(double-click to add, drag a handle to link, drag cards to move) turned into signals
that the pane makes into undoable commands."""

from __future__ import annotations

import math
from collections import Counter

from PySide6.QtCore import QLineF, QPointF, QRectF, Signal
from PySide6.QtGui import QPen, QTransform
from PySide6.QtWidgets import (
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QWidget,
)

from sales_notebook.core.vocabulary import LinkKind
from sales_notebook.store.stakeholders import LinkRow, MapData
from sales_notebook.ui.stakeholder_map import look
from sales_notebook.ui.stakeholder_map.card import PersonCard, same_name
from sales_notebook.ui.stakeholder_map.edge import LinkEdge
from sales_notebook.ui.stakeholder_map.ghost import MissingDecisionMaker
from sales_notebook.ui.stakeholder_map.layout import CARD_H, CARD_W, GAP_X, GAP_Y, org_chart

# How many card steps around the middle of the view a new card may go before the map's edge.
FREE_SPOT_RINGS = 6
# The steps tried, fewest first (a step across or down alike); then the same row, to the right.
_FREE_SPOT_STEPS = sorted(
    ((dx, dy) for dx in range(-FREE_SPOT_RINGS, FREE_SPOT_RINGS + 1)
     for dy in range(-FREE_SPOT_RINGS, FREE_SPOT_RINGS + 1)),
    key=lambda d: (math.hypot(*d), abs(d[1]), -d[0], d[1]),
)  # fmt: skip

Positions = dict[int, tuple[float, float]]


class MapScene(QGraphicsScene):
    """Signals carry ids and scene points only; the pane decides what they mean."""

    edit_requested = Signal(int)
    add_requested = Signal(QPointF)
    link_requested = Signal(int, int)  # source, target
    cards_moved = Signal(object, object)  # positions before, after
    gap_requested = Signal(QPointF)  # the empty chair was double-clicked; where it sat

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackgroundBrush(look.CANVAS)
        self.cards: dict[int, PersonCard] = {}
        self.edges: list[LinkEdge] = []
        self.links: list[LinkRow] = []
        self._link_line: QGraphicsLineItem | None = None
        self.missing_decider: MissingDecisionMaker | None = None
        self._pressed: Positions = {}

    # -- building ----------------------------------------------------------------

    def load(self, data: MapData, flagged: set[int] | frozenset[int] = frozenset()) -> Positions:
        """Show these people and links; people without a stored position are laid out, and
        where they were put is returned."""
        self.clear()
        self._link_line = None
        self.missing_decider = None
        self.cards = {}
        self.edges = []
        named = Counter(same_name(p.details.name) for p in data.people if not p.details.placeholder)
        for person in data.people:
            card = PersonCard(person)
            card.flagged = person.id in flagged
            card.namesake = (
                not person.details.placeholder and named[same_name(person.details.name)] > 1
            )
            self.addItem(card)
            self.cards[person.id] = card
        self.links = [
            k for k in data.links if k.source_id in self.cards and k.target_id in self.cards
        ]
        # Cards are placed before the links exist, so each link draws its path once.
        unplaced = [p.id for p in data.people if p.pos_x is None or p.pos_y is None]
        if len(unplaced) == len(data.people):
            laid_out = self.arranged()
        else:
            placed = {p.id: (p.pos_x or 0.0, p.pos_y or 0.0) for p in data.people}
            self.set_positions(placed)
            laid_out = self._below_everything(unplaced)
        self.set_positions(laid_out)
        for link in self.links:
            edge = LinkEdge(link, self.cards[link.source_id], self.cards[link.target_id])
            self.addItem(edge)
            self.edges.append(edge)
        self.fit_rect()
        return laid_out

    def fit_rect(self) -> None:
        """Scroll as far as the map goes, no further. Left to itself, the scene's rect only
        ever grows: after a delete or an arrange the scroll bars led into empty canvas."""
        self.setSceneRect(self.map_rect())

    def show_missing_decider(self, missing: bool) -> None:
        """Put the empty chair above the top of the map, or take it away."""
        if self.missing_decider is not None:
            self.removeItem(self.missing_decider)
            self.missing_decider = None
        if missing:
            self.missing_decider = MissingDecisionMaker()
            cards = [c.rect_in_scene() for c in self.cards.values()]
            if cards:
                top = min(r.top() for r in cards)
                left = min(r.left() for r in cards)
                right = max(r.right() for r in cards)
                self.missing_decider.setPos((left + right - CARD_W) / 2, top - CARD_H - GAP_Y)
            self.addItem(self.missing_decider)
        self.fit_rect()

    def set_flagged(self, flagged: set[int] | frozenset[int]) -> None:
        """Mark the cards that a coverage warning is about."""
        for card_id, card in self.cards.items():
            if card.flagged != (card_id in flagged):
                card.flagged = card_id in flagged
                card.update()

    def arranged(self) -> Positions:
        """Org-chart positions for every card (not applied)."""
        reports = [(k.source_id, k.target_id) for k in self.links if k.kind == LinkKind.REPORTS_TO]
        return org_chart(list(self.cards), reports)

    def positions(self) -> Positions:
        """Where every card sits now."""
        return {i: (c.pos().x(), c.pos().y()) for i, c in self.cards.items()}

    def set_positions(self, positions: Positions) -> None:
        """Move cards (their links follow)."""
        for card_id, (x, y) in positions.items():
            card = self.cards.get(card_id)
            if card is not None:
                card.setPos(x, y)
        self.fit_rect()

    def map_rect(self) -> QRectF:
        """The area the cards and links cover, with a margin."""
        return self.itemsBoundingRect().adjusted(-40, -40, 40, 40)

    def free_spot(self, near: QPointF) -> tuple[float, float]:
        """The place closest to `near`, a card's step away at a time in every direction,
        where a new card covers no other. Stepping to the right only laid a row of cards
        out ever wider, and the map, fitted to it, ever smaller (0.26x after five adds)."""
        x, y = near.x() - CARD_W / 2, near.y() - CARD_H / 2
        step_x, step_y = CARD_W + GAP_X, CARD_H + GAP_Y
        taken = [c.rect_in_scene() for c in self.cards.values()]
        for dx, dy in _FREE_SPOT_STEPS:
            spot = QRectF(x + dx * step_x, y + dy * step_y, CARD_W, CARD_H)
            if not any(spot.adjusted(-12, -12, 12, 12).intersects(r) for r in taken):
                return spot.x(), spot.y()
        right = max((r.right() for r in taken), default=x)  # a crowded map: past its edge
        return right + GAP_X, y

    def _below_everything(self, ids: list[int]) -> Positions:
        placed = [c.rect_in_scene() for i, c in self.cards.items() if i not in ids]
        left = min((r.left() for r in placed), default=0.0)
        top = max((r.bottom() for r in placed), default=-GAP_Y) + GAP_Y
        return {i: (left + n * (CARD_W + GAP_X), top) for n, i in enumerate(ids)}

    def cards_in_reading_order(self) -> list[PersonCard]:
        """Top to bottom, left to right: the Tab order."""
        return sorted(self.cards.values(), key=lambda c: (round(c.pos().y() / 20), c.pos().x()))

    def selected_cards(self) -> list[PersonCard]:
        return [i for i in self.selectedItems() if isinstance(i, PersonCard)]

    def selected_edges(self) -> list[LinkEdge]:
        return [i for i in self.selectedItems() if isinstance(i, LinkEdge)]

    def card_at(self, point: QPointF) -> PersonCard | None:
        for item in self.items(point):
            if isinstance(item, PersonCard):
                return item
        return None

    # -- gestures ----------------------------------------------------------------

    def begin_link(self, card: PersonCard, point: QPointF) -> None:
        self._link_line = QGraphicsLineItem(QLineF(card.center(), point))
        pen = QPen(look.FOCUS, 2)
        pen.setDashPattern([4, 3])
        self._link_line.setPen(pen)
        self._link_line.setZValue(10)
        self.addItem(self._link_line)

    def drag_link(self, point: QPointF) -> None:
        if self._link_line is not None:
            self._link_line.setLine(QLineF(self._link_line.line().p1(), point))

    def end_link(self, card: PersonCard, point: QPointF) -> None:
        if self._link_line is not None:
            self.removeItem(self._link_line)
            self._link_line = None
        target = self.card_at(point)
        if target is not None and target is not card:
            self.link_requested.emit(card.id, target.id)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mousePressEvent(event)
        self._pressed = {c.id: (c.pos().x(), c.pos().y()) for c in self.selected_cards()}

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons():  # a card dragged past the edge takes the canvas with it
            self.setSceneRect(self.sceneRect().united(self.map_rect()))

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        self.fit_rect()
        before = self._pressed
        self._pressed = {}
        after = {i: (c.pos().x(), c.pos().y()) for i, c in self.cards.items() if i in before}
        moved = {i for i in after if after[i] != before[i]}
        if moved:
            self.cards_moved.emit({i: before[i] for i in moved}, {i: after[i] for i in moved})

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        under = self.itemAt(event.scenePos(), QTransform())
        chair = self.missing_decider
        if chair is not None and under is chair:
            self.gap_requested.emit(chair.pos())
            return
        if under is None:
            self.add_requested.emit(event.scenePos())
            return
        super().mouseDoubleClickEvent(event)
