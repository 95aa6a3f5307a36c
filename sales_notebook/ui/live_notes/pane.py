"""The live notes pane: the call header with its timer, and the notes editor."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.store.calls import CallRow, CallsService
from sales_notebook.ui.empty_state import EmptyState
from sales_notebook.ui.live_notes.autosaver import Autosaver
from sales_notebook.ui.live_notes.editor import NotesEditor


def format_elapsed(seconds: int) -> str:
    """'12:34', or '1:02:03' past an hour."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


class LiveNotesPane(QWidget):
    """Holds at most one live call; everything typed reaches the database by itself."""

    saved = Signal(object)  # datetime
    save_failed = Signal(str)
    message = Signal(str)
    call_ended = Signal(int)
    start_requested = Signal()

    def __init__(self, calls: CallsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("liveNotes")
        self._calls = calls
        self._call: CallRow | None = None

        self.title = QLabel(self)
        self.title.setObjectName("callTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.timer_label = QLabel("00:00", self)
        self.timer_label.setObjectName("callTimer")
        timer_font = self.timer_label.font()
        timer_font.setPointSizeF(timer_font.pointSizeF() * 1.25)
        timer_font.setFamily("monospace")
        self.timer_label.setFont(timer_font)
        self.end_button = QPushButton("End call (Ctrl+E)", self)
        self.end_button.setObjectName("endCallButton")
        self.end_button.clicked.connect(self.end_call)
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.timer_label)
        header.addWidget(self.end_button)

        self.editor = NotesEditor(self)
        self.autosaver = Autosaver(calls.save_notes, self.editor.toPlainText, self)
        self.editor.textChanged.connect(self.autosaver.mark_dirty)
        self.editor.focus_lost.connect(self.autosaver.flush)
        self.editor.rejected_paste.connect(self.message)
        self.autosaver.saved.connect(self.saved)
        self.autosaver.failed.connect(self.save_failed)

        self.call_page = QWidget(self)
        self.call_layout = QVBoxLayout(self.call_page)
        self.call_layout.setContentsMargins(0, 0, 0, 0)
        self.call_layout.addLayout(header)
        self.call_layout.addWidget(self.editor, 1)

        empty = EmptyState(
            "No call in progress",
            "Press Ctrl+N to start a call: name the account, press Enter, and type.",
            "Start a call",
            self,
        )
        empty.action.connect(self.start_requested)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(empty)
        self.stack.addWidget(self.call_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)

        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_timer)

    @property
    def call(self) -> CallRow | None:
        return self._call

    def open_call(self, call: CallRow) -> None:
        """Show a live call (new or recovered) and put the cursor at the end of its notes."""
        self.flush(wait=True)
        self._call = call
        self.autosaver.attach(None)
        self.editor.setPlainText(call.notes)
        self.autosaver.attach(call.id, call.notes)
        who = call.account_name + (f" — {call.deal_name}" if call.deal_name else "")
        self.title.setText(who)
        self.stack.setCurrentWidget(self.call_page)
        self._update_timer()
        self._tick.start()
        cursor = self.editor.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def elapsed_seconds(self) -> int:
        """Seconds since the call started."""
        if self._call is None:
            return 0
        return int((datetime.now(UTC) - self._call.started_at).total_seconds())

    def _update_timer(self) -> None:
        self.timer_label.setText(format_elapsed(self.elapsed_seconds()))

    def flush(self, wait: bool = False) -> None:
        """Save what is typed now (pane switch, quit, end of call)."""
        self.autosaver.flush(wait=wait)

    def end_call(self) -> int | None:
        """Stop the timer, save everything and close the call; returns its id."""
        if self._call is None:
            return None
        call_id = self._call.id
        self.autosaver.flush(wait=True)
        self._calls.end(call_id, self.editor.toPlainText())
        self._tick.stop()
        self.autosaver.attach(None)
        self._call = None
        self.editor.clear()
        self.stack.setCurrentIndex(0)
        self.call_ended.emit(call_id)
        return call_id

    def shutdown(self) -> None:
        """Final flush before the window goes away; the call stays live for recovery."""
        self.autosaver.shutdown()
