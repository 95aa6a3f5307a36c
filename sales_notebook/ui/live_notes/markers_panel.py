"""The list of markers beside the notes; clicking one (or Enter on it) jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from sales_notebook.ui.live_notes.markers import LiveMarker, MarkersModel


class MarkersList(QListView):
    """Emits jump(marker); used in the pane and, on the same model, in compact mode."""

    jump = Signal(object)

    def __init__(self, model: MarkersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformItemSizes(True)
        self.setWordWrap(False)
        self.setTextElideMode(self.textElideMode().ElideRight)
        self.clicked.connect(self._jump)
        self.activated.connect(self._jump)

    def _jump(self, index: QModelIndex) -> None:
        marker = index.data(MarkersModel.MarkerRole)
        if isinstance(marker, LiveMarker):
            self.jump.emit(marker)
