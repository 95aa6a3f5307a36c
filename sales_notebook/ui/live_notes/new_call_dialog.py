"""Ctrl+N: a small dialog to name the account (and optionally the deal) and start the call."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)


class NewCallDialog(QDialog):
    """Account field focused and completing existing names, the deal field completing that
    account's deals (a near-miss name would create a second deal); Enter starts the call."""

    def __init__(
        self,
        account_names: list[str],
        account: str = "",
        deal: str = "",
        parent: QWidget | None = None,
        deal_names: Mapping[str, Sequence[str]] | None = None,
        title: str = "New call",
        action: str = "Start call",
    ) -> None:
        super().__init__(parent)
        self._deal_names = {
            name.casefold(): list(deals) for name, deals in (deal_names or {}).items()
        }
        self.setObjectName("newCallDialog")
        self.setWindowTitle(title)
        self.account_edit = QLineEdit(account, self)
        self.account_edit.setObjectName("newCallAccount")
        self.account_edit.setPlaceholderText("Account (a new name creates it)")
        completer = QCompleter(account_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.account_edit.setCompleter(completer)
        self._enter_takes_first_match(completer)
        self.deal_edit = QLineEdit(deal, self)
        self.deal_edit.setObjectName("newCallDeal")
        self.deal_edit.setPlaceholderText("Deal (optional)")
        self._deals = QStringListModel(self)
        deal_completer = QCompleter(self._deals, self)
        deal_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        deal_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.deal_edit.setCompleter(deal_completer)
        self._enter_takes_first_match(deal_completer)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("newCallTitle")
        self.title_edit.setPlaceholderText("Title (optional), e.g. Pricing follow-up")
        self.title_edit.setMaxLength(300)
        self.account_edit.textChanged.connect(self._account_changed)
        self._account_changed(account)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(action)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow("&Account", self.account_edit)
        form.addRow("&Deal", self.deal_edit)
        if action == "Start call":
            form.addRow("&Title", self.title_edit)
        else:
            self.title_edit.hide()
        form.addRow(self.error)
        form.addRow(buttons)
        self.setMinimumWidth(380)
        self.account_edit.setFocus()
        self.account_edit.selectAll()

    def _enter_takes_first_match(self, completer: QCompleter) -> None:
        popup = completer.popup()
        assert popup is not None  # a QCompleter always makes one
        popup.installEventFilter(self)  # after the completer's own filter, so it runs first

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter on the open list with nothing highlighted would only close it, and the next
        # Enter would start the call with a new "kes" account beside Kestrel Logistics: take
        # the first match, as the mention popup in the notes does. Escape keeps what is typed.
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            for edit in (self.account_edit, self.deal_edit):
                completer = edit.completer()
                popup = completer.popup() if completer is not None else None
                if popup is not None and popup is watched and not popup.currentIndex().isValid():
                    popup.setCurrentIndex(completer.completionModel().index(0, 0))
        return False

    def _account_changed(self, text: str) -> None:
        deals = self._deal_names.get(" ".join(text.split()).casefold(), [])
        self._deals.setStringList(deals)
        # The deal field follows the account: a deal of another account (the one selected
        # in the sidebar when Ctrl+N was pressed) must not be filed under this one. A name
        # the user typed that no account has is a new deal, and stays.
        typed = self.deal_edit.text().strip().casefold()
        if typed and typed not in {d.casefold() for d in deals} and self._known_deal(typed):
            self.deal_edit.clear()
        if len(deals) == 1:
            hint = f"Deal (optional): {deals[0]}"
        else:
            hint = f"Deal (optional): {len(deals)} on this account" if deals else "Deal (optional)"
        self.deal_edit.setPlaceholderText(hint)

    def _known_deal(self, name: str) -> bool:
        return any(name == d.casefold() for deals in self._deal_names.values() for d in deals)

    def accept(self) -> None:
        if not self.account_edit.text().strip():
            self.error.setText("Type the account you are calling.")
            self.error.show()
            self.account_edit.setFocus()
            return
        super().accept()

    @property
    def account(self) -> str:
        return self.account_edit.text().strip()

    @property
    def deal(self) -> str:
        return self.deal_edit.text().strip()

    @property
    def title(self) -> str:
        return " ".join(self.title_edit.text().split())
