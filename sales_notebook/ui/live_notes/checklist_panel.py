"""The qualification checklist beside the notes: MEDDPICC or BANT, carried on the deal.

Keyboard: Up/Down pick a field, Space moves it unknown -> partial -> known, typing (or F2)
edits its short note, Escape goes back to the notes.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.qualification import FRAMEWORKS, next_state, progress
from sales_notebook.core.vocabulary import Knowledge
from sales_notebook.store.errors import KnownError
from sales_notebook.store.qualification import Checklist, ChecklistItem, QualificationService
from sales_notebook.ui import keys
from sales_notebook.ui.writer import Writer

_STATE_TEXT = {
    Knowledge.UNKNOWN: "○ unknown",
    Knowledge.PARTIAL: "◐ partial",
    Knowledge.KNOWN: "● known",
}
_STATE_COLOR = {
    Knowledge.UNKNOWN: "#8a8a8a",
    Knowledge.PARTIAL: "#b35900",
    Knowledge.KNOWN: "#0b7a3e",
}
FIELD, STATE, NOTE = range(3)


class ChecklistModel(QAbstractTableModel):
    """One row per field of the deal's framework; edits are written through `changed`."""

    changed = Signal(str, object, str)  # field key, Knowledge, note

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checklist: Checklist | None = None

    def set_checklist(self, checklist: Checklist | None) -> None:
        self.beginResetModel()
        self.checklist = checklist
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.checklist is None:
            return 0
        return len(self.checklist.framework.fields)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return ("Field", "Known?", "Note")[section]
        return None

    def item(self, row: int) -> tuple[str, ChecklistItem]:
        assert self.checklist is not None
        key = self.checklist.framework.fields[row].key
        return key, self.checklist.item(key)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or self.checklist is None:
            return None
        field = self.checklist.framework.fields[index.row()]
        item = self.checklist.item(field.key)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (field.label, _STATE_TEXT[item.state], item.note)[column]
        if role == Qt.ItemDataRole.EditRole and column == NOTE:
            return item.note
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            return QColor(_STATE_COLOR[item.state])
        if role == Qt.ItemDataRole.ToolTipRole:
            return field.question
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.column() == NOTE else base

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: object, role: int = 2
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != NOTE or self.checklist is None:
            return False
        key, item = self.item(index.row())
        self._update(index.row(), key, item.state, str(value))
        return True

    def cycle(self, row: int) -> None:
        """Space: unknown -> partial -> known -> unknown."""
        key, item = self.item(row)
        self._update(row, key, next_state(item.state), item.note)

    def _update(self, row: int, key: str, state: Knowledge, note: str) -> None:
        assert self.checklist is not None
        note = " ".join(note.split())
        self.checklist.items[key] = ChecklistItem(state, note)
        self.dataChanged.emit(self.index(row, 0), self.index(row, NOTE))
        self.changed.emit(key, state, note)


class _ChecklistView(QTableView):
    """As tall as all its fields and at least as wide as their names and states: the side
    column scrolls instead, so no field hides under a scroll bar of its own."""

    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.horizontalHeader().sectionResized.connect(self._column_resized)

    def _column_resized(self, column: int) -> None:
        if column != NOTE:  # the note column only takes what is left
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        rows = self.model().rowCount() if self.model() is not None else 0
        height = self.horizontalHeader().sizeHint().height()
        height += rows * self.verticalHeader().defaultSectionSize() + 2 * self.frameWidth()
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:
        header = self.horizontalHeader()
        width = header.sectionSize(FIELD) + header.sectionSize(STATE)
        width += max(header.minimumSectionSize(), 4 * self.fontMetrics().averageCharWidth())
        return QSize(width + 2 * self.frameWidth(), self.sizeHint().height())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        model = self.model()
        if event.key() == Qt.Key.Key_Escape and self.state() != self.State.EditingState:
            self.back.emit()
            return
        if event.key() == Qt.Key.Key_Space and isinstance(model, ChecklistModel):
            if self.currentIndex().isValid():
                model.cycle(self.currentIndex().row())
            return
        if event.text().strip() and self.currentIndex().isValid():
            # Typing on any column writes the note, as a seller expects.
            self.setCurrentIndex(self.currentIndex().siblingAtColumn(NOTE))
        super().keyPressEvent(event)


