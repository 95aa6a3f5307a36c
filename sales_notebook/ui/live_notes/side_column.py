"""The notes and the column beside them: captioned sections, each with its shortcut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget


def notes_beside(parent: QWidget, notes: QWidget, *sections: tuple[str, str, QWidget]) -> QSplitter:
    """The notes on the left, and on the right a column of (caption, shortcut, widget)."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName("liveSplitter")
    splitter.addWidget(notes)
    splitter.addWidget(side_column(splitter, *sections))
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setSizes([600, 340])
    return splitter


def side_column(parent: QWidget, *sections: tuple[str, str, QWidget]) -> QSplitter:
    """A vertical splitter of (caption, shortcut, widget) sections; the last gets most room."""
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
    column.setSizes([140, 190, 380][-len(sections) :])
    return column
