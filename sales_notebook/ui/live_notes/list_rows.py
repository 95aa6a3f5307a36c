"""One-line rows for the lists beside the notes (markers, people on the call)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem

if TYPE_CHECKING:
    _ListView = QListView
else:  # a mixin, so that QListView and QListWidget subclasses can both take it
    _ListView = object


class _RowWide(QStyledItemDelegate):
    """Rows as wide as the list, not as their text: long words are elided ('…') instead
    of running off under a horizontal scroll bar."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(0, super().sizeHint(option, index).height())


class OneLineRows(_ListView):
    """A list of one-line rows. fit_width(): a long row ends in '…' (keep the full text in
    its tooltip) instead of growing a horizontal scroll bar that eats one of the few rows.
    keep_rows(n): never shorter than n rows, and asking for no more; in the scrolling side
    column a list's usual ~190 px wish would push the sections under it out of sight, and
    it still takes any room left over in a tall window."""

    _rows_kept = 0

    def fit_width(self) -> None:
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setItemDelegate(_RowWide(self))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def keep_rows(self, rows: int) -> None:
        self._rows_kept = rows
        self.setMinimumHeight(self.rows_height(rows))

    def rows_height(self, rows: int) -> int:
        """How tall the list is with room for `rows` rows."""
        row = self.fontMetrics().height() + 4
        if self.model() is not None and self.model().rowCount() > 0:
            row = max(row, self.sizeHintForRow(0))  # a check box makes a row taller
        return rows * row + 2 * self.frameWidth()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumHeight()) if self._rows_kept else hint
