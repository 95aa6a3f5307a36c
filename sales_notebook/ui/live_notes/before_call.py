"""Before a call: with an account picked in the sidebar and no call running, the live notes
pane shows what to watch out for with it (the map's gaps, its lessons, the seller's usual
causes) above the button that starts the call, for the minute before the customer joins."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from sales_notebook.core.watchouts import WatchOut
from sales_notebook.ui import keys
from sales_notebook.ui.live_notes.watchouts_strip import WatchOutsStrip


class BeforeCallPanel(QWidget):
    """A heading, every watch-out unfolded, and the way to start the call."""

    start_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("beforeCall")
        self.heading = QLabel(self)
        self.heading.setObjectName("beforeCallHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)  # the names as typed, never markup
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.watchouts = WatchOutsStrip(self)
        self.watchouts.hide_button.hide()  # nothing to make room for before the call
        self.nothing = QLabel(
            "Nothing to watch out for from past calls here yet: the map has no gaps and no "
            "lesson names this account.",
            self,
        )
        self.nothing.setObjectName("beforeCallNothing")
        self.nothing.setWordWrap(True)
        self.nothing.setProperty("role", "muted")  # the theme's quiet colour
        self.start_button = QPushButton(f"Start the call ({keys.hint('new_call')})", self)
        self.start_button.setObjectName("beforeCallStart")
        self.start_button.clicked.connect(self.start_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.watchouts)
        layout.addWidget(self.nothing)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_for(self, who: str, items: Sequence[WatchOut]) -> None:
        """Before a call with `who` (the account, and the deal if one is picked)."""
        self.heading.setText(f"Before your call with {who}")
        self.watchouts.set_watchouts(items)
        if items:
            self.watchouts.show_all()
            self.watchouts.more_button.hide()  # all of them, always: there is room before
        self.nothing.setVisible(not items)
