"""The bar above the notes when they have nowhere to go (the call or the file is gone).

Inline, not a dialog: the seller may still be on the call, and the keyboard stays in the notes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class RescueBar(QFrame):
    """Says what happened; offers a new call, a text file or the clipboard."""

    new_call = Signal()
    to_file = Signal()
    copy = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rescueBar")
        self.setStyleSheet(
            "#rescueBar { background: #fdecea; border: 1px solid #b00020; border-radius: 4px; }"
            "#rescueBar QLabel { color: #5f0010; }"
        )
        self.message = QLabel(self)
        self.message.setObjectName("rescueMessage")
        self.message.setWordWrap(True)
        self.new_call_button = QPushButton("Save into a new call", self)
        self.new_call_button.setObjectName("rescueNewCall")
        self.file_button = QPushButton("Save to a file…", self)
        self.file_button.setObjectName("rescueToFile")
        self.copy_button = QPushButton("Copy to the clipboard", self)
        self.copy_button.setObjectName("rescueCopy")
        self.new_call_button.clicked.connect(self.new_call)
        self.file_button.clicked.connect(self.to_file)
        self.copy_button.clicked.connect(self.copy)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_call_button)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.hide()

    def show_problem(self, message: str) -> None:
        self.message.setText(message)
        self.show()
