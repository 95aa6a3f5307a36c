"""Markers in the notes: stamped with the call's time, kept in place while the text changes.

Each marker holds a QTextCursor on its stamp; the document moves such cursors itself on every
edit, so positions stay right without work on the keystroke path. At each autosave the stamps
are checked against the text: a marker whose stamp was deleted is dropped, and comes back (with
a new row) if its stamp does, as after Ctrl+Z.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QTextCursor, QTextDocument

from sales_notebook.core.vocabulary import MarkerKind
from sales_notebook.store.live_call import MarkerPlace, MarkerRow
from sales_notebook.ui.plain_tip import as_typed

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
MARKER_KINDS = tuple(MarkerKind)  # Ctrl+1 ... Ctrl+9
MAX_DROPPED = 20  # deleted markers an undo can still bring back
NOTHING_CAPTURED = "(nothing yet: type it on this line)"


def stamp(kind: MarkerKind, elapsed_seconds: int) -> str:
    """'[+12:34 Objection]': the '+' says time into the call, so it cannot read as a clock
    time; minutes keep counting past an hour ('[+75:02 Risk]')."""
    minutes, seconds = divmod(max(elapsed_seconds, 0), 60)
    return f"[+{minutes:02}:{seconds:02} {kind.label}]"


def legacy_stamp(kind: MarkerKind, elapsed_seconds: int) -> str:
    """The stamp before the '+' ('[12:34 Objection]'), still in notes written then."""
    return stamp(kind, elapsed_seconds).replace("[+", "[", 1)


def offset_label(elapsed_seconds: int) -> str:
    """'+12:34' for lists of markers: minutes and seconds into the call."""
    minutes, seconds = divmod(max(elapsed_seconds, 0), 60)
    return f"+{minutes:02}:{seconds:02}"


_OTHER_STAMPS = re.compile(r"\[\+?\d{1,3}:\d\d [^\]]+\]")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+")


def captured_words(text: str, index: int, length: int) -> str:
    """What a marker stands for: the words after its stamp on its line; at the end of a line,
    the line it sits on; alone on its line, the next line with words."""
    after = index + length
    end = text.find("\n", after)
    words = text[after : end if end >= 0 else None]
    if not _OTHER_STAMPS.sub("", words).strip():
        start = text.rfind("\n", 0, index) + 1
        words = text[start:index]
    if not _OTHER_STAMPS.sub("", words).strip() and end >= 0:
        for line in text[end + 1 :].split("\n", 20)[:20]:
            if _OTHER_STAMPS.sub("", line).strip():
                words = line
                break
    words = _BULLET.sub("", _OTHER_STAMPS.sub("", words))
    return " ".join(words.split())[:120]


class Utf16Offsets:
    """Qt counts text positions in UTF-16 units, Python in code points: emoji differ."""

    def __init__(self, text: str) -> None:
        astral = [m.start() for m in _ASTRAL.finditer(text)]
        self._astral = astral
        self._astral16 = [index + k for k, index in enumerate(astral)]

    def to_index(self, position16: int) -> int:
        return position16 - bisect_left(self._astral16, position16)

    def to_utf16(self, index: int) -> int:
        return index + bisect_left(self._astral, index)


def _stamps_of(marker: LiveMarker) -> tuple[str, str]:
    return stamp(marker.kind, marker.elapsed_seconds), legacy_stamp(
        marker.kind, marker.elapsed_seconds
    )


def _stamp_at(text: str, index: int, marker: LiveMarker) -> int:
    """The length of the marker's own stamp at `index` (either form), 0 if not there."""
    for own in _stamps_of(marker):
        if text.startswith(own, index):
            return len(own)
    return 0


def _nearest_stamp(text: str, marker: LiveMarker, near: int, claimed: set[int]) -> int | None:
    """Where the marker's stamp occurs in the text, unclaimed, closest to `near`."""
    best: int | None = None
    for own in _stamps_of(marker):
        index = text.find(own)
        while index >= 0:
            if index not in claimed and (best is None or abs(index - near) < abs(best - near)):
                best = index
            index = text.find(own, index + 1)
    return best


class LiveMarker:
    """One marker of the call on screen; `id` is set once its row is written."""

    __slots__ = ("cursor", "elapsed_seconds", "id", "kind", "text")

    def __init__(self, kind: MarkerKind, elapsed_seconds: int, cursor: QTextCursor) -> None:
        self.id: int | None = None
        self.kind = kind
        self.elapsed_seconds = elapsed_seconds
        self.cursor = cursor
        self.text = ""

    @property
    def position(self) -> int:
        """Position in the document (UTF-16 units)."""
        return self.cursor.position()


@dataclass(frozen=True, eq=True)
class NotesSnapshot:
    """What one autosave writes: the text, and where the markers sit in it."""

    text: str
    places: tuple[tuple[LiveMarker, int, str], ...] = ()
    removed: tuple[LiveMarker, ...] = ()

    def marker_places(self) -> list[MarkerPlace]:
        """Read on the save thread, after the markers' rows were written (same thread)."""
        return [MarkerPlace(m.id, pos, text) for m, pos, text in self.places if m.id is not None]

    def removed_ids(self) -> list[int]:
        return [m.id for m in self.removed if m.id is not None]


