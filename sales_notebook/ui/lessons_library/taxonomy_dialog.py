"""The root-cause taxonomy editor: add, rename, reword, retire and merge causes.

Edits to a cause are kept when the seller moves to another cause or closes the editor, as
if Save had been pressed; a name that cannot be saved keeps them on the cause with a message.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.store.errors import KnownError
from sales_notebook.store.taxonomy import CauseRow, TaxonomyService

CAUSE_ID = Qt.ItemDataRole.UserRole + 1

W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    widget.setObjectName(name)
    return widget


def _sentence_box(name: str, placeholder: str, parent: QWidget) -> QPlainTextEdit:
    """A few wrapped lines for a question or a prompt (a line edit hides most of it)."""
    box = _named(QPlainTextEdit(parent), name)
    box.setPlaceholderText(placeholder)
    box.setTabChangesFocus(True)
    lines = box.fontMetrics().lineSpacing() * 3
    box.setFixedHeight(int(lines + 2 * box.frameWidth() + box.document().documentMargin() * 2))
    return box


def _one_line(text: str) -> str:
    return " ".join(text.split())


class TaxonomyDialog(QDialog):
    """Edits the causes in place; `changed` after every saved edit."""

    changed = Signal()

    def __init__(self, taxonomy: TaxonomyService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("taxonomyDialog")
        self.setWindowTitle("Root causes")
        self.resize(860, 460)
        self._taxonomy = taxonomy
        self.causes: list[CauseRow] = []

        self.list = QListWidget(self)
        self.list.setObjectName("causeList")
        # A long name wraps: on one line, its lesson count and "— retired" went off the edge.
        self.list.setWordWrap(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentItemChanged.connect(self._current_changed)
        self.name = _named(QLineEdit(self), "causeName")
        self.question = _sentence_box("causeQuestion", "Asked in the post-mortem wizard", self)
        self.prompt = _sentence_box(
            "causePrompt", "Shown as a watch-out before the next call", self
        )
        for edit in (self.name, self.question, self.prompt):
            edit.textChanged.connect(self._edited)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.save_button = _named(QPushButton("&Save changes", self), "saveCause")
        self.retire_button = _named(QPushButton("&Retire", self), "retireCause")
        self.merge_target = _named(QComboBox(self), "mergeTarget")
        self.merge_button = _named(QPushButton("&Merge…", self), "mergeCause")
        self.add_button = _named(QPushButton("&Add a cause…", self), "addCause")
        self.save_button.clicked.connect(self.save_current)
        self.retire_button.clicked.connect(self.toggle_retired)
        self.merge_button.clicked.connect(self.merge_current)
        self.add_button.clicked.connect(self.add_cause)

        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Question", self.question)
        form.addRow("&Prompt", self.prompt)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.save_button)
        edit_row.addWidget(self.retire_button)
        edit_row.addStretch(1)
        merge_row = QHBoxLayout()
        merge_row.addWidget(QLabel("Merge its lessons into", self))
        merge_row.addWidget(self.merge_target, 1)
        merge_row.addWidget(self.merge_button)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(edit_row)
        side.addSpacing(12)
        side.addLayout(merge_row)
        side.addWidget(self.status)
        side.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 2)
        body.addLayout(side, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.add_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(buttons)
        self.reload()

    # -- reading ----------------------------------------------------------------

    def reload(self, select: str | None = None) -> None:
        """Re-read the causes, keeping (or moving) the selection."""
        current = select or self.current_id()
        counts = {c.id: n for c, n in self._taxonomy.counts()}
        self.causes = self._taxonomy.causes(include_retired=True)
        self.list.blockSignals(True)
        self.list.clear()
        dim = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
        for cause in self.causes:
            n = counts.get(cause.id, 0)
            label = f"{cause.name}  ({n} lesson{'s' if n != 1 else ''})"
            item = QListWidgetItem(label + ("  — retired" if cause.retired else ""))
            item.setData(CAUSE_ID, cause.id)
            if cause.retired:
                item.setForeground(dim)
            self.list.addItem(item)
            if cause.id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._show_current()

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(CAUSE_ID)) if item is not None else None

    def _current(self) -> CauseRow | None:
        cause_id = self.current_id()
        return next((c for c in self.causes if c.id == cause_id), None)

    def _show_current(self) -> None:
        cause = self._current()
        for widget in (self.name, self.question, self.prompt, self.save_button,
                       self.retire_button, self.merge_target, self.merge_button):  # fmt: skip
            widget.setEnabled(cause is not None)
        if cause is None:
            return
        self.name.setText(cause.name)
        self.name.setCursorPosition(0)  # a long name shows its start, not its end
        self.question.setPlainText(cause.question)
        self.prompt.setPlainText(cause.prompt)
        self.save_button.setEnabled(False)
        self.retire_button.setText("&Restore" if cause.retired else "&Retire")
        self.merge_target.clear()
        for other in self.causes:
            if other.id != cause.id and not other.retired:
                self.merge_target.addItem(other.name, other.id)

    def _fields(self) -> tuple[str, str, str]:
        return (
            self.name.text().strip(),
            _one_line(self.question.toPlainText()),
            _one_line(self.prompt.toPlainText()),
        )

    def has_unsaved_edits(self) -> bool:
        """The fields differ from the selected cause as stored."""
        cause = self._current()
        return cause is not None and self._fields() != (
            cause.name,
            _one_line(cause.question),
            _one_line(cause.prompt),
        )

    def _edited(self) -> None:
        self.save_button.setEnabled(self.has_unsaved_edits())

    def _current_changed(
        self, _current: QListWidgetItem | None, previous: QListWidgetItem | None
    ) -> None:
        # The fields still hold the previous cause's edits: keep them before showing the next.
        if previous is not None and self._edits_of(str(previous.data(CAUSE_ID))):
            if not self._save(str(previous.data(CAUSE_ID)), reload=False):
                self.list.blockSignals(True)
                self.list.setCurrentItem(previous)
                self.list.blockSignals(False)
                return
            self.reload(self.current_id())
            return
        self.status.clear()  # a "Saved …" was about the cause left, not this one
        self._show_current()

    def _edits_of(self, cause_id: str) -> bool:
        cause = next((c for c in self.causes if c.id == cause_id), None)
        return cause is not None and self._fields() != (
            cause.name,
            _one_line(cause.question),
            _one_line(cause.prompt),
        )

    def done(self, result: int) -> None:
        """Closing keeps the edits; if they cannot be saved, the seller picks: fix or drop."""
        if self.has_unsaved_edits():
            error = self._try_save(str(self.current_id()))
            if error is not None:
                answer = QMessageBox.warning(
                    self, "Root causes", f"{error}\n\nDiscard the changes to this cause?",
                    QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                )  # fmt: skip
                if answer != QMessageBox.StandardButton.Discard:
                    return
        super().done(result)

    def _keep_edits(self) -> bool:
        """Save pending edits before an action that re-reads the list; False if refused."""
        return not self.has_unsaved_edits() or self._save(str(self.current_id()), reload=False)

    # -- editing ----------------------------------------------------------------

    def _done(self, message: str, select: str | None = None) -> None:
        self.status.setText(message)
        self.reload(select)
        self.changed.emit()

    def _refused(self, exc: KnownError) -> None:
        QMessageBox.warning(self, "Root causes", str(exc))

    def save_current(self) -> None:
        cause_id = self.current_id()
        if cause_id is not None and self._save(cause_id):
            # The Save button is disabled once saved, and Qt would hand the focus to the
            # next button, Retire: one Space away from retiring the cause just fixed.
            self.list.setFocus()

    def _save(self, cause_id: str, reload: bool = True) -> bool:
        error = self._try_save(cause_id)
        if error is not None:
            self._refused(error)
            return False
        if reload:
            self.reload(cause_id)
        return True

    def _try_save(self, cause_id: str) -> KnownError | None:
        name, question, prompt = self._fields()
        try:
            self._taxonomy.edit(cause_id, name=name, question=question, prompt=prompt)
        except KnownError as exc:
            return exc
        self.status.setText(f"Saved \u201c{name}\u201d.")
        self.changed.emit()
        return None

    def toggle_retired(self) -> None:
        cause = self._current()
        if cause is None or not self._keep_edits():
            return
        self._taxonomy.retire(cause.id, not cause.retired)
        what = "restored: offered again for new lessons" if cause.retired else (
            "retired: kept on its lessons, no longer offered for new ones")  # fmt: skip
        self._done(f"\u201c{self._fields()[0]}\u201d {what}.")

    def add_cause(self) -> None:
        if not self._keep_edits():
            return
        name, ok = QInputDialog.getText(self, "Add a root cause", "Name of the new cause:")
        if not ok or not name.strip():
            return
        try:
            cause = self._taxonomy.add(name)
        except KnownError as exc:
            self._refused(exc)
            return
        self._done(f"Added \u201c{cause.name}\u201d: give it a question and a prompt.", cause.id)
        self.question.setFocus()

    def merge_current(self) -> None:
        cause = self._current()
        target = self.merge_target.currentData()
        if cause is None or target is None:
            return
        target_name = self.merge_target.currentText()
        answer = QMessageBox.question(
            self, "Merge root causes",
            f"Move every lesson tagged \u201c{cause.name}\u201d to \u201c{target_name}\u201d "
            f"and remove \u201c{cause.name}\u201d?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,  # it cannot be undone: Enter must not do it
        )  # fmt: skip
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            moved = self._taxonomy.merge(cause.id, str(target))
        except KnownError as exc:
            self._refused(exc)
            return
        lessons = f"{moved} lesson{'' if moved == 1 else 's'}"
        self._done(f"Merged: {lessons} moved to \u201c{target_name}\u201d.", str(target))
