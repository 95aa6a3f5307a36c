"""An honest empty state: what the pane is for and how to fill it.

Every empty and no-result state in the app speaks the same way (issue #15):
1. the heading names what is missing, in the seller's words ("No call in progress");
2. the text starts with what to do next, naming the key or the button as written on screen
   ("Press Ctrl+N to start a call…", "Clear filters shows every lesson");
3. a no-result state repeats what found nothing and says how to widen it;
4. no blame and no jargon (never "items", "records", "data").
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """A heading, one line of help and an optional button, centred."""

    action = Signal()

    def __init__(
        self, heading: str, text: str, button: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        title = self.title = QLabel(heading, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setProperty("role", "muted")  # the theme's quiet colour
        self._buttons = QHBoxLayout()
        self._buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.text)
        layout.addLayout(self._buttons)
        if button:
            self.button = QPushButton(button, self)
            self.button.setProperty("primary", True)
            self.button.clicked.connect(self.action)
            self._buttons.addWidget(self.button)
        self._buttons.addStretch(1)
        layout.addStretch(2)

    def add_button(self, text: str) -> QPushButton:
        """A second way forward beside the main button."""
        button = QPushButton(text, self)
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button
