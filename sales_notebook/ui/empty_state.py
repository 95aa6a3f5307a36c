"""An honest empty state: what the pane is for and how to fill it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class EmptyState(QWidget):
    """A heading, one line of help and an optional button, centred."""

    action = Signal()

    def __init__(
        self, heading: str, text: str, button: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        title = QLabel(heading, self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setStyleSheet("color: palette(placeholder-text);")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.text)
        if button:
            self.button = QPushButton(button, self)
            self.button.setProperty("primary", True)
            self.button.clicked.connect(self.action)
            layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
