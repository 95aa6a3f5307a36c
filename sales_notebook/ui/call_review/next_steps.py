"""The next steps agreed on a call: add, edit, tick done, delete."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.due_dates import default_due, due_in_text
from sales_notebook.store.errors import KnownError
from sales_notebook.store.next_steps import NextStepRow, NextStepsService
from sales_notebook.ui.plain_tip import as_typed

ID_ROLE = Qt.ItemDataRole.UserRole


def format_due(due: date | None) -> str:
    """'Tue 3 Dec', or 'no date'."""
    return f"{due:%a} {due.day} {due:%b}" if due else "no date"


class NextStepDialog(QDialog):
    """What is to be done and by when; a step may be left undated, but it shows."""

    def __init__(
        self, text: str = "", due: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("nextStepDialog")
        self.setWindowTitle("Next step")
        self.text_edit = QLineEdit(text, self)
        self.text_edit.setPlaceholderText("e.g. Send the case study to Ruth")
        self.text_edit.setMinimumWidth(360)
        self.dated = QCheckBox("&Due", self)
        self.due_edit = QDateEdit(self)
        self.due_edit.setCalendarPopup(True)
        self.due_edit.setDisplayFormat("ddd d MMM yyyy")
        # "by Friday" in the text gives that Friday; otherwise a weekday a week on.
        start = due or due_in_text(text, date.today()) or default_due(date.today())
        self._set_date(start)
        self._date_touched = due is not None
        self.due_edit.dateChanged.connect(self._touched)
        self.dated.setChecked(due is not None or not text)
        self.due_edit.setEnabled(self.dated.isChecked())
        self.dated.toggled.connect(self.due_edit.setEnabled)
        when = QHBoxLayout()
        when.addWidget(self.dated)
        when.addWidget(self.due_edit, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.text_edit.textChanged.connect(lambda t: self.ok_button.setEnabled(bool(t.strip())))
        self.text_edit.textChanged.connect(self._follow_text)
        self.ok_button.setEnabled(bool(text.strip()))
        form = QFormLayout(self)
        form.addRow("&What:", self.text_edit)
        form.addRow("When:", when)
        form.addRow(buttons)

    def _set_date(self, day: date) -> None:
        self._setting = True
        self.due_edit.setDate(QDate(day.year, day.month, day.day))
        self._setting = False

    def _touched(self) -> None:
        if not getattr(self, "_setting", False):
            self._date_touched = True

    def _follow_text(self, text: str) -> None:
        """Typing "by Friday" moves the date there, until the seller picks one by hand."""
        named = due_in_text(text, date.today())
        if named is not None and not self._date_touched:
            self._set_date(named)
            self.dated.setChecked(True)

    @property
    def text(self) -> str:
        return self.text_edit.text()

    @property
    def due(self) -> date | None:
        picked: date = self.due_edit.date().toPython()  # type: ignore[assignment]
        return picked if self.dated.isChecked() else None


class NextStepsBox(QWidget):
    """A list of next steps with their due dates; the checkbox ticks a step done."""

    message = Signal(str)

    def __init__(self, steps: NextStepsService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nextSteps")
        self._steps = steps
        self.call_id: int | None = None
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("nextStepsList")
        self.tree.setHeaderLabels(["Next step", "Due"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.itemChanged.connect(self._ticked)
        self.tree.itemActivated.connect(lambda *_: self.edit_current())
        self.tree.installEventFilter(self)
        self.add_button = QPushButton("&Add…", self)
        self.edit_button = QPushButton("Edit…", self)
        self.delete_button = QPushButton("Delete", self)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button.clicked.connect(self.delete_current)
        # Next steps typed as markers during the call, offered in one click.
        self.from_markers_button = QPushButton(self)
        self.from_markers_button.setObjectName("addMarkedSteps")
        self.from_markers_button.clicked.connect(self.add_marked)
        # Its text is cut to the box's width (…): a long marked step widened the whole side
        # column over the notes. The tooltip has every step whole.
        self.from_markers_button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.from_markers_button.hide()
        self._all_marked: list[str] = []  # the call's next-step markers
        self._marked: list[str] = []  # those of them not in the list yet
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.from_markers_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(buttons)
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        QWidget.setTabOrder(self.tree, self.from_markers_button)  # above the buttons, as shown
        QWidget.setTabOrder(self.from_markers_button, self.add_button)
        self._enable()

    def show_call(self, call_id: int | None, marked: Sequence[str] = ()) -> None:
        """Load the steps of a call; `marked`: the texts of its next-step markers."""
        self.call_id = call_id
        texts = [" ".join(text.split()) for text in marked if text.strip()]
        self._all_marked = list(dict.fromkeys(texts))
        self.reload()

    def _offer_marked(self, steps: Sequence[str]) -> None:
        """Offer the marked steps not in the list, from all of the call's: one deleted
        from the list is offered again."""
        known = {step.casefold() for step in steps}
        self._marked = [m for m in self._all_marked if m.casefold() not in known]
        n = len(self._marked)
        self.from_markers_button.setToolTip(as_typed("\n".join(self._marked)))
        self.from_markers_button.setVisible(bool(n))
        self._fit_offer()

    def _fit_offer(self) -> None:
        """The offer, cut to the box's width: of one step, the step's end gives way (its
        opening words are what the seller recognises), never the quote marks around it."""
        button, n = self.from_markers_button, len(self._marked)
        whole = f"Add the {n} marked next steps" if n > 1 else "Add marked step: \u201c\u201d"
        button.setText(whole)
        metrics = button.fontMetrics()
        room = max(self.width() - (button.sizeHint().width() - metrics.horizontalAdvance(whole)), 0)
        if n == 1:
            step = metrics.elidedText(
                self._marked[0],
                Qt.TextElideMode.ElideRight,
                room - metrics.horizontalAdvance(whole),
            )
            button.setText(f"Add marked step: \u201c{step}\u201d")
        elif n > 1:
            button.setText(metrics.elidedText(whole, Qt.TextElideMode.ElideRight, room))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_offer()

    def add_marked(self) -> None:
        """Record the call's marked next steps, dated when their words name a day ("by
        Friday"), else undated (the list shows them as such)."""
        if self.call_id is None:
            return
        call_id = self.call_id
        for text in list(self._marked):
            if not self._run(self._steps.add, call_id, text, due_in_text(text, date.today())):
                break
        self.reload()
        self.tree.setFocus()

    def reload(self, select: int | None = None) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        rows = self._steps.for_call(self.call_id) if self.call_id is not None else []
        for row in rows:
            self.tree.addTopLevelItem(self._item(row))
        self.tree.blockSignals(False)
        self._offer_marked([row.text for row in rows])
        for index in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(index)
            if item is not None and item.data(0, ID_ROLE) == select:
                self.tree.setCurrentItem(item)
        self._enable()

    def _item(self, row: NextStepRow) -> QTreeWidgetItem:
        item = QTreeWidgetItem([row.text, format_due(row.due)])
        item.setData(0, ID_ROLE, row.id)
        item.setData(1, ID_ROLE, row.due)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(0, Qt.CheckState.Checked if row.done else Qt.CheckState.Unchecked)
        item.setToolTip(0, as_typed(row.text))
        if row.done:
            font = item.font(0)
            font.setStrikeOut(True)
            item.setFont(0, font)
        if row.due is None and not row.done:
            item.setForeground(1, self.palette().placeholderText())
        return item

    def _enable(self) -> None:
        has_call = self.call_id is not None
        has_item = self.tree.currentItem() is not None
        self.add_button.setEnabled(has_call)
        self.edit_button.setEnabled(has_item)
        self.delete_button.setEnabled(has_item)

    def _run(self, action: Callable[..., object], *args: object) -> bool:
        try:
            action(*args)
        except KnownError as exc:
            self.message.emit(str(exc))
            return False
        return True

    def add(self) -> None:
        """Ask for a new step and record it."""
        if self.call_id is None:
            return
        dialog = NextStepDialog(parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        call_id = self.call_id
        added: list[int] = []
        if self._run(lambda: added.append(self._steps.add(call_id, dialog.text, dialog.due))):
            self.reload(select=added[0])
        self.tree.setFocus()

    def edit_current(self) -> None:
        """Change the selected step's text or date."""
        item = self.tree.currentItem()
        if item is None:
            return
        step_id = item.data(0, ID_ROLE)
        dialog = NextStepDialog(item.text(0), item.data(1, ID_ROLE), self)
        if dialog.exec() == QDialog.DialogCode.Accepted and self._run(
            self._steps.update, step_id, dialog.text, dialog.due
        ):
            self.reload(select=step_id)
        self.tree.setFocus()

    def delete_current(self) -> None:
        """Remove the selected step, once the seller says so: there is no undo."""
        item = self.tree.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete next step",
            f"Delete the next step \u201c{item.text(0)}\u201d?\n\nThis cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes and self._run(
            self._steps.delete, item.data(0, ID_ROLE)
        ):
            self.reload()
        self.tree.setFocus()

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if column != 0:
            return
        step_id = item.data(0, ID_ROLE)
        if self._run(self._steps.set_done, step_id, item.checkState(0) == Qt.CheckState.Checked):
            self.reload(select=step_id)

    def eventFilter(self, watched: object, event: object) -> bool:
        if watched is self.tree and isinstance(event, QKeyEvent):
            if event.type() == QKeyEvent.Type.KeyPress and event.key() == Qt.Key.Key_Delete:
                self.delete_current()
                return True
            if event.type() == QKeyEvent.Type.KeyPress and event.key() == Qt.Key.Key_Insert:
                self.add()
                return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
