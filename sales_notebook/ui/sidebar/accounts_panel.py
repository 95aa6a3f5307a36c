"""The sidebar: accounts and their deals, a filter box, add / rename / delete. Under each
deal (and each account without deals) a quiet line says where it stands: its stage, its
latest call and its open coverage gaps."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.core.deal_status import DealStatus
from sales_notebook.store.accounts import AccountsService
from sales_notebook.store.deal_status import DealStatusService
from sales_notebook.store.errors import KnownError
from sales_notebook.ui import keys
from sales_notebook.ui.plain_tip import as_typed
from sales_notebook.ui.sidebar.status_delegate import STAGE, STATUS, StatusDelegate, WrappingTree

ACCOUNT_ID = Qt.ItemDataRole.UserRole + 1
DEAL_ID = Qt.ItemDataRole.UserRole + 2


class AccountsPanel(QWidget):
    """Emits selection_changed(account_id | None, deal_id | None)."""

    selection_changed = Signal(object, object)
    renamed = Signal()  # an account or a deal: the panes say its new name

    def __init__(
        self,
        accounts: AccountsService,
        parent: QWidget | None = None,
        status: DealStatusService | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("accountsPanel")
        self._accounts = accounts
        self._status_service = status
        self._status: dict[tuple[int, int | None], DealStatus] = {}
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        # "kes" finds Kestrel Logistics with its deals, so the deal can be picked from there.
        self.proxy.setAutoAcceptChildRows(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter = QLineEdit(self)
        self.filter.setObjectName("accountsFilter")
        self.filter.setPlaceholderText("Filter accounts and deals")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.installEventFilter(self)  # Esc clears it

        self.tree = WrappingTree(self)
        self.tree.setObjectName("accountsTree")
        self.tree.setItemDelegate(StatusDelegate(self.tree))
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)

        self.add_account_action = self._action("New account…", "Ctrl+Shift+N", self.add_account)
        self.add_deal_action = self._action("New deal…", "Ctrl+Shift+D", self.add_deal)
        self.rename_action = self._action("Rename…", "F2", self.rename_selected)
        self.delete_action = self._action(
            "Delete…", QKeySequence.StandardKey.Delete, self.delete_selected
        )
        for action in (
            self.add_account_action,
            self.add_deal_action,
            self.rename_action,
            self.delete_action,
        ):
            self.tree.addAction(action)

        buttons = QHBoxLayout()
        for action in (self.add_account_action, self.add_deal_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            buttons.addWidget(button)
        buttons.addStretch(1)
        # Where the tree would be, when it has nothing to show: what to do instead.
        self.hint = QLabel(self)
        self.hint.setObjectName("accountsHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.hint.setContentsMargins(4, 8, 4, 8)
        self.hint.setProperty("role", "muted")  # the theme's quiet colour
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 2, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.hint)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.filter.text()
        ):
            self.filter.clear()
            return True
        return super().eventFilter(watched, event)

    def _action(self, text: str, shortcut: object, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))  # type: ignore[call-overload]
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def reload(self, select: tuple[int | None, int | None] | None = None) -> None:
        """Re-read accounts; keep (or move to) the given selection."""
        keep = select or self.selected()
        self.model.clear()
        for row in self._accounts.all():
            item = QStandardItem(row.name)
            item.setData(row.id, ACCOUNT_ID)
            for deal in row.deals:
                child = QStandardItem(deal.name)
                child.setData(row.id, ACCOUNT_ID)
                child.setData(deal.id, DEAL_ID)
                item.appendRow(child)
            self.model.appendRow(item)
        self._show_status()
        self.tree.expandAll()
        if keep[0] is not None:
            self.select(*keep)
        self._show_hint()

    def refresh_status(self) -> None:
        """Read every deal's stage, latest call and gaps again (after a call, a move, an edit
        of the map), and show them."""
        if self._status_service is None:
            return
        self._status = self._status_service.all()
        self._show_status()

    def _show_status(self) -> None:
        today = date.today()
        for r in range(self.model.rowCount()):
            account = self.model.item(r)
            rows = [account] + [account.child(c) for c in range(account.rowCount())]
            for item in rows:
                key = (item.data(ACCOUNT_ID), item.data(DEAL_ID))
                status = self._status.get(key)
                if status is None:
                    item.setData(None, STATUS)
                    item.setData(None, STAGE)
                    item.setToolTip(as_typed(item.text()))
                    continue
                line = status.line(today)
                item.setData(line, STATUS)
                item.setData(status.stage, STAGE)
                gaps = "".join(f"\n• {gap}" for gap in status.gaps)
                item.setToolTip(as_typed(f"{item.text()}\n{line}{gaps}"))
        self.tree.scheduleDelayedItemsLayout()  # the rows grow or shrink with their line

    def _show_hint(self) -> None:
        if self.model.rowCount() == 0:
            self.hint.setText(
                f"No accounts yet. Press {keys.hint('new_call')} to start a call: the account "
                "you name is added here. Or add one with New account."
            )
        elif self.proxy.rowCount() == 0:
            self.hint.setText(
                f"No account or deal matches \u201c{self.filter.text()}\u201d. "
                "Esc clears the filter."
            )
        self.hint.setVisible(self.proxy.rowCount() == 0)

    def select(self, account_id: int | None, deal_id: int | None = None) -> None:
        """Select an account, or one of its deals."""
        for r in range(self.model.rowCount()):
            item = self.model.item(r)
            if item.data(ACCOUNT_ID) != account_id:
                continue
            target = item
            for c in range(item.rowCount()):
                if deal_id is not None and item.child(c).data(DEAL_ID) == deal_id:
                    target = item.child(c)
            self.tree.setCurrentIndex(self.proxy.mapFromSource(target.index()))
            return

    def selected(self) -> tuple[int | None, int | None]:
        """(account id, deal id) of the current row."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return None, None
        return index.data(ACCOUNT_ID), index.data(DEAL_ID)

    def selected_names(self) -> tuple[str, str]:
        """(account name, deal name) of the current row, for pre-filling the New call dialog."""
        index = self.tree.currentIndex()
        if not index.isValid():
            return "", ""
        if index.data(DEAL_ID) is None:
            return index.data(), ""
        return index.parent().data(), index.data()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.selection_changed.emit(*self.selected())

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()
        self._show_hint()

    def _ask(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, text)
        return value if ok else None

    def _try(self, what: str, fn: object) -> object:
        try:
            return fn()  # type: ignore[operator]
        except KnownError as exc:
            QMessageBox.warning(self, what, str(exc))
            return None

    def add_account(self) -> None:
        name = self._ask("New account", "Account name:")
        if name is None:
            return
        new_id = self._try("New account", lambda: self._accounts.add(name))
        if isinstance(new_id, int):
            self.reload(select=(new_id, None))

    def add_deal(self) -> None:
        account_id, _ = self.selected()
        if account_id is None:
            QMessageBox.information(self, "New deal", "Select the account the deal belongs to.")
            return
        name = self._ask("New deal", "Deal name:")
        if name is None:
            return
        new_id = self._try("New deal", lambda: self._accounts.add_deal(account_id, name))
        if isinstance(new_id, int):
            self.reload(select=(account_id, new_id))

    def rename_selected(self) -> None:
        account_id, deal_id = self.selected()
        if account_id is None:
            return
        current = self.tree.currentIndex().data()
        name = self._ask("Rename", "New name:", current)
        if name is None:
            return
        if deal_id is None:
            self._try("Rename", lambda: self._accounts.rename(account_id, name))
        else:
            self._try("Rename", lambda: self._accounts.rename_deal(deal_id, name))
        self.reload()
        self.renamed.emit()

    def delete_selected(self) -> None:
        account_id, deal_id = self.selected()
        if account_id is None:
            return
        name = self.tree.currentIndex().data()
        if deal_id is None:
            question = f"Delete the account “{name}” with its deals, people, calls and notes?"
        else:
            question = f"Delete the deal “{name}”? Its calls stay on the account."
        answer = QMessageBox.question(
            self,
            "Delete",
            question + "\n\nThis cannot be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if deal_id is None:
            self._try("Delete", lambda: self._accounts.delete(account_id))
            self.reload(select=(None, None))
        else:
            self._try("Delete", lambda: self._accounts.delete_deal(deal_id))
            self.reload(select=(account_id, None))
        self.selection_changed.emit(*self.selected())
