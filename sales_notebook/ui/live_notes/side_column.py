"""The notes and the column beside them: captioned sections, each with its shortcut."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)


def notes_beside(notes: QWidget, column: SideColumn, parent: QWidget) -> QSplitter:
    """The notes on the left, the side column on the right."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName("liveSplitter")
    splitter.addWidget(notes)
    splitter.addWidget(column)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setSizes([600, 340])
    return splitter


class Folds(Protocol):
    """A section that can say less in a short column (the markers: the legend on one line,
    all of it in its tooltip, and a row less)."""

    def fold(self, folded: bool) -> None: ...

    def unfolded_extra(self, width: int) -> int: ...


class SideColumn(QScrollArea):
    """(caption, shortcut, widget) sections one under the other. Each section keeps the
    room it needs to be usable (all the checklist's fields). In a short window the
    sections in `folds` say less first, so that the checklist starts in sight, and then
    the column scrolls as a whole, never sideways, instead of squeezing every section down
    to a row or two."""

    def __init__(
        self, parent: QWidget, *sections: tuple[str, str, QWidget], folds: Sequence[Folds] = ()
    ) -> None:
        super().__init__(parent)
        self._folds = tuple(folds)
        self.setObjectName("liveSideColumn")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._body = QWidget(self)
        self._body.setObjectName("liveSideColumnBody")
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(0, 0, 4, 0)
        self._layout.setSpacing(6)
        self._boxes: dict[QWidget, QWidget] = {}
        for caption, keys, widget in sections:
            box = _section(self._body, caption, keys, widget)
            self._layout.addWidget(box, 1)
            self._boxes[widget] = box
        self.setWidget(self._body)

    def minimumSizeHint(self) -> QSize:
        # As wide as the sections need: with no horizontal scrolling, anything narrower
        # would cut off the checklist's columns.
        width = self._body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width + 2 * self.frameWidth(), super().minimumSizeHint().height())

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.LayoutRequest:  # a section grew or shrank
            self._fold_to_fit()
        return handled

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fold_to_fit()

    def _fold_to_fit(self) -> None:
        """Fold when the whole column, unfolded, would not fit unscrolled. Measured at the
        width without a scroll bar, so that folding never flips it on and off."""
        if not self._folds:
            return
        room = self.maximumViewportSize()
        layout = self._layout
        if layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(room.width())
        else:
            height = layout.totalSizeHint().height()
        unfolded = height + sum(f.unfolded_extra(room.width()) for f in self._folds)
        for f in self._folds:
            f.fold(unfolded > room.height())

    def reveal(self, section: QWidget) -> None:
        """Scroll a section into view (the keyboard just went there), and within it the
        widget that has the focus."""
        box = self._boxes[section]
        self._layout.activate()  # geometry is current even before a repaint
        self.ensureWidgetVisible(box, 0, 0)
        focused = QApplication.focusWidget()
        if focused is not None and box.isAncestorOf(focused):
            self.ensureWidgetVisible(focused, 0, 0)


def _section(parent: QWidget, caption: str, keys: str, widget: QWidget) -> QWidget:
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 4, 0, 0)
    layout.setSpacing(2)
    top = QHBoxLayout()
    title = QLabel(f"<b>{caption}</b>", box)
    hint = QLabel(keys, box)
    hint.setProperty("role", "muted")  # the theme's quiet colour
    top.addWidget(title, 1)
    top.addWidget(hint)
    layout.addLayout(top)
    layout.addWidget(widget, 1)
    return box
