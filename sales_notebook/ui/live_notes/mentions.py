"""`@` in the notes completes a stakeholder's name; picking one counts them as engaged."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QPlainTextEdit

from sales_notebook.store.attendance import PersonRow

PERSON_ID = Qt.ItemDataRole.UserRole + 1
NAME = Qt.ItemDataRole.UserRole + 2
# What follows the '@' being typed: a first name, and perhaps the start of a last name.
_TYPED = re.compile(r"(?:^|[\s(])@([^\s@\[\]]{0,40}(?: [^\s@\[\]]{0,40})?)$")
POPUP_KEYS = (
    Qt.Key.Key_Enter,
    Qt.Key.Key_Return,
    Qt.Key.Key_Escape,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class MentionCompleter(QObject):
    """A QCompleter popup on the notes editor, fed with the account's people."""

    mentioned = Signal(int)  # stakeholder id

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._prefix = ""
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(editor)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # "@Ra" should offer Raj before Fitzgerald: names (first or last) starting with it.
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer.activated[QModelIndex].connect(self._insert)  # type: ignore[index]

    def set_people(self, people: Sequence[PersonRow]) -> None:
        self.model.clear()
        # One entry per name and one per surname first ("Mehta, Raj" inserts "Raj Mehta").
        entries = [(person.name, person) for person in people]
        for person in people:
            first, _, rest = person.name.partition(" ")
            if rest:
                entries.append((f"{rest}, {first}", person))
        for shown, person in sorted(entries, key=lambda entry: entry[0].casefold()):
            item = QStandardItem(shown)
            item.setData(person.id, PERSON_ID)
            item.setData(person.name, NAME)
            item.setToolTip(person.label)
            self.model.appendRow(item)

    @property
    def popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a QCompleter always makes one
        return popup

    def popup_visible(self) -> bool:
        return self.popup.isVisible()

    def update(self) -> None:
        """After each typed key: open, narrow or close the popup (cheap when no '@' is near)."""
        cursor = self._editor.textCursor()
        if "@" not in cursor.block().text() or not self.model.rowCount():
            self._hide()
            return
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
        typed = _TYPED.search(cursor.selectedText())
        if typed is None:
            self._hide()
            return
        self._prefix = typed.group(1)
        self.completer.setCompletionPrefix(self._prefix)
        if self.completer.completionCount() == 0:
            self._hide()
            return
        popup = self.popup
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self._editor.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width() + 8)
        self.completer.complete(rect)

    def _hide(self) -> None:
        if self.popup_visible():
            self.popup.hide()

    def _insert(self, index: QModelIndex) -> None:
        name = str(index.data(NAME))
        person_id = index.data(PERSON_ID)
        cursor = self._editor.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left,
            QTextCursor.MoveMode.KeepAnchor,
            utf16_len(self._prefix),
        )
        cursor.insertText(name)
        self._editor.setTextCursor(cursor)
        self._hide()
        if person_id is not None:
            self.mentioned.emit(int(person_id))
