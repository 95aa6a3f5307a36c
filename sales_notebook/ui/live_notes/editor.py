"""The notes editor: a plain-text Markdown editor built for typing fast."""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QKeyCombination, QMimeData, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from sales_notebook.store.calls import MAX_NOTES_CHARS
from sales_notebook.ui import keys
from sales_notebook.ui.live_notes.mentions import POPUP_KEYS, MentionCompleter, utf16_len
from sales_notebook.ui.theme.controller import tokens_of
from sales_notebook.ui.theme.tokens import LIGHT, Palette


def _format(color: str | None = None, bold: bool = False, italic: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color:
        fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Light highlighting, one regex pass per line, so long notes stay fast. The colours are
    the theme's syntax tokens, each readable (4.5:1 or more) on the editor's surface."""

    PATTERNS = (
        (re.compile(r"^#{1,6} .*$"), "syntax_heading", True, False),
        (re.compile(r"^\s*(?:[-*+]|\d+\.)\s"), "syntax_list", True, False),
        (re.compile(r"\*\*[^*\n]+\*\*"), None, True, False),
        (re.compile(r"(?<!\*)\*[^*\n]+\*(?!\*)"), None, False, True),
        (re.compile(r"`[^`\n]+`"), "syntax_code", False, False),
        (re.compile(r"\[\+?\d{1,3}:\d\d [^\]]+\]"), "syntax_marker", True, False),
    )

    def __init__(self, document: QTextDocument, palette: Palette = LIGHT) -> None:
        super().__init__(document)
        self._mentions: re.Pattern[str] | None = None
        self.set_palette(palette, rehighlight=False)

    def set_palette(self, palette: Palette, rehighlight: bool = True) -> None:
        """Take a theme's colours (the editor calls this when the theme changes)."""
        self.palette = palette
        self.rules = [
            (pattern, _format(getattr(palette, token) if token else None, bold, italic))
            for pattern, token, bold, italic in self.PATTERNS
        ]
        self.mention = _format(palette.syntax_mention)
        if rehighlight:
            self.rehighlight()

    def set_mentions(self, pattern: re.Pattern[str] | None) -> None:
        """Colour as mentions only what counts as one (MentionNames), all notes anew."""
        self._mentions = pattern
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        # Qt counts a line in UTF-16 units: an emoji before a match is two of them.
        at = (lambda i: i) if text.isascii() else (lambda i: utf16_len(text[:i]))
        for pattern, fmt in self.rules:
            for match in pattern.finditer(text):
                self.setFormat(at(match.start()), at(match.end()) - at(match.start()), fmt)
        if self._mentions is not None and "@" in text:
            for match in self._mentions.finditer(text):
                start, end = at(match.start()), at(match.end())
                self.setFormat(start, end - start, self.mention)


# A key held with these is a shortcut (Ctrl+E ends the call), not text, even at the size limit.
SHORTCUT_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class NotesEditor(QPlainTextEdit):
    """Emits focus_lost so autosave can flush; refuses pastes that would exceed the size limit."""

    focus_lost = Signal()
    pasted = Signal(str)  # the text a paste (or a drop) inserted
    refused_input = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesEditor")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        font.setPointSizeF(max(font.pointSizeF(), 11.0))
        self.setFont(font)
        self.setTabChangesFocus(False)
        self.setPlaceholderText(
            "Type your notes. Markdown works: # heading, - bullet, **bold**.\n"
            f"{keys.hint('end_call')} ends the call."
        )
        self._highlighter = MarkdownHighlighter(self.document(), tokens_of(self.palette()))
        self._reserved: set[QKeyCombination] = set()
        self._mentions: MentionCompleter | None = None
        self._told_full = False

    def set_mentions(self, mentions: MentionCompleter) -> None:
        """Complete `@` names while typing, and colour those that count as mentions."""
        self._mentions = mentions
        mentions.names_changed.connect(
            lambda: self._highlighter.set_mentions(mentions.names.pattern)
        )
        self._highlighter.set_mentions(mentions.names.pattern)

    def reserve_shortcuts(self, sequences: Iterable[QKeySequence]) -> None:
        """Let these window shortcuts win over the editor's own bindings (Ctrl+E is
        end-of-line on X11), so ending a call works while typing."""
        self._reserved.update(seq[0] for seq in sequences if not seq.isEmpty())  # type: ignore[index]

    def changeEvent(self, event: QEvent) -> None:
        highlighter = getattr(self, "_highlighter", None)  # None while being built
        if event.type() == QEvent.Type.PaletteChange and highlighter is not None:
            palette = tokens_of(self.palette())
            if palette is not highlighter.palette:  # the theme changed
                highlighter.set_palette(palette)
        super().changeEvent(event)

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.keyCombination() in self._reserved
        ):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mentions = self._mentions
        if (
            mentions is not None
            and mentions.popup_visible()
            and event.key() in POPUP_KEYS
            and mentions.takes_key(event)  # else Return is a new line, the popup or not
        ):
            event.ignore()  # the completer's popup picks (or closes) on these
            return
        typed = "" if event.modifiers() & SHORTCUT_MODIFIERS else event.text()
        if typed and (typed.isprintable() or typed in "\r\n\t") and self._full_with(len(typed)):
            # At the limit, a key would only make notes that cannot be saved: refuse it, and
            # say so once (not a box per key) until the notes are shorter again.
            if not self._told_full:
                self._told_full = True
                self.refused_input.emit(
                    f"These notes have reached {MAX_NOTES_CHARS:,} characters, the most one call "
                    "can hold, so what you type is not added. Everything up to here is saved; "
                    f"end the call ({keys.hint('end_call')}) and start a new one to go on."
                )
            return
        self._told_full = False
        super().keyPressEvent(event)
        if mentions is not None and event.text():
            mentions.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_lost.emit()

    def _full_with(self, incoming: int) -> bool:
        selected = len(self.textCursor().selectedText())
        # characterCount() is O(1) and counts the closing paragraph separator too.
        return self.document().characterCount() - 1 - selected + incoming > MAX_NOTES_CHARS

    def insertFromMimeData(self, source: QMimeData) -> None:
        refused = paste_refused(self, source)
        if refused is not None:
            self.refused_input.emit(refused)
            return
        super().insertFromMimeData(source)
        if source.hasText():
            self.pasted.emit(source.text())


def paste_refused(
    edit: QPlainTextEdit,
    source: QMimeData,
    limit: int = MAX_NOTES_CHARS,
    what: tuple[str, str] = ("these notes", "Your notes are"),
) -> str | None:
    """Why a paste (or a drop) of `source` into `edit` is refused: it would make the text
    longer than `limit`, which its save would refuse. None: it may go in. `what` names the
    text in the message ("these notes", and "Your notes are" unchanged)."""
    incoming = len(source.text()) if source.hasText() else 0
    selected = len(edit.textCursor().selectedText())
    if edit.document().characterCount() - selected + incoming <= limit:
        return None
    return (
        f"That paste ({incoming:,} characters) would make {what[0]} longer than "
        f"{limit:,} characters, so it was not inserted. {what[1]} unchanged."
    )
