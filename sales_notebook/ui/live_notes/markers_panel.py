"""The list of markers beside the notes; clicking one (or Enter on it) jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
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


def marker_legend() -> str:
    """'1 Next step · 2 Objection · …': which digit stamps which marker."""
    # No-break spaces inside each entry, so a wrapped legend never splits "6 Decision process".
    entries = (f"{n} {kind.label}" for n, kind in enumerate(MARKER_KINDS, start=1))
    return " · ".join(entry.replace(" ", "\u00a0") for entry in entries)


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
    """The markers list with the Ctrl+digit legend under it."""

    def __init__(self, model: MarkersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = MarkersList(model, self)
        self.list.setObjectName("markersList")
        self.list.keep_rows(3)
        self.legend = QLabel(keys.marker_prefix() + marker_legend(), self)
        self.legend.setObjectName("markersLegend")
        self.legend.setWordWrap(True)
        self.legend.setProperty("role", "muted")  # the theme's quiet colour
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.legend)
