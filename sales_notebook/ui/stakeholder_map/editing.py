"""The map's edits: each one checks with the service first, then lands on the undo stack."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QObject, QPointF, Signal
from PySide6.QtGui import QCursor, QUndoStack
from PySide6.QtWidgets import QDialog, QInputDialog, QMenu, QWidget

from sales_notebook.core.vocabulary import DecisionRole, LinkKind
from sales_notebook.store.errors import KnownError
from sales_notebook.store.stakeholders import PersonDetails, StakeholdersService
from sales_notebook.ui.stakeholder_map.commands import (
    AddLink,
    AddPerson,
    EditPerson,
    MoveCards,
    Positions,
    RemoveFromMap,
)
from sales_notebook.ui.stakeholder_map.person_dialog import PersonDialog
from sales_notebook.ui.stakeholder_map.scene import MapScene
from sales_notebook.ui.stakeholder_map.view import MapView

VERBS = {LinkKind.REPORTS_TO: "reports to", LinkKind.INFLUENCES: "influences"}


def choice_labels(people: Sequence[PersonDetails]) -> list[str]:
    """One label a person, told apart: the title beside the name, and a number on the rest
    when two are still alike (two "Dana Lee" both linked the first of them)."""
    plain = [f"{p.name}, {p.title}" if p.title.strip() else p.name for p in people]
    seen: Counter[str] = Counter()
    labels = []
    for label in plain:
        seen[label] += 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels


class MapEditor(QObject):
    """Emits refused(message) when the service turns an edit down; nothing changes then."""

    refused = Signal(str)
    changed = Signal(object)  # the id to focus after a refresh, or None

    def __init__(
        self,
        service: StakeholdersService,
        scene: MapScene,
        view: MapView,
        scope: Callable[[], tuple[int | None, int | None]],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.scene = scene
        self.view = view
        self.scope = scope
        self.window = parent
        self.undo_stack = QUndoStack(self)
        scene.edit_requested.connect(self.edit)
        scene.add_requested.connect(self.add_at)
        scene.link_requested.connect(self.ask_link_kind)
        scene.gap_requested.connect(lambda at: self.add_gap(DecisionRole.DECISION_MAKER, at))
        scene.cards_moved.connect(lambda before, after: self.moved("Move", before, after))
        view.nudged.connect(self.nudge)

    def _refresh(self, focus: int | None = None) -> Callable[[], None]:
        return lambda: self.changed.emit(focus)

    def _try(self, action: Callable[[], object]) -> object | None:
        try:
            return action()
        except KnownError as exc:
            self.refused.emit(str(exc))
            return None

    # -- people --------------------------------------------------------------------

    def add_typed(self, line: str) -> bool:
        """'Dana Lee, CFO' becomes a card near the middle of the view."""
        account, deal = self.scope()
        if account is None:
            return False
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        position = self.scene.free_spot(centre)
        person_id = self._try(lambda: self.service.add_line(account, line, deal, position))
        if not isinstance(person_id, int):
            return False
        name = self.service.get(person_id).name
        self.undo_stack.push(AddPerson(person_id, name, self.service, self._refresh(person_id)))
        return True

    def add_at(self, point: QPointF | None = None, details: PersonDetails | None = None) -> None:
        """Open the person form; the new card goes at `point` (or the middle of the view)."""
        account, deal = self.scope()
        if account is None:
            return
        if point is None:
            point = self.view.mapToScene(self.view.viewport().rect().center())
        dialog = PersonDialog(
            details or PersonDetails("", deal_id=deal), self.service.deals(account),
            "Add a person", self.window,
        )  # fmt: skip
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        position = self.scene.free_spot(point)
        person_id = self._try(lambda: self.service.add(account, dialog.details, position))
        if isinstance(person_id, int):
            self.undo_stack.push(
                AddPerson(person_id, dialog.details.name, self.service, self._refresh(person_id))
            )

    def add_gap(
        self, role: DecisionRole = DecisionRole.DECISION_MAKER, at: QPointF | None = None
    ) -> None:
        """A placeholder card for someone known to matter but not named yet."""
        account, deal = self.scope()
        if account is None:
            return
        deciding = role in (DecisionRole.DECISION_MAKER, DecisionRole.ECONOMIC_BUYER)
        details = PersonDetails("", decision_role=role, influence=5 if deciding else 3,
                                placeholder=True, deal_id=deal)  # fmt: skip
        if at is None:
            centre = self.view.mapToScene(self.view.viewport().rect().center())
            position = self.scene.free_spot(centre)
        else:
            position = (at.x(), at.y())
        person_id = self._try(lambda: self.service.add(account, details, position))
        if isinstance(person_id, int):
            name = self.service.get(person_id).name
            self.undo_stack.push(AddPerson(person_id, name, self.service, self._refresh(person_id)))

    def edit(self, person_id: int) -> None:
        """Open the form with every field of the person."""
        account, _ = self.scope()
        if account is None or person_id not in self.scene.cards:
            return
        before = self.scene.cards[person_id].person.details
        dialog = PersonDialog(
            before, self.service.deals(account), f"Edit {before.name}", self.window
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.details == before:
            return
        after = dialog.details
        try:
            self.service.update(person_id, after)
        except KnownError as exc:
            self.refused.emit(str(exc))
            return
        self.undo_stack.push(
            EditPerson(person_id, before, after, self.service, self._refresh(person_id))
        )

    def delete_selected(self) -> None:
        """Delete the selected people (with their links) and links; undoable."""
        people = [c.id for c in self.scene.selected_cards()]
        links = [e.id for e in self.scene.selected_edges()
                 if e.source.id not in people and e.target.id not in people]  # fmt: skip
        if not people and not links:
            return
        names = [self.scene.cards[i].person.name for i in people]
        text = (
            f"Delete {names[0]}" if len(people) == 1
            else f"Delete {len(people)} people" if people
            else "Remove link"
        )  # fmt: skip
        result = self._try(lambda: RemoveFromMap.remove(self.service, people, links))
        if isinstance(result, tuple):
            removed, unlinked = result
            self.undo_stack.push(
                RemoveFromMap(text, removed, unlinked, self.service, self._refresh())
            )

    # -- links ---------------------------------------------------------------------

    def link(self, source: int, target: int, kind: LinkKind) -> None:
        """Record a link (refused with a message if it would make a reports-to loop)."""
        link_id = self._try(lambda: self.service.link(source, target, kind))
        if isinstance(link_id, int):
            text = f"{self._name(source)} {VERBS[kind]} {self._name(target)}"
            self.undo_stack.push(AddLink(text, link_id, self.service, self._refresh(source)))

    def ask_link_kind(self, source: int, target: int) -> None:
        """After a drag from one card onto another: which kind of link?"""
        menu = QMenu(self.window)
        menu.setObjectName("linkKindMenu")
        for kind in LinkKind:
            menu.addAction(
                f"{self._name(source)} {VERBS[kind]} {self._name(target)}",
                partial(self.link, source, target, kind),
            )
        menu.exec(QCursor.pos())

    def pick_and_link(self, source: int, kind: LinkKind) -> None:
        """Context menu 'Reports to…' / 'Influences…': choose the other person by name."""
        others = sorted(
            ((c.person.details, i) for i, c in self.scene.cards.items() if i != source),
            key=lambda pair: (pair[0].name.lower(), pair[0].title.lower(), pair[1]),
        )
        if not others:
            self.refused.emit("Add someone else to the map first.")
            return
        labels = choice_labels([details for details, _ in others])
        label, ok = QInputDialog.getItem(
            self.window, "Link", f"{self._name(source)} {VERBS[kind]}:", labels, 0, False
        )
        if ok:
            self.link(source, others[labels.index(label)][1], kind)

    def unlink(self, link_id: int) -> None:
        """Remove one link; undoable."""
        result = self._try(lambda: RemoveFromMap.remove(self.service, [], [link_id]))
        if isinstance(result, tuple):
            self.undo_stack.push(
                RemoveFromMap("Remove link", [], result[1], self.service, self._refresh())
            )

    # -- positions -----------------------------------------------------------------

    def moved(self, text: str, before: Positions, after: Positions, nudge: bool = False) -> None:
        """Cards already moved on the canvas: store and make it undoable."""
        command = self._try(
            lambda: MoveCards(text, before, after, self.service, self.scene.set_positions, nudge)
        )
        if isinstance(command, MoveCards):
            self.undo_stack.push(command)

    def nudge(self, before: Positions, after: Positions) -> None:
        self.scene.set_positions(after)
        self.moved("Nudge", before, after, nudge=True)

    def arrange(self) -> None:
        """Ctrl+L: lay the map out as an org chart (undoable)."""
        before = self.scene.positions()
        after = self.scene.arranged()
        if before == after:
            return
        self.scene.set_positions(after)
        self.moved("Arrange as org chart", before, after)
        self.view.fit()

    def _name(self, person_id: int) -> str:
        card = self.scene.cards.get(person_id)
        return card.person.name if card else "?"
