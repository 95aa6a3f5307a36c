"""The watch-outs strip above the notes: what to keep in mind in this call, and why."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from sales_notebook.core.watchouts import CoverageWarningLike, Source, WatchOut

# The stakeholder map's coverage warnings for (account id, deal id); injected by the window.
CoverageWarnings = Callable[[int, int | None], Sequence[CoverageWarningLike]]


def no_coverage_warnings(account_id: int, deal_id: int | None) -> Sequence[CoverageWarningLike]:
    """Until the stakeholder map's warnings are wired in."""
    return []


_ICONS = {Source.MAP: "◆", Source.ACCOUNT: "●", Source.HABIT: "▲"}


class WatchOutsStrip(QFrame):
    """Hidden when there is nothing to say; each line: what to do — why."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("watchOuts")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#watchOuts { background: #fff8e1; border: 1px solid #f0d58c; border-radius: 4px; }"
            " #watchOuts QLabel { color: #3d3000; }"
        )
        heading = QLabel("<b>Watch-outs</b>", self)
        self.hide_button = QToolButton(self)
        self.hide_button.setText("Hide")
        self.hide_button.setAutoRaise(True)
        self.hide_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.hide_button.clicked.connect(self.hide)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
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
        self.hide()

    def set_watchouts(self, items: Sequence[WatchOut]) -> None:
        """Show these watch-outs, or hide the strip when there are none."""
        self.items = list(items)
        self.lines.setText(
            "<br>".join(
                f"{_ICONS[w.source]} <b>{html.escape(w.title)}</b>"
                f" <span style='color:#6b5d2e'>— {html.escape(w.why)}</span>"
                for w in self.items
            )
        )
        self.setVisible(bool(self.items))
