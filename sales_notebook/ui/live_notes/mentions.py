"""`@` in the notes completes a stakeholder's name; a mention counts them as engaged.

A mention counts whether it was picked from the popup or typed in full. Typed, `@` followed
by (case aside) exactly one person's full name ("@grace liu"), or by a first name that only
one person on the account has ("@Grace" while there is no other Grace, and no one named just
"Grace"), once the name has ended: a space, punctuation or a new line typed after it, or
the cursor moved away. (At "@Grace" the cursor may still go on to "@Gracie".) The same rule
(one regex, `MentionNames`) decides what the highlighter colours as a mention, so blue text
is always a recorded mention and the other way round.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QCompleter, QPlainTextEdit

from sales_notebook.store.attendance import PersonRow
from sales_notebook.ui.plain_tip import as_typed

PERSON_ID = Qt.ItemDataRole.UserRole + 1
NAME = Qt.ItemDataRole.UserRole + 2
# A name goes on while these follow; anything else ends it (a space, punctuation, a new line).
NAME_CHARS = r"\w'’-"
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


class MentionNames:
    """Which `@…` text names whom: unique full names and unique first names, any case."""

    def __init__(self, people: Sequence[PersonRow] = ()) -> None:
        by_full: dict[str, list[int]] = {}
        by_first: dict[str, list[int]] = {}
        for person in people:
            full = " ".join(person.name.split()).lower()
            if full:
                by_full.setdefault(full, []).append(person.id)
                by_first.setdefault(full.split(" ")[0], []).append(person.id)
        self._ids = {name: ids[0] for name, ids in by_full.items() if len(ids) == 1}
        for first, ids in by_first.items():
            if len(ids) == 1 and first not in by_full:
                self._ids[first] = ids[0]
        self.longest = max(map(len, self._ids), default=0)
        self.pattern: re.Pattern[str] | None = None
        self._ending: re.Pattern[str] | None = None
        if self._ids:
            # Longest first, so "@Grace Liu" is Grace Liu and not "@Grace" and some text.
            names = "|".join(map(re.escape, sorted(self._ids, key=len, reverse=True)))
            mention = rf"(?<![^\s(])@({names})(?![{NAME_CHARS}])"
            self.pattern = re.compile(mention, re.IGNORECASE)
            self._ending = re.compile(mention + r"\Z", re.IGNORECASE)

    def person(self, match: re.Match[str]) -> int | None:
        name = match.group(1).lower()
        found = self._ids.get(name)
        if found is None:  # a case that lower() and IGNORECASE fold differently
            found = next(
                (pid for key, pid in self._ids.items() if re.fullmatch(re.escape(key), name, re.I)),
                None,
            )
        return found

    def at(self, text: str, start: int) -> tuple[int, int] | None:
        """(person id, end) of the mention whose '@' is at text[start], if it is one."""
        if self.pattern is None:
            return None
        match = self.pattern.match(text, start)
        if match is None:
            return None
        person = self.person(match)
        return None if person is None else (person, match.end())

    def ending(self, text: str) -> tuple[int, int] | None:
        """(person id, start) of a mention that text ends with, were the name to end there."""
        if self._ending is None:
            return None
        match = self._ending.search(text, max(0, len(text) - self.longest - 1))
        if match is None:
            return None
        person = self.person(match)
        return None if person is None else (person, match.start())


class MentionCompleter(QObject):
    """A QCompleter popup on the notes editor, fed with the account's people."""

    mentioned = Signal(int)  # stakeholder id
    names_changed = Signal()  # the highlighter colours `names` anew

    def __init__(self, editor: QPlainTextEdit) -> None:
        super().__init__(editor)
        self._editor = editor
        self._prefix = ""
        self.names = MentionNames()
        # A typed mention the cursor is still at the end of (person, '@' position, end
        # position): it counts once the name ends, see settle().
        self._pending: tuple[int, int, int] | None = None
        self._counted: tuple[int, int] | None = None  # ('@' position, person) last counted
        self.model = QStandardItemModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setWidget(editor)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # "@Ra" should offer Raj before Fitzgerald: names (first or last) starting with it.
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer.activated[QModelIndex].connect(self._insert)  # type: ignore[index]
        editor.cursorPositionChanged.connect(self.settle)

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
            item.setToolTip(as_typed(person.label))
            self.model.appendRow(item)
        self.names = MentionNames(people)
        self._pending = self._counted = None
        self.names_changed.emit()

    @property
    def popup(self) -> QAbstractItemView:
        popup = self.completer.popup()
        assert popup is not None  # a QCompleter always makes one
        return popup

    def popup_visible(self) -> bool:
        return self.popup.isVisible()

    def takes_key(self, event: QKeyEvent) -> bool:
        """Whether a key the open popup could take is its to take. Return picks the
        highlighted name, as in Slack or Notion ("@Mar" + Return is "@Maria Lopez"), unless
        that exact name is already typed in full: then there is nothing to pick, and Return
        is the new line the seller meant."""
        if event.key() not in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return True
        current = self.popup.currentIndex()
        if not current.isValid():
            return False
        typed = " ".join(self._prefix.split()).casefold()
        whole = " ".join(str(current.data(NAME)).split()).casefold()
        return self._pending is None or typed != whole

    def settle(self, final: bool = False) -> None:
        """Count a typed mention once its name has ended (on every cursor move: cheap);
        `final` (the call is ending) counts one still under the cursor too."""
        pending = self._pending
        if pending is None:
            return
        cursor = self._editor.textCursor()
        person, start, end = pending
        if not final and cursor.position() == end and not cursor.hasSelection():
            return  # still typing at the end of it: "@Tom" may yet become "@Tommy"
        self._pending = None
        block = self._editor.document().findBlock(start)
        text = block.text()
        offset = _index(text, start - block.position())
        found = self.names.at(text, offset)
        if found is None or found[0] != person:
            return  # edited away: what is there now is not that mention
        if _index(text, end - block.position()) != found[1]:
            return
        self._count(start, person)

    def count_in(self, text: str) -> None:
        """Count the mentions in pasted text (each person once), as if typed."""
        pattern = self.names.pattern
        if pattern is None or "@" not in text:
            return
        found = {self.names.person(match) for match in pattern.finditer(text)}
        for person in sorted(p for p in found if p is not None):
            self.mentioned.emit(person)

    def _count(self, start: int, person: int) -> None:
        if self._counted != (start, person):  # "@Grace" then "@Grace Liu": once
            self._counted = (start, person)
            self.mentioned.emit(person)

    def update(self) -> None:
        """After each typed key: open, narrow or close the popup (cheap when no '@' is near)."""
        cursor = self._editor.textCursor()
        position = cursor.position()
        if "@" not in cursor.block().text():
            self._pending = None
            self._hide()
            return
        cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor)
        before = cursor.selectedText()
        self._pending = None
        ending = self.names.ending(before)
        if ending is not None:
            person, start = ending
            block_start = cursor.block().position()
            self._pending = (person, block_start + utf16_len(before[:start]), position)
        typed = _TYPED.search(before) if self.model.rowCount() else None
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
        self._pending = None  # picked: counted here, not as typed
        cursor.insertText(name)
        self._editor.setTextCursor(cursor)
        self._hide()
        if person_id is not None:
            self._count(cursor.position() - utf16_len(name) - 1, int(person_id))


def _index(text: str, utf16_offset: int) -> int:
    """The str index of a position Qt counts in UTF-16 units within text."""
    if text.isascii():
        return utf16_offset
    return len(text.encode("utf-16-le")[: 2 * utf16_offset].decode("utf-16-le", "ignore"))
