"""The review's heading: two lines (the account and deal; the call's title, day and length)
that end in "…" when the room is short, instead of wrapping into a tall block beside the
Calls picker. The tooltip keeps every word."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from sales_notebook.ui.plain_tip import as_typed

ELIDE = Qt.TextElideMode.ElideRight


class ReviewHeading(QLabel):
    """Two lines at most, whatever the width: it never pushes the controls beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(False)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._where = self._title = ""
        self._details: tuple[str, ...] = ("",)

    def show_call(self, where: str, title: str, *details: str) -> None:
        """`where` (account — deal) in bold above `title · details`; `details` from the
        longest way of saying it to the shortest, the first that leaves the title room."""
        self._where, self._title, self._details = where, title, details or ("",)
        self.setToolTip(as_typed(f"{where}\n{title} · {details[0] if details else ''}"))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = max(self.contentsRect().width(), 1)
        bold = QFont(self.font())
        bold.setBold(True)
        where = QFontMetrics(bold).elidedText(self._where, ELIDE, room)
        metrics = self.fontMetrics()
        # The day and the length stay whole (said shorter if need be); the title gives up
        # its end first, keeping at least a dozen letters.
        least = min(metrics.horizontalAdvance(self._title), metrics.averageCharWidth() * 12)
        for said in self._details:
            details = f" · {said}" if said else ""
            title_room = room - metrics.horizontalAdvance(details)
            if title_room >= least:
                break
        title = metrics.elidedText(self._title, ELIDE, max(title_room, 0))
        self.setText(f"<b>{html.escape(where)}</b><br>{html.escape(title)}{html.escape(details)}")
