"""The post-call review pane (rendering and the wizard come with the post-mortem issue)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QStackedWidget, QVBoxLayout, QWidget

from sales_notebook.store.calls import CallsService
from sales_notebook.ui.empty_state import EmptyState


class CallReviewPane(QWidget):
    """Shows one ended call: for now its title and plain notes."""

    def __init__(self, calls: CallsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callReview")
        self._calls = calls
        self.call_id: int | None = None
        self.heading = QLabel(self)
        self.notes = QPlainTextEdit(self, readOnly=True)
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.addWidget(self.heading)
        column.addWidget(self.notes, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(
            EmptyState("No call to review", "End a call with Ctrl+E to review it here.", None, self)
        )
        self.stack.addWidget(page)
        QVBoxLayout(self).addWidget(self.stack)

    def show_call(self, call_id: int) -> None:
        """Show the call's notes."""
        call = self._calls.get(call_id)
        self.call_id = call_id
        when = call.started_at.astimezone().strftime("%d %b %Y %H:%M")
        self.heading.setText(f"<b>{html.escape(call.account_name)}</b> — {when}")
        self.notes.setPlainText(call.notes)
        self.stack.setCurrentIndex(1)
