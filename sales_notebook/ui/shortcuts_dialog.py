"""Help → Keyboard shortcuts (F1): every shortcut, read from the actions themselves.

The list is built from the QActions of the window and of each pane when it opens, so it
cannot drift from what the keys really do. A few keys that belong to a widget rather than an
action (the checklist's Space, the notes' @) are listed beside them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sales_notebook.ui import keys as platform_keys

Row = tuple[str, str]  # what it does, the keys

WIDGET_KEYS: dict[str, tuple[Row, ...]] = {
    "Window": (
        ("Next field, previous field", "Tab, Shift+Tab"),
        ("Close a dialog or a list without choosing", "Esc"),
        ("Press the underlined button or field", "Alt+letter"),
    ),
    "Accounts and deals": (("Rename the selected account or deal", "F2"),),
    "Stakeholder map": (("Edit the selected card", "Enter, F2"),),
    "Live notes": (
        ("Complete a stakeholder's name (Enter picks the highlighted one)", "@"),
        ("Qualification: unknown → partial → known", "Space"),
        ("Qualification: type the answer", "F2"),
    ),
    "Review": (
        ("Title of the call", "Alt+T"),
        ("Outcome: browse, then save the choice", "Alt+O, ↑ ↓, Enter"),
        ("Edit the notes; Esc when done", "Alt+E"),
        ("Move the call to another account or deal", "Alt+M"),
        ("Run the post-mortem", "Alt+P"),
    ),
    "Lessons": (
        ("Results", "Alt+R"),
        ("What keeps going wrong (the chart)", "Alt+K"),
        ("Chart: pick a bar, see its lessons", "↑ ↓, Enter"),
    ),
}


def _label(action: QAction) -> str:
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    return text.rstrip("…").strip() or action.toolTip().strip()


def widget_keys(group: str) -> tuple[Row, ...]:
    """The keys Qt's widgets give `group`; without the Alt+letter mnemonics on macOS, where
    they do nothing (ui/keys.py)."""
    rows = WIDGET_KEYS.get(group, ())
    if platform_keys.mnemonics_work():
        return rows
    return tuple(row for row in rows if not row[1].startswith("Alt+"))


def action_rows(owner: QObject, actions: Sequence[QAction] | None = None) -> list[Row]:
    """(label, keys) of the actions with a shortcut: `actions`, or all under `owner`."""
    found = list(actions) if actions is not None else owner.findChildren(QAction)
    rows: list[Row] = []
    for action in found:
        keys = ", ".join(
            s.toString(QKeySequence.SequenceFormat.NativeText)
            for s in action.shortcuts()
            if not s.isEmpty()
        )
        label = _label(action)
        if keys and label and (label, keys) not in rows:
            rows.append((label, keys))
    return rows


class ShortcutsDialog(QDialog):
    """A filterable list of the shortcuts, grouped by where they work."""

    def __init__(self, groups: Sequence[tuple[str, list[Row]]], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 620)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("shortcutsFilter")
        self.filter.setPlaceholderText("Filter: what it does, or a key")
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("shortcutsList")
        self.tree.setHeaderLabels(["Action", "Keys"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self._items: list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]] = []
        for group, rows in groups:
            if not rows and group not in WIDGET_KEYS:
                continue
            top = QTreeWidgetItem(self.tree, [group])
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            top.setFirstColumnSpanned(True)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            children = [
                QTreeWidgetItem(top, [label, keys]) for label, keys in [*rows, *widget_keys(group)]
            ]
            self._items.append((top, children))
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._filter)

    def _filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for group, rows in self._items:
            shown = 0
            for row in rows:
                hit = not needle or any(needle in row.text(c).casefold() for c in (0, 1))
                row.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """(group, action, keys) of the rows the filter shows."""
        return [
            (group.text(0), row.text(0), row.text(1))
            for group, rows in self._items
            if not group.isHidden()
            for row in rows
            if not row.isHidden()
        ]
