"""The column beside the notes: captioned sections, each with its shortcut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget


def side_column(parent: QWidget, *sections: tuple[str, str, QWidget]) -> QSplitter:
    """A vertical splitter of (caption, shortcut, widget) sections."""
    column = QSplitter(Qt.Orientation.Vertical, parent)
    column.setObjectName("liveSideColumn")
    column.setChildrenCollapsible(False)
    for caption, keys, widget in sections:
        box = QWidget(column)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        top = QHBoxLayout()
        title = QLabel(f"<b>{caption}</b>", box)
        hint = QLabel(keys, box)
        hint.setStyleSheet("color: palette(placeholder-text);")
        top.addWidget(title, 1)
        top.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(widget, 1)
        column.addWidget(box)
    return column
