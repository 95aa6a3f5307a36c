"""Compact mode: a small always-on-top window with the notes, the timer and the markers, to
keep beside a video call. It borrows the pane's editor (same document, same autosave)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QHideEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from sales_notebook.ui import keys
from sales_notebook.ui.live_notes.call_header import ElidedLabel, timer_font
from sales_notebook.ui.live_notes.markers import MarkersModel
from sales_notebook.ui.live_notes.markers_panel import MarkersList, marker_legend
from sales_notebook.ui.stored_settings import unusable

COMPACT_SIZE = (420, 520)


class CompactWindow(QWidget):
    """Emits leave when closed or when asked to go back to the full window."""

    leave = Signal()

    def __init__(self, markers: MarkersModel, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("compactCall")
        self.setWindowTitle("Call notes")
        self.title = ElidedLabel(self)
        self.title.setObjectName("compactTitle")
        self.timer_label = QLabel("00:00", self)
        self.timer_label.setObjectName("compactTimer")
        self.timer_label.setFont(timer_font(self.timer_label.font(), bold=True))
        self.full_button = QToolButton(self)
        self.full_button.setText("Full window")
        self.full_button.setToolTip(f"Back to the full window ({keys.hint('compact')})")
        self.full_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.full_button.clicked.connect(self.leave)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.timer_label)
        header.addWidget(self.full_button)
        self.markers = MarkersList(markers, self)
        self.markers.setObjectName("compactMarkers")
        self.markers.setMaximumHeight(96)
        self.markers.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.hint = QLabel(
            f"{keys.marker_range()} marker · {keys.hint('end_call')} end call · "
            f"{keys.hint('compact')} full window",
            self,
        )
        self.hint.setProperty("role", "muted")  # the theme's quiet colour
        self.hint.setToolTip(keys.marker_prefix() + marker_legend())
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(6, 6, 6, 6)
        self.column.setSpacing(4)
        self.column.addLayout(header)
        # index 1: the borrowed editor
        self.column.addWidget(self.markers)
        self.column.addWidget(self.hint)
        self.resize(*COMPACT_SIZE)
        # Where the seller last put it (this session or, through the main window's
        # settings, an earlier one); None until then: the top-right corner of the screen.
        self._placement: QByteArray | None = None

    def placement(self) -> QByteArray | None:
        """Its size and position, to remember; None if it was never shown."""
        return self.saveGeometry() if self.isVisible() else self._placement

    def restore_placement(self, geometry: QByteArray) -> None:
        """Open next time where it was (kept on screen if the screens changed)."""
        self._placement = geometry

    def take_editor(self, editor: QPlainTextEdit, title: str) -> None:
        """Show the editor here, where it was last time, else at the screen's top-right."""
        self.title.setText(title)
        self.column.insertWidget(1, editor, 1)
        editor.show()
        if (
            self._placement is None
            or not self.restoreGeometry(self._placement)
            or unusable(self, self.minimumSizeHint())  # a garbled settings.ini
        ):
            self.resize(*COMPACT_SIZE)
            screen = (self.parentWidget() or self).screen() or QGuiApplication.primaryScreen()
            area = screen.availableGeometry()
            self.move(area.right() - self.width() - 24, area.top() + 48)
        self.show()
        self.raise_()
        self.activateWindow()
        editor.setFocus()

    def hideEvent(self, event: QHideEvent) -> None:
        self._placement = self.saveGeometry()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing the small window means "back to the full one", never "lose the notes".
        event.ignore()
        self.leave.emit()
