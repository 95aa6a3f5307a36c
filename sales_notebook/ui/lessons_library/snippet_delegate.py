"""Paints a result's snippet with the matched words in bold, on one line, the first match in
view: when the words before it would push it out of a narrow column, they are cut to "…"."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetricsF,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from sales_notebook.ui.lessons_library.results_model import SNIPPET_HTML_ROLE

# The words kept before the first match take at most this share of the column.
LEAD_SHARE = 0.3
ELLIPSIS = "…"


def bring_match_into_view(markup: str, metrics: QFontMetricsF, width: float) -> str:
    """`markup` (escaped text, matches in <b>) with the text before the first match cut to
    its last words when it is wider than LEAD_SHARE of `width`."""
    start = markup.find("<b>")
    if start <= 0:
        return markup
    lead = html.unescape(markup[:start])
    room = width * LEAD_SHARE
    if metrics.horizontalAdvance(lead) <= room:
        return markup
    gap = lead[len(lead.rstrip()) :]  # the space between the lead and the match, if any
    kept: list[str] = []
    for word in reversed(lead.split()):
        if metrics.horizontalAdvance(ELLIPSIS + " ".join([word, *kept]) + gap) > room:
            break
        kept.insert(0, word)
    return ELLIPSIS + html.escape(" ".join(kept) + gap) + markup[start:]


class SnippetDelegate(QStyledItemDelegate):
    """Rich text for the snippet column; the selection colours follow the palette."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        markup = index.data(SNIPPET_HTML_ROLE)
        if not markup:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(2)
        doc.setHtml(bring_match_into_view(markup, QFontMetricsF(option.font), option.rect.width()))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        rect = option.rect
        height = doc.size().height()
        painter.translate(rect.left(), rect.top() + max(0.0, (rect.height() - height) / 2))
        painter.setClipRect(QRectF(0, 0, rect.width(), rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(min(size.width(), 600), size.height())
