"""The live call's keyboard: markers, jumps to the side panels and back, compact mode."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

from sales_notebook.core.vocabulary import MarkerKind
from sales_notebook.ui import keys
from sales_notebook.ui.live_notes.markers import MARKER_KINDS


class CallKeys(QObject):
    """QActions shared by the pane and the compact window (a window shortcut fires in the
    window that is active, so the same action serves both)."""

    def __init__(
        self,
        parent: QObject,
        *,
        marker: Callable[[MarkerKind], None],
        attendees: Callable[[], None],
        checklist: Callable[[], None],
        compact: Callable[[], None],
        end: Callable[[], object],
    ) -> None:
        super().__init__(parent)
        self.markers = [
            self._action(
                f"{kind.label} marker",
                keys.sequence("marker", number),
                lambda _=False, k=kind: marker(k),
            )
            for number, kind in enumerate(MARKER_KINDS, start=1)
        ]
        self.attendees = self._action("Who is on the call", keys.sequence("attendees"), attendees)
        self.checklist = self._action(
            "Qualification checklist", keys.sequence("checklist"), checklist
        )
        self.compact = self._action("Compact mode", keys.sequence("compact"), compact)
        # Only added to the compact window: in the main window its own Ctrl+E ends the call.
        self.end = self._action("End call", keys.sequence("end_call"), end)

    def _action(self, text: str, shortcut: QKeySequence, slot: Callable[..., object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        return action

    @property
    def pane_actions(self) -> list[QAction]:
        return [*self.markers, self.attendees, self.checklist, self.compact]

    @property
    def compact_actions(self) -> list[QAction]:
        return [*self.markers, self.compact, self.end]

    def sequences(self) -> list[QKeySequence]:
        return [a.shortcut() for a in (*self.pane_actions, self.end)]

    def set_enabled(self, enabled: bool) -> None:
        for action in (*self.pane_actions, self.end):
            action.setEnabled(enabled)
