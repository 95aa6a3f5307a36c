"""The search results as a table: one row per lesson or call-notes hit."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from sales_notebook.core.vocabulary import Outcome
from sales_notebook.store.search import MARK_END, MARK_START, SearchHit
from sales_notebook.ui.plain_tip import as_typed

HIT_ROLE = Qt.ItemDataRole.UserRole + 1
# The snippet as HTML with the matched words in bold, for the snippet delegate.
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("Title", "Root causes", "Account", "Date", "Found")
TITLE, CAUSES, ACCOUNT, DATE, SNIPPET = range(len(COLUMNS))

Index = QModelIndex | QPersistentModelIndex


def snippet_plain(snippet: str) -> str:
    """The snippet on one line without its match marks."""
    return " ".join(snippet.replace(MARK_START, "").replace(MARK_END, "").split())


def snippet_html(snippet: str) -> str:
    """The snippet on one line, escaped, with the matched words in bold."""
    text = html.escape(" ".join(snippet.split()))
    return text.replace(MARK_START, "<b>").replace(MARK_END, "</b>")


def outcome_label(outcome: str | None) -> str:
    """'No decision' for 'no_decision'; '' for none."""
    try:
        return Outcome(outcome).label if outcome else ""
    except ValueError:
        return outcome or ""


class ResultsModel(QAbstractTableModel):
    """Read-only rows of SearchHit; `set_hits` replaces them all, `add_hits` adds a page.

    The results come in pages: when the view scrolls to the end and `has_more` was set, the
    model emits `more_wanted` (Qt's fetchMore) and the pane asks for the next page.
    """

    more_wanted = Signal()

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._hits: list[SearchHit] = []
        self._cause_names: Mapping[str, str] = {}
        self._more = False

    def set_hits(
        self, hits: Sequence[SearchHit], cause_names: Mapping[str, str], has_more: bool = False
    ) -> None:
        """Show these hits; cause ids are shown by their (current) names."""
        self.beginResetModel()
        self._hits = list(hits)
        self._cause_names = dict(cause_names)
        self._more = has_more
        self.endResetModel()

    def add_hits(self, hits: Sequence[SearchHit], has_more: bool) -> None:
        """Append the next page."""
        self._more = has_more
        if hits:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(hits) - 1)
            self._hits += hits
            self.endInsertRows()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._more = False  # until the page arrives
            self.more_wanted.emit()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        column = index.column()
        if role == HIT_ROLE:
            return hit
        if role == SNIPPET_HTML_ROLE and column == SNIPPET:
            return snippet_html(hit.snippet)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(hit, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (TITLE, SNIPPET):
            kind = "Lesson" if hit.kind == "lesson" else "Call notes"
            outcome = outcome_label(hit.outcome)
            return as_typed(
                f"{kind}{' · ' + outcome if outcome else ''}\n{snippet_plain(hit.snippet)}"
            )
        return None

    def _display(self, hit: SearchHit, column: int) -> str | None:
        if column == TITLE:
            if hit.kind == "lesson":
                return hit.title or "Untitled lesson"
            return f"Notes: {hit.title}" if hit.title else "Call notes"
        if column == CAUSES:
            return ", ".join(self._cause_names.get(c, c) for c in hit.causes)
        if column == ACCOUNT:
            return hit.account_name
        if column == DATE:
            return hit.when.astimezone().strftime("%Y-%m-%d")
        if column == SNIPPET:
            return snippet_plain(hit.snippet)
        return None