class MarkersModel(QAbstractListModel):
    """The call's markers in text order, for the list beside the notes."""

    MarkerRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[LiveMarker] = []

    def set_rows(self, rows: list[LiveMarker]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        marker = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            line = f"{offset_label(marker.elapsed_seconds)}  {marker.kind.label}"
            # What the marker captured, as the seller types; said when it is nothing yet.
            return f"{line} — {marker.text or NOTHING_CAPTURED}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return as_typed(
                f"{marker.kind.label}, {offset_label(marker.elapsed_seconds)} into the call: "
                f"{marker.text or NOTHING_CAPTURED}"
            )
        if role == self.MarkerRole:
            return marker
        return None


class MarkerTracker(QObject):
    """The markers of the call being typed; `write` queues a row on the save thread."""

    changed = Signal()

    def __init__(
        self,
        document: QTextDocument,
        write: Callable[[LiveMarker, int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._write = write
        self._markers: list[LiveMarker] = []
        # Markers whose stamp was deleted, most recent last: an undo may bring the stamp back.
        self._dropped: list[LiveMarker] = []
        self.model = MarkersModel(self)

    @property
    def markers(self) -> list[LiveMarker]:
        return list(self._markers)

    def load(self, rows: list[MarkerRow], text: str) -> None:
        """Markers of a call reopened after a crash, at their saved places."""
        offsets = Utf16Offsets(text)
        self._markers = []
        end = self._document.characterCount() - 1
        for row in rows:
            cursor = QTextCursor(self._document)
            cursor.setPosition(min(offsets.to_utf16(row.position), end))
            marker = LiveMarker(row.kind, row.elapsed_seconds, cursor)
            marker.id, marker.text = row.id, row.text
            self._markers.append(marker)
        self._dropped = []
        self._publish()

    def clear(self) -> None:
        self._markers = []
        self._dropped = []
        self._publish()

    def insert(self, at: QTextCursor, kind: MarkerKind, elapsed_seconds: int) -> LiveMarker:
        """Type the stamp at the cursor (replacing a selection) and remember where it is."""
        at.beginEditBlock()
        at.removeSelectedText()
        start = at.position()
        # A stamp glued to the previous word would not read as one.
        before = self._document.characterAt(start - 1) if start > 0 else "\n"
        prefix = "" if before.isspace() else " "  # U+2029, the block separator, is a space
        at.insertText(prefix + stamp(kind, elapsed_seconds) + " ")
        at.endEditBlock()
        cursor = QTextCursor(self._document)
        cursor.setPosition(start + len(prefix))
        marker = LiveMarker(kind, elapsed_seconds, cursor)
        self._markers.append(marker)
        self._write(marker, Utf16Offsets(self._document.toPlainText()).to_index(cursor.position()))
        self._publish()
        return marker

    def snapshot(self, text: str) -> NotesSnapshot:
        """The text with each marker's place (code points) and the words after its stamp."""
        offsets = Utf16Offsets(text)
        found: dict[int, int] = {}  # id(marker) -> index of its stamp
        claimed: set[int] = set()
        lost: list[LiveMarker] = []
        for marker in self._markers:
            index = offsets.to_index(marker.position)
            # Its own stamp, not any: deleting one of two adjacent stamps leaves the deleted
            # marker's cursor on its neighbour's.
            if index in claimed or not _stamp_at(text, index, marker):
                lost.append(marker)
            else:
                claimed.add(index)
                found[id(marker)] = index
        # A deletion then an undo puts the stamp back but leaves the cursor after it.
        for marker in lost:
            near = offsets.to_index(marker.position)
            moved = _nearest_stamp(text, marker, near, claimed)
            if moved is not None:
                claimed.add(moved)
                found[id(marker)] = moved
                marker.cursor.setPosition(offsets.to_utf16(moved))
        changed = False
        kept: list[LiveMarker] = []
        removed: list[LiveMarker] = []
        for marker in self._markers:
            if id(marker) in found:
                kept.append(marker)
            else:
                removed.append(marker)
                changed = True
        # Dropped before this autosave: its row is gone, so one that is back gets a new row.
        # A new object, as the save thread may still read the old one's id to delete it.
        for old in list(self._dropped):
            back = _nearest_stamp(text, old, offsets.to_index(old.position), claimed)
            if back is not None:
                claimed.add(back)
                self._dropped.remove(old)
                cursor = QTextCursor(self._document)
                cursor.setPosition(offsets.to_utf16(back))
                marker = LiveMarker(old.kind, old.elapsed_seconds, cursor)
                self._write(marker, back)
                found[id(marker)] = back
                kept.append(marker)
                changed = True
        self._dropped = (self._dropped + removed)[-MAX_DROPPED:]
        places: list[tuple[LiveMarker, int, str]] = []
        for marker in kept:
            index = found[id(marker)]
            words = captured_words(text, index, _stamp_at(text, index, marker))
            if words != marker.text:
                marker.text = words
                changed = True
            places.append((marker, index, words))
        self._markers = kept
        if changed:
            self._publish()
        return NotesSnapshot(text, tuple(places), tuple(removed))

    def _publish(self) -> None:
        self.model.set_rows(sorted(self._markers, key=lambda m: m.position))
        self.changed.emit()
