"""A one-line label that gives up width before the map does."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget


class OneLineLabel(QLabel):
    """Elided (…) when narrow, whole in its tooltip; never sets a minimum width for the pane.

    A plain QLabel asks for its whole text, and beside the heading the hint alone would
    push the coverage panel off a small screen. Given shorter forms of its text
    (`set_texts`), it says the longest that fits before it cuts one short.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._texts: tuple[str, ...] = (text,)
        self.setToolTip(text)

    def setText(self, text: str) -> None:
        self.set_texts([text])

    def set_texts(self, texts: Sequence[str]) -> None:
        """The text, longest form first, then shorter ones that still say what matters."""
        self._texts = tuple(texts) or ("",)
        super().setText(self._texts[0])
        self.setToolTip(self._texts[0])

    def minimumSizeHint(self) -> QSize:
        return QSize(0, super().minimumSizeHint().height())

    def shown(self) -> str:
        """What the label draws at its width: the longest form that fits, else the shortest
        one elided."""
        width = self.contentsRect().width()
        metrics = self.fontMetrics()
        for text in self._texts:
            if metrics.horizontalAdvance(text) <= width:
                return text
        return metrics.elidedText(self._texts[-1], Qt.TextElideMode.ElideRight, width)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()),
                                  self.palette(), self.isEnabled(), self.shown(),
                                  self.foregroundRole())  # fmt: skip
        painter.end()
