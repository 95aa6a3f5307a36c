"""The review's markers: when, what, and the note typed with it, in a column of any width."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from sales_notebook.core.vocabulary import MarkerKind
from sales_notebook.store.call_facts import MarkerRow
from sales_notebook.ui import keys
from sales_notebook.ui.live_notes.markers import offset_label
from sales_notebook.ui.plain_tip import as_typed

# The marker's name gives up width first, down to this share of the table: the note beside
# it is what the seller typed, and a scroll bar hid it at 1024x640.
NAME_SHARE = 0.45


class MarkerTimeline(QTreeWidget):
    """Three columns that always fit the width: a long name or note is cut short (…), and
    its whole text is in the row's tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markerTimeline")
        self.setHeaderLabels(["At", "Marker", "Note"])
        self.setRootIsDecorated(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)

    def show_markers(self, markers: list[MarkerRow]) -> None:
        self.clear()
        for marker in markers:
            label = MarkerKind(marker.kind).label if marker.kind in set(MarkerKind) else marker.kind
            item = QTreeWidgetItem([offset_label(marker.elapsed_seconds), label, marker.text])
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            tip = f"{label}: {marker.text}" if marker.text.strip() else label
            for column in range(3):
                item.setToolTip(column, as_typed(tip))
            self.addTopLevelItem(item)
        if self.topLevelItemCount() == 0:
            hint = f"No markers: {keys.marker_range()} during a call sets one"
            item = QTreeWidgetItem(["", hint, ""])
            item.setToolTip(1, hint)
            self.addTopLevelItem(item)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        room = self.viewport().width() - self.header().sectionSize(0)
        if self.topLevelItemCount() == 1 and not self.topLevelItem(0).text(0):  # type: ignore[union-attr]
            self.header().resizeSection(1, max(room, 0))  # the hint: all of the width
            return
        wanted = max(self.sizeHintForColumn(1), self.header().sectionSizeHint(1))
        self.header().resizeSection(1, max(0, min(wanted, int(room * NAME_SHARE))))