class ChecklistPanel(QWidget):
    """The deal's checklist, or a line saying a call needs a deal to carry one."""

    back_to_notes = Signal()
    failed = Signal(str)

    def __init__(
        self,
        qualification: QualificationService,
        parent: QWidget | None = None,
        writer: Writer | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checklistPanel")
        self._qualification = qualification
        # Changes are stored on the notebook's writer thread, in order with the notes.
        self._writer = writer if writer is not None else Writer(parent=self)
        self._deal_id: int | None = None
        self.model = ChecklistModel(self)
        self.model.changed.connect(self._store)
        self.framework_box = QComboBox(self)
        self.framework_box.setObjectName("checklistFramework")
        for key, fw in FRAMEWORKS.items():
            self.framework_box.addItem(fw.name, key)
        self.framework_box.activated.connect(self._framework_chosen)
        self.progress = QLabel(self)
        # Under the fields, not over them: the framework is picked once per deal, and in a
        # short window the fields are what must start in sight.
        under = QHBoxLayout()
        under.addWidget(self.framework_box)
        under.addStretch(1)
        under.addWidget(self.progress)

        self.view = _ChecklistView(self)
        self.view.setObjectName("checklistView")
        self.view.setModel(self.model)
        self.view.back.connect(self.back_to_notes)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.view.fontMetrics().height() + 8)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.view.doubleClicked.connect(
            lambda index: self.model.cycle(index.row()) if index.column() == STATE else None
        )
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.view, 1)
        column.addLayout(under)
        QWidget.setTabOrder(self.view, self.framework_box)  # as they are on screen

        self.no_deal = QLabel(
            "This call has no deal. The checklist belongs to a deal so that it carries from "
            "call to call: start the call with a deal name "
            f"({keys.hint('new_call')}) to qualify it.",
            self,
        )
        self.no_deal.setObjectName("checklistNoDeal")
        self.no_deal.setWordWrap(True)
        self.no_deal.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.no_deal.setProperty("role", "muted")  # the theme's quiet colour
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.no_deal)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def show_deal(self, deal_id: int | None) -> None:
        """Load the deal's checklist as the last call left it."""
        self._deal_id = deal_id
        if deal_id is None:
            self.model.set_checklist(None)
            self.stack.setCurrentWidget(self.no_deal)
            return
        self._show(self._qualification.checklist(deal_id))

    def _show(self, checklist: Checklist) -> None:
        self.model.set_checklist(checklist)
        self.view.updateGeometry()  # MEDDPICC has 8 fields, BANT 4
        self.framework_box.setCurrentIndex(self.framework_box.findData(checklist.framework.key))
        self.stack.setCurrentIndex(1)
        self._update_progress()

    def focus_checklist(self) -> None:
        """Keyboard entry point: the first field whose state is not known yet."""
        if self._deal_id is None or self.model.checklist is None:
            self.no_deal.setFocus()
            return
        row = 0
        for i in range(self.model.rowCount()):
            if self.model.item(i)[1].state != Knowledge.KNOWN:
                row = i
                break
        self.view.setCurrentIndex(self.model.index(row, STATE))
        self.view.setFocus()

    def _framework_chosen(self, index: int) -> None:
        if self._deal_id is None:
            return
        deal_id = self._deal_id
        job = partial(
            self._qualification.set_framework, deal_id, self.framework_box.itemData(index)
        )

        def done(checklist: Checklist) -> None:
            if self._deal_id == deal_id:
                self._show(checklist)

        self._writer.submit(job, on_done=done, on_error=self._write_failed)

    def _store(self, key: str, state: Knowledge, note: str) -> None:
        checklist = self.model.checklist
        if self._deal_id is None or checklist is None:
            return
        self._writer.submit(
            partial(
                self._qualification.set_item,
                self._deal_id, checklist.framework.key, key, state, note,
            ),
            on_error=self._write_failed,
        )  # fmt: skip
        self._update_progress()

    def _write_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, KnownError):
            raise exc  # a bug: logged with its traceback and shown by the crash handler
        self.failed.emit(str(exc))
        if self._deal_id is not None:
            self.show_deal(self._deal_id)  # back to what is stored

    def _update_progress(self) -> None:
        checklist = self.model.checklist
        if checklist is None:
            return
        known, total = progress(
            {k: v.state for k, v in checklist.items.items()}, checklist.framework
        )
        self.progress.setText(f"{known} of {total} known")
