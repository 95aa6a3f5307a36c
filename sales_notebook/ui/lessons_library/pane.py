"""The lessons library pane (search, filters and the chart come with the lessons issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from sales_notebook.ui.empty_state import EmptyState


class LessonsLibraryPane(QWidget):
    """Search and browse the lessons from past calls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonsLibrary")
        QVBoxLayout(self).addWidget(
            EmptyState(
                "Lessons library",
                "Lessons from failed calls will be searchable here.\n"
                "(Search is not built yet; `sales-notebook export` shows every lesson.)",
                parent=self,
            )
        )
