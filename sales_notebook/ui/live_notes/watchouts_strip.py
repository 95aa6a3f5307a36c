"""The watch-outs strip above the notes: what to keep in mind in this call, and why."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from sales_notebook.core.watchouts import CoverageWarningLike, Source, WatchOut

# The stakeholder map's coverage warnings for (account id, deal id); injected by the window.
CoverageWarnings = Callable[[int, int | None], Sequence[CoverageWarningLike]]


def no_coverage_warnings(account_id: int, deal_id: int | None) -> Sequence[CoverageWarningLike]:
    """Until the stakeholder map's warnings are wired in."""
    return []


# Words, not shapes: the map already uses ▲ ◆ ● for attitudes and knowledge, and a word
# needs no legend. Each line says where it comes from.
SOURCE_TAGS = {
    Source.MAP: "Map",
    Source.ACCOUNT: "This account",
    Source.HABIT: "Your habit",
    Source.TEAM: "Your team",
}
LIGHT_COLOURS = ("#fff8e1", "#f0d58c", "#3d3000", "#6b5d2e", "#8a5a00")
DARK_COLOURS = ("#2e2712", "#5c4d1c", "#fff3c4", "#d8c68c", "#ffd43b")


def folded(items: Sequence[WatchOut]) -> list[WatchOut]:
    """The first watch-out from each source (map, account, habits): eight wrapped lines
    would push the notes and the checklist off a laptop screen."""
    seen: set[Source] = set()
    first = []
    for item in items:
        if item.source not in seen:
            seen.add(item.source)
            first.append(item)
    return first


class WatchOutsStrip(QFrame):
    """Hidden when there is nothing to say; each line: what to do — why. Shows one line per
    source and a button for the rest. Hide emits dismissed(count), so the call header can
    offer them back."""

    dismissed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("watchOuts")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._colours = LIGHT_COLOURS
        self._restyle()
        heading = QLabel("<b>Watch-outs</b>", self)
        self.hide_button = QToolButton(self)
        self.hide_button.setText("Hide")
        self.hide_button.setAutoRaise(True)
        self.hide_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide_button.setToolTip("Hide the watch-outs for now; the call header brings them back")
        self.hide_button.clicked.connect(self._dismiss)
        self.more_button = QToolButton(self)
        self.more_button.setObjectName("watchOutsMore")
        self.more_button.setAutoRaise(True)
        self.more_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.more_button.clicked.connect(self._toggle_all)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.more_button)
        top.addWidget(self.hide_button)
        self.lines = QLabel(self)
        self.lines.setObjectName("watchOutLines")
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.lines)
        self.items: list[WatchOut] = []
        self._all = False
        self.hidden_by_seller = False  # Hide was pressed for this call
        self.hide()

    def set_watchouts(self, items: Sequence[WatchOut]) -> None:
        """Show these watch-outs (folded), or hide the strip when there are none."""
        self.items = list(items)
        self._all = False
        self.hidden_by_seller = False
        self._show_lines()
        self.setVisible(bool(self.items))

    def refresh(self, items: Sequence[WatchOut]) -> None:
        """The same call's watch-outs read again (the map changed during the call): unfolded
        if they were, and still hidden if the seller hid them."""
        self.items = list(items)
        self._show_lines()
        self.setVisible(bool(self.items) and not self.hidden_by_seller)

    def _dismiss(self) -> None:
        self.hidden_by_seller = True
        self.hide()
        self.dismissed.emit(len(self.items))

    def bring_back(self) -> None:
        """Show the strip again after Hide, as it was left."""
        self.hidden_by_seller = False
        self.setVisible(bool(self.items))

    def show_all(self) -> None:
        """Every watch-out, not only the first of each source."""
        self._all = True
        self._show_lines()

    def _toggle_all(self) -> None:
        self._all = not self._all
        self._show_lines()

    def _restyle(self) -> None:
        """The strip's amber, dimmed on a dark theme so it does not glare during a call."""
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        colours = DARK_COLOURS if dark else LIGHT_COLOURS
        if colours is self._colours and self.styleSheet():
            return  # setStyleSheet sends a PaletteChange of its own: stop here
        self._colours = colours
        fill, border, ink = self._colours[:3]
        self.setStyleSheet(
            f"#watchOuts {{ background: {fill}; border: 1px solid {border}; border-radius: 6px; }}"
            f" #watchOuts QLabel, #watchOuts QToolButton {{ color: {ink}; }}"
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
            self._show_lines()
        super().changeEvent(event)

    def _show_lines(self) -> None:
        if not hasattr(self, "lines"):
            return
        shown = self.items if self._all else folded(self.items)
        muted, tag = self._colours[3], self._colours[4]
        self.lines.setText(
            "<br>".join(
                f"<span style='color:{tag}; font-weight:600'>{SOURCE_TAGS[w.source]}</span>"
                f" · <b>{html.escape(w.title)}</b>"
                f" <span style='color:{muted}'>— {html.escape(w.why)}</span>"
                for w in shown
            )
        )
        hidden = len(self.items) - len(folded(self.items))
        self.more_button.setVisible(hidden > 0)
        self.more_button.setText("Show fewer" if self._all else f"Show {hidden} more")
