"""The review's notes: rendered to read, and editable after the call with the live autosave.

A seller fixes typos and adds what they remember once they hang up. "Edit notes" (Alt+E)
swaps the rendered notes for the Markdown text; every edit is saved by the same Autosaver as
during the call; Esc or "Done" (Alt+D) shows the rendered notes again.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.store.calls import CallRow, CallsService
from sales_notebook.ui.call_review.notes_view import NotesView
from sales_notebook.ui.live_notes.autosaver import Autosaver
from sales_notebook.ui.live_notes.editor import paste_refused
from sales_notebook.ui.writer import Writer


class _MarkdownEdit(QPlainTextEdit):
    """Esc ends editing, like leaving a cell in a table; a paste too long to save is refused,
    as during the call."""

    done = Signal()
    refused_input = Signal(str)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.done.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        refused = paste_refused(self, source)
        if refused is not None:
            self.refused_input.emit(refused)
            return
        super().insertFromMimeData(source)


class ReviewNotes(QWidget):
    """The rendered `view` or, while editing, the `editor`; `message(str)` on a save error."""

    message = Signal(str)

    def __init__(
        self, calls: CallsService, parent: QWidget | None = None, writer: Writer | None = None
    ) -> None:
        super().__init__(parent)
        self._calls = calls
        self.call_id: int | None = None
        self.view = NotesView(self)
        self.editor = _MarkdownEdit(self)
        self.editor.setObjectName("reviewNotesEditor")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText("Notes of this call, in Markdown")
        self.editor.done.connect(self.finish)
        self.editor.refused_input.connect(self.message)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.editor)
        self.edit_button = QPushButton("&Edit notes", self)
        self.edit_button.setObjectName("editReviewNotes")
        self.edit_button.setToolTip("Fix typos and add what you remember (Esc when done)")
        self.edit_button.clicked.connect(self.toggle)
        self.status = QLabel(self)
        self.status.setObjectName("reviewNotesStatus")
        # The notebook's one ordered writer (the window's), so these saves queue with the rest.
        self.autosaver = Autosaver(self._save, self.editor.toPlainText, writer, parent=self)
        self.autosaver.saved.connect(self._saved)
        self.autosaver.failed.connect(self._failed)
        self._problem: str | None = None  # told once, not at every retry
        self.editor.textChanged.connect(self.autosaver.mark_dirty)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.status, 1)
        row.addWidget(self.edit_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.stack, 1)
        column.addLayout(row)

    @property
    def editing(self) -> bool:
        return self.stack.currentWidget() is self.editor

    def show_call(self, call: CallRow) -> None:
        """Show (rendered) the notes of another call, saving edits of the last one first."""
        self.flush()
        self.call_id = call.id
        self.editor.blockSignals(True)
        self.editor.setPlainText(call.notes)
        self.editor.blockSignals(False)
        self.autosaver.attach(call.id, call.notes)
        self._problem = None
        self.view.show_notes(call.notes)
        self.status.clear()
        self._show_view()

    def toggle(self) -> None:
        if self.editing:
            self.finish()
        else:
            self.start()

    def start(self) -> None:
        """Edit the Markdown, the cursor where the seller last was (the end at first)."""
        if self.call_id is None:
            return
        self.stack.setCurrentWidget(self.editor)
        self.edit_button.setText("&Done")
        self.editor.setFocus()

    def finish(self) -> None:
        """Save at once and show the notes rendered again."""
        self.flush()
        self.view.show_notes(self.editor.toPlainText())
        self._show_view()
        self.edit_button.setFocus()

    def flush(self) -> None:
        """What was typed is on disk when this returns (a refused save says so)."""
        self.autosaver.flush(wait=True)

    def rerender(self) -> None:
        """Render the notes again (the theme changed: the notes' style reads the palette)."""
        if self.call_id is not None:
            self.view.show_notes(self.editor.toPlainText())

    def shutdown(self) -> None:
        self.autosaver.shutdown()

    def _show_view(self) -> None:
        self.stack.setCurrentWidget(self.view)
        self.edit_button.setText("&Edit notes")

    def _save(self, call_id: int, text: str) -> datetime:
        return self._calls.save_notes(call_id, text)

    def _saved(self, when: datetime) -> None:
        self._problem = None
        self.status.setText(f"Notes saved {when.astimezone():%H:%M:%S}")

    def _failed(self, problem: str) -> None:
        # The autosaver retries every few seconds: one box per problem, not a pile of them.
        self.status.setText("Notes not saved: retrying")
        if problem != self._problem:
            self._problem = problem
            self.message.emit(problem)
