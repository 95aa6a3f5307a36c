"""Every edit to the map as an undoable command.

The first change is made before the command is pushed, so a refusal (an empty name, a
reports-to loop) is shown to the user and never enters the undo stack; `redo()` skips
that first run. Undo puts back exactly what was there, ids included, so later commands
on the stack still point at the right people.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from sales_notebook.store.stakeholders import (
    LinkRow,
    PersonDetails,
    RemovedPerson,
    StakeholdersService,
)

Positions = dict[int, tuple[float, float]]
Refresh = Callable[[], None]


class _MapCommand(QUndoCommand):
    def __init__(self, text: str, service: StakeholdersService, refresh: Refresh) -> None:
        super().__init__(text)
        self.service = service
        self.refresh = refresh
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.apply()
        self.refresh()

    def undo(self) -> None:
        self.revert()
        self.refresh()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class AddPerson(_MapCommand):
    """Made after `service.add` returned `person_id`."""

    def __init__(self, person_id: int, name: str, service: StakeholdersService, refresh: Refresh):
        super().__init__(f"Add {name}", service, refresh)
        self.person_id = person_id
        self._removed: RemovedPerson | None = None

    def apply(self) -> None:
        assert self._removed is not None
        self.service.restore(self._removed)

    def revert(self) -> None:
        self._removed = self.service.remove(self.person_id)


class EditPerson(_MapCommand):
    """Made after `service.update(person_id, after)` succeeded."""

    def __init__(
        self,
        person_id: int,
        before: PersonDetails,
        after: PersonDetails,
        service: StakeholdersService,
        refresh: Refresh,
    ) -> None:
        super().__init__(f"Edit {after.name}", service, refresh)
        self.person_id, self.before, self.after = person_id, before, after

    def apply(self) -> None:
        self.service.update(self.person_id, self.after)

    def revert(self) -> None:
        self.service.update(self.person_id, self.before)


class RemoveFromMap(_MapCommand):
    """Made after the people and links were removed; holds what they took with them."""

    def __init__(
        self,
        text: str,
        removed: list[RemovedPerson],
        unlinked: list[LinkRow],
        service: StakeholdersService,
        refresh: Refresh,
    ) -> None:
        super().__init__(text, service, refresh)
        self.removed, self.unlinked = removed, unlinked

    @staticmethod
    def remove(
        service: StakeholdersService, person_ids: list[int], link_ids: list[int]
    ) -> tuple[list[RemovedPerson], list[LinkRow]]:
        """Remove the loose links first, then the people (who take their own links along)."""
        unlinked = [service.unlink(i) for i in link_ids]
        return [service.remove(i) for i in person_ids], unlinked

    def apply(self) -> None:
        ids = [r.person.id for r in self.removed]
        self.removed, self.unlinked = self.remove(self.service, ids, [k.id for k in self.unlinked])

    def revert(self) -> None:
        for removed in reversed(self.removed):
            self.service.restore(removed)
        for link in self.unlinked:
            self.service.relink(link)


class AddLink(_MapCommand):
    """Made after `service.link` returned `link_id`."""

    def __init__(self, text: str, link_id: int, service: StakeholdersService, refresh: Refresh):
        super().__init__(text, service, refresh)
        self.link_id = link_id
        self._row: LinkRow | None = None

    def apply(self) -> None:
        assert self._row is not None
        self.service.relink(self._row)

    def revert(self) -> None:
        self._row = self.service.unlink(self.link_id)


class MoveCards(_MapCommand):
    """Made after the cards were moved on the canvas; stores positions in both directions.

    Successive arrow-key nudges of the same cards merge into one undo step.
    """

    NUDGE_ID = 1

    def __init__(
        self,
        text: str,
        before: Positions,
        after: Positions,
        service: StakeholdersService,
        place: Callable[[Positions], None],
        nudge: bool = False,
    ) -> None:
        super().__init__(text, service, lambda: None)
        self.before, self.after, self.place, self.nudge = before, after, place, nudge
        self.service.move(after)

    def id(self) -> int:
        return self.NUDGE_ID if self.nudge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, MoveCards) or set(other.after) != set(self.after):
            return False
        self.after = other.after
        return True

    def apply(self) -> None:
        self.service.move(self.after)
        self.place(self.after)

    def revert(self) -> None:
        self.service.move(self.before)
        self.place(self.before)
