"""The results table: columns that share its width, so the snippet stays on screen when narrow.

The first columns get a share of the width each (never less than a floor), the next ones a
fixed width (a date); the last, the snippet, stretches into the rest. Once the seller drags
a column's edge, their widths win and are kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableView, QWidget

FLOOR = 60


class ResultsTable(QTableView):
    """A QTableView keeping `shares` of its width for the first columns, then `fixed` widths."""

    def __init__(
        self, shares: Sequence[float], fixed: Sequence[int] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._shares = tuple(shares)
        self._fixed = tuple(fixed)
        self._applying = False
        self.user_sized = False
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionResized.connect(self._resized)

    def set_fixed(self, fixed: Sequence[int]) -> None:
        """Pixel widths of the columns after the shared ones."""
        self._fixed = tuple(fixed)
        self.size_columns()

    def size_columns(self) -> None:
        """Give each column its share of the current width (unless the seller sized them)."""
        if self.user_sized:
            return
        width = self.viewport().width()
        self._applying = True
        try:
            for column, share in enumerate(self._shares):
                self.setColumnWidth(column, max(FLOOR, int(width * share)))
            for column, pixels in enumerate(self._fixed, start=len(self._shares)):
                self.setColumnWidth(column, pixels)
        finally:
            self._applying = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)  # lays out the viewport first
        self.size_columns()

    def _resized(self, column: int, _old: int, _new: int) -> None:
        # The stretched last column follows every resize; only a drag elsewhere is the seller's.
        sized = len(self._shares) + len(self._fixed)
        if not self._applying and column < sized and self.isVisible():
            self.user_sized = True
