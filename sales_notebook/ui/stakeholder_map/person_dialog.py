"""Edit every field of one person; refuses bad input in place, without closing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.people import MAX_PERSON_NAME, MAX_PERSON_TITLE
from sales_notebook.core.vocabulary import Attitude, Coverage, DecisionRole
from sales_notebook.store.errors import InvalidInput
from sales_notebook.store.stakeholders import PersonDetails, check_details
from sales_notebook.ui.stakeholder_map import look


class PersonDialog(QDialog):
    """`details` holds the checked result once the dialog is accepted."""

    def __init__(
        self,
        details: PersonDetails,
        deals: list[tuple[int, str]],
        heading: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.setWindowTitle(heading)
        self.details = details

        self.name = QLineEdit(details.name, self)
        self.name.setObjectName("personName")
        self.name.setMaxLength(MAX_PERSON_NAME * 2)  # longer is refused with a message
        self.name.setPlaceholderText("Dana Lee")
        self.title = QLineEdit(details.title, self)
        self.title.setObjectName("personTitle")
        self.title.setPlaceholderText("Chief Financial Officer")
        self.title.setMaxLength(MAX_PERSON_TITLE * 40)
        self.role = self._combo([(r.label, r.value) for r in DecisionRole], details.decision_role)
        self.role.setObjectName("personRole")
        self.attitude = self._combo(
            [(f"{look.ATTITUDE_SYMBOLS[a]}  {a.label}", a.value) for a in Attitude],
            details.attitude,
        )
        self.attitude.setObjectName("personAttitude")
        self.influence = QSpinBox(self)
        self.influence.setObjectName("personInfluence")
        self.influence.setRange(1, 5)
        self.influence.setValue(details.influence)
        self.influence.setSuffix(" of 5")
        self.coverage = self._combo([(c.label, c.value) for c in Coverage], details.coverage)
        self.coverage.setObjectName("personCoverage")
        self.contacted = QCheckBox("Last contact", self)
        self.last_contact = QDateEdit(self)
        self.last_contact.setCalendarPopup(True)
        self.last_contact.setDisplayFormat("d MMM yyyy")
        day = details.last_contact or date.today()
        self.last_contact.setDate(QDate(day.year, day.month, day.day))
        self.contacted.setChecked(details.last_contact is not None)
        self.last_contact.setEnabled(self.contacted.isChecked())
        self.contacted.toggled.connect(self.last_contact.setEnabled)
        self.deal = self._combo([("Whole account", None), *((n, i) for i, n in deals)],
                                details.deal_id)  # fmt: skip
        self.deal.setObjectName("personDeal")
        self.placeholder = QCheckBox("Not identified yet (a placeholder for a gap)", self)
        self.placeholder.setObjectName("personPlaceholder")
        self.placeholder.setChecked(details.placeholder)
        self.notes = QPlainTextEdit(details.notes, self)
        self.notes.setObjectName("personNotes")
        self.notes.setPlaceholderText("What matters to them, and how to handle their concerns")
        self.notes.setTabChangesFocus(True)
        self.error = QLabel("", self)
        self.error.setObjectName("personError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {look.WARNING.name()}; font-weight: bold;")
        self.error.hide()

        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Title", self.title)
        form.addRow("Decision &role", self.role)
        form.addRow("&Attitude", self.attitude)
        form.addRow("&Influence", self.influence)
        form.addRow("&Coverage", self.coverage)
        contact = QHBoxLayout()
        contact.addWidget(self.contacted)
        contact.addWidget(self.last_contact, 1)
        form.addRow("", contact)
        form.addRow("&Deal", self.deal)
        form.addRow("", self.placeholder)
        form.addRow("N&otes", self.notes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())
        self.name.setFocus()

    def _combo(self, items: list[tuple[str, object]], current: object) -> QComboBox:
        combo = QComboBox(self)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        return combo

    def entered(self) -> PersonDetails:
        """What the form says now, unchecked."""
        contact = self.last_contact.date()
        return PersonDetails(
            name=self.name.text(),
            title=self.title.text(),
            decision_role=self.role.currentData(),
            attitude=self.attitude.currentData(),
            influence=self.influence.value(),
            coverage=self.coverage.currentData(),
            last_contact=(
                date(contact.year(), contact.month(), contact.day())
                if self.contacted.isChecked()
                else None
            ),
            notes=self.notes.toPlainText(),
            placeholder=self.placeholder.isChecked(),
            deal_id=self.deal.currentData(),
        )

    def accept(self) -> None:
        try:
            self.details = check_details(self.entered())
        except InvalidInput as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        super().accept()
