"""Result columns that share the table's width, so the snippet stays on screen when narrow.

The first columns get a share of the width each (never less than a floor), the next ones a
fixed width (a date); the last, the snippet, stretches into the rest. Once the seller drags
a column's edge, their widths win and are kept.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView


class ProportionalColumns(QObject):
    """Keeps `shares` (fractions of the width) for the first columns, then `fixed` pixel
    widths, on every resize of the table."""

    def __init__(
        self,
        table: QTableView,
        shares: Sequence[float],
        fixed: Sequence[int] = (),
        floor: int = 60,
    ) -> None:
        super().__init__(table)
        self._table = table
        self._shares = tuple(shares)
        self._fixed = tuple(fixed)
        self._floor = floor
        self._applying = False
        self.user_sized = False
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sectionResized.connect(self._resized)
        # The viewport, not the table: its size is the one set when the table's layout is done.
        table.viewport().installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        """Give each column its share of the current width."""
        if self.user_sized:
            return
        width = self._table.viewport().width()
        self._applying = True
        try:
            for column, share in enumerate(self._shares):
                self._table.setColumnWidth(column, max(self._floor, int(width * share)))
            for column, pixels in enumerate(self._fixed, start=len(self._shares)):
                self._table.setColumnWidth(column, pixels)
        finally:
            self._applying = False

    def _resized(self, column: int, _old: int, _new: int) -> None:
        # The stretched last column follows every resize; only a drag elsewhere is the seller's.
        sized = len(self._shares) + len(self._fixed)
        if not self._applying and column < sized and self._table.isVisible():
            self.user_sized = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._table.viewport() and event.type() == QEvent.Type.Resize:
            self.apply()
        return False
