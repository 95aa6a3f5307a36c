"""Who is on the call: tick people from the account's map, or add someone in one line."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.people import parse_person_line
from sales_notebook.store.attendance import AttendanceService, PersonRow
from sales_notebook.store.calls import CallRow
from sales_notebook.store.errors import KnownError
from sales_notebook.ui.live_notes.list_rows import OneLineRows
from sales_notebook.ui.plain_tip import as_typed
from sales_notebook.ui.writer import Writer

PERSON_ID = Qt.ItemDataRole.UserRole + 1
# The list keeps a row per person, within these bounds: no empty rows pushing the checklist
# under it out of a short window, and no more than four before it scrolls.
ROWS_KEPT = (2, 4)


class _EscapeBack(OneLineRows, QListWidget):
    back = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.back.emit()
            return
        super().keyPressEvent(event)


class AttendeesPanel(QWidget):
    """Space ticks the current person; Enter in the line below adds one. Escape goes back to
    the notes (back_to_notes), as does adding someone."""

    back_to_notes = Signal()
    people_changed = Signal()  # someone was added to the account
    ticked = Signal()  # someone was ticked or unticked

    def __init__(
        self,
        attendance: AttendanceService,
        parent: QWidget | None = None,
        writer: Writer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attendeesPanel")
        self._attendance = attendance
        # Ticks and additions are stored on the notebook's writer thread, in order with the notes.
        self._writer = writer if writer is not None else Writer(parent=self)
        self._call: CallRow | None = None
        self.people: list[PersonRow] = []
        self.list = _EscapeBack(self)
        self.list.setObjectName("attendeeList")
        self.list.keep_rows(ROWS_KEPT[1])
        self.list.fit_width()
        self.list.back.connect(self.back_to_notes)
        self.list.itemChanged.connect(self._ticked)
        self.add_edit = QLineEdit(self)
        self.add_edit.setObjectName("addPersonEdit")
        self.add_edit.setPlaceholderText("Add someone: Dana Lee, CFO ↵")
        self.add_edit.returnPressed.connect(self.add_person)
        self.add_edit.installEventFilter(self)
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.add_edit)
        layout.addWidget(self.error)

    def eventFilter(self, watched: object, event: object) -> bool:
        if (
            watched is self.add_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
        ):
            self.add_edit.clear()
            self.error.hide()
            self.back_to_notes.emit()
            return True
        return False

    def show_call(self, call: CallRow | None) -> None:
        """List the people of the call's account, ticked as they were."""
        self._call = call
        self.error.hide()
        self.reload()

    def reload(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        if self._call is None:
            self.people = []
        else:
            self.people = self._attendance.people(self._call.account_id, self._call.deal_id)
            present = self._attendance.attendance(self._call.id)
            for person in self.people:
                item = QListWidgetItem(person.label, self.list)
                item.setToolTip(as_typed(person.label))  # the row may end in '…'
                item.setData(PERSON_ID, person.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                mentioned = present.get(person.id)
                if mentioned is None:
                    item.setCheckState(Qt.CheckState.Unchecked)
                elif mentioned:
                    item.setText(f"{person.label} · mentioned")
                    item.setCheckState(Qt.CheckState.PartiallyChecked)
                    item.setToolTip(
                        as_typed(
                            f"{person.label}\nMentioned in the notes; tick if they are on the call"
                        )
                    )
                else:
                    item.setCheckState(Qt.CheckState.Checked)
            if not self.people:
                self.list.setToolTip("No one on this account's map yet: add people below.")
        self.list.blockSignals(False)
        self.list.keep_rows(min(max(len(self.people), ROWS_KEPT[0]), ROWS_KEPT[1]))

    def _label(self, person_id: int) -> str:
        return next((p.label for p in self.people if p.id == person_id), "")

    def focus_list(self) -> None:
        """Keyboard entry point: the first person, or the add line if there is no one."""
        if self.list.count():
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)
            self.list.setFocus()
        else:
            self.add_edit.setFocus()

    def _ticked(self, item: QListWidgetItem) -> None:
        if self._call is None:
            return
        present = item.checkState() != Qt.CheckState.Unchecked
        self._writer.submit(
            partial(
                self._attendance.set_present, self._call.id, int(item.data(PERSON_ID)), present
            ),
            on_done=lambda _: self.ticked.emit(),
            on_error=self._write_failed,
        )
        self.list.blockSignals(True)
        label = self._label(int(item.data(PERSON_ID)))
        item.setText(label)
        item.setToolTip(as_typed(label))
        item.setCheckState(Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    def add_person(self) -> None:
        """Add the typed person to the account and tick them as on the call."""
        if self._call is None or not self.add_edit.text().strip():
            self.back_to_notes.emit()
            return
        typed = self.add_edit.text()
        try:
            parse_person_line(typed)  # bad input is told here, with the cursor still in the line
        except ValueError as exc:
            self._show_error(str(exc))
            return

        def added(_: object) -> None:
            if self.add_edit.text() == typed:
                self.add_edit.clear()
            self.error.hide()
            self.reload()
            self.people_changed.emit()

        job = partial(self._attendance.add_person, self._call.account_id, typed, self._call.id)
        self._writer.submit(job, on_done=added, on_error=self._write_failed)
        self.back_to_notes.emit()

    def _write_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KnownError):
            raise exc  # a bug: logged with its traceback and shown by the crash handler
        self._show_error(str(exc))
        self.reload()  # the list shows what is stored

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
