"""One-line rows for the lists beside the notes (markers, people on the call)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QListView

if TYPE_CHECKING:
    _ListView = QListView
else:  # a mixin, so that QListView and QListWidget subclasses can both take it
    _ListView = object


class KeepsRows(_ListView):
    """After keep_rows(n): never shorter than n rows, and asking for no more. In the
    scrolling side column a list's usual ~190 px wish would push the sections under it out
    of sight; it still takes any room left over in a tall window."""

    _rows_kept = 0

    def keep_rows(self, rows: int) -> None:
        self._rows_kept = rows
        self.setMinimumHeight(rows * (self.fontMetrics().height() + 4) + 2 * self.frameWidth())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), self.minimumHeight()) if self._rows_kept else hint
