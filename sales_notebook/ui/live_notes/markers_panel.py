"""The list of markers beside the notes (clicking one, or Enter on it, jumps to it) and the
legend of the keys that stamp them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.ui import keys
from sales_notebook.ui.live_notes.list_rows import OneLineRows
from sales_notebook.ui.live_notes.markers import MARKER_KINDS, LiveMarker, MarkersModel


def _legend_entries() -> list[str]:
    # No-break spaces inside each entry, so a wrapped legend never splits "6 Decision process".
    entries = (f"{n} {kind.label}" for n, kind in enumerate(MARKER_KINDS, start=1))
    return [entry.replace(" ", "\u00a0") for entry in entries]


def marker_legend() -> str:
    """'1 Next step · 2 Objection · …': which digit stamps which marker."""
    return " · ".join(_legend_entries())


class MarkerLegend(QLabel):
    """The Ctrl+digit legend, wrapped whole; folded, it is the one line that fits, cut
    after a whole entry ("Ctrl+1 Next step · 2 Objection · …"), for a short window where
    the whole of it would push the checklist out of sight. The tooltip has all of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries = _legend_entries()
        self._whole = self._line(len(self._entries))
        self.folded = False
        self.setToolTip(self._whole)
        self.setWordWrap(True)
        self.setText(self._whole)
        self.setProperty("role", "muted")  # the theme's quiet colour

    def fold(self, folded: bool) -> None:
        """One line (True) or the whole legend (False)."""
        if folded == self.folded:
            return
        self.folded = folded
        self.setWordWrap(not folded)
        self._relabel()
        self.updateGeometry()

    def unfolded_extra(self, width: int) -> int:
        """How much taller the whole legend is than what is shown now, at `width`."""
        if not self.folded:
            return 0
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        whole = self.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), flags, self._whole)
        return max(whole.height() - self.fontMetrics().height(), 0)

    def minimumSizeHint(self) -> QSize:
        if not self.folded:
            return super().minimumSizeHint()
        # Folded, it gives up entries to fit: never the reason the side column grows wider.
        width = self.fontMetrics().horizontalAdvance(self._line(1))
        return QSize(width, super().minimumSizeHint().height())

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint() if self.folded else super().sizeHint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.folded:
            self._relabel()

    def _relabel(self) -> None:
        if not self.folded:
            self.setText(self._whole)
            return
        room = self.contentsRect().width()
        width_of = self.fontMetrics().horizontalAdvance
        shown = 1
        while shown < len(self._entries) and width_of(self._line(shown + 1)) <= room:
            shown += 1
        self.setText(self._line(shown))

    def _line(self, shown: int) -> str:
        line = keys.marker_prefix() + " · ".join(self._entries[:shown])
        return line if shown == len(self._entries) else line + " · …"


class MarkersList(OneLineRows, QListView):
    """Emits jump(marker); used in the pane and, on the same model, in compact mode."""

    jump = Signal(object)

    def __init__(self, model: MarkersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.fit_width()
        self.clicked.connect(self._jump)
        self.activated.connect(self._jump)

    def _jump(self, index: QModelIndex) -> None:
        marker = index.data(MarkersModel.MarkerRole)
        if isinstance(marker, LiveMarker):
            self.jump.emit(marker)


class MarkersSection(QWidget):
    """The markers list with the Ctrl+digit legend under it. Folded, for a short window, the
    list keeps one row less and the legend is one line: each marker is in the notes too."""

    ROWS_KEPT = 3

    def __init__(self, model: MarkersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = MarkersList(model, self)
        self.list.setObjectName("markersList")
        self.list.keep_rows(self.ROWS_KEPT)
        self.legend = MarkerLegend(self)
        self.legend.setObjectName("markersLegend")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.legend)

    def fold(self, folded: bool) -> None:
        """Say less (True) or all of it (False)."""
        self.legend.fold(folded)
        self.list.keep_rows(self.ROWS_KEPT - 1 if folded else self.ROWS_KEPT)

    def unfolded_extra(self, width: int) -> int:
        """How much taller the section is unfolded than now, at `width`."""
        rows = self.list.rows_height(self.ROWS_KEPT) - self.list.minimumHeight()
        return self.legend.unfolded_extra(width) + rows
