"""Correct a lesson's words after the post-mortem: its title, what happened, what to do
differently and how it felt. Its causes stay as tagged (the wizard is where they are weighed)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from sales_notebook.store.lessons import MAX_TITLE, LessonRow
from sales_notebook.ui.discard import discard_asked


def _box(text: str, lines: int, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(text, parent)
    box.setTabChangesFocus(True)  # keyboard-only: Tab goes on to the next field
    box.setMinimumHeight(box.fontMetrics().lineSpacing() * lines + 12)
    return box


class LessonEditor(QDialog):
    """OK keeps the words as typed; Cancel (or Esc) asks first when something was changed."""

    def __init__(self, lesson: LessonRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lessonEditor")
        self.setWindowTitle("Edit lesson")
        self.title = QLineEdit(lesson.title, self)
        self.title.setMaxLength(MAX_TITLE)
        self.what_happened = _box(lesson.what_happened, 4, self)
        self.do_differently = _box(lesson.do_differently, 4, self)
        self.feeling = _box(lesson.feeling, 2, self)
        self._before = self.values()
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("&Title", self.title)
        form.addRow("&What happened", self.what_happened)
        form.addRow("&Do differently", self.do_differently)
        form.addRow("How it &felt", self.feeling)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.title.textChanged.connect(lambda text: self.save_button.setEnabled(bool(text.strip())))
        self.resize(560, self.sizeHint().height())

    def values(self) -> tuple[str, str, str, str]:
        """(title, what happened, do differently, how it felt) as on screen."""
        return (
            self.title.text(),
            self.what_happened.toPlainText(),
            self.do_differently.toPlainText(),
            self.feeling.toPlainText(),
        )

    def reject(self) -> None:
        if self.values() != self._before and not discard_asked(
            self, "Edit lesson", "Discard your changes to this lesson?"
        ):
            return
        super().reject()
