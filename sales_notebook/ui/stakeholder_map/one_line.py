"""A one-line label that gives up width before the map does."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget


class OneLineLabel(QLabel):
    """Elided (…) when narrow, whole in its tooltip; never sets a minimum width for the pane.

    A plain QLabel asks for its whole text, and beside the heading the hint alone would
    push the coverage panel off a small screen.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setToolTip(text)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        box = self.contentsRect()
        text = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, box.width())
        painter = QPainter(self)
        self.style().drawItemText(painter, box, int(self.alignment()), self.palette(),
                                  self.isEnabled(), text, self.foregroundRole())  # fmt: skip
        painter.end()
