"""The sidebar's rows: the name, wrapped rather than cut, and under it a quiet status line
("Stalled · last call 3 days ago · 2 gaps") when the row has one."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from sales_notebook.core.deal_status import AT_RISK
from sales_notebook.ui.theme.controller import tokens_of

STATUS = Qt.ItemDataRole.UserRole + 10  # the status line's text
STAGE = Qt.ItemDataRole.UserRole + 11  # the stage alone (at-risk stages take the warning colour)
PAD_X, PAD_Y, GAP = 4, 4, 1
WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop

Index = QModelIndex | QPersistentModelIndex


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.9)
    return small


class StatusDelegate(QStyledItemDelegate):
    """Draws a row's name and status on as many lines as the width needs."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self._tree = tree

    def _text_width(self, option: QStyleOptionViewItem, index: Index) -> int:
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        if self._tree.rootIsDecorated():  # the top level leaves room for its arrows too
            depth += 1
        room = self._tree.viewport().width() - depth * self._tree.indentation()
        return max(40, room - 2 * PAD_X)

    def _blocks(
        self, option: QStyleOptionViewItem, index: Index, width: int
    ) -> list[tuple[QFont, str, QRect]]:
        name = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        blocks = [(option.font, name)]
        status = index.data(STATUS)
        if status:
            blocks.append((_small(option.font), str(status)))
        return [
            (font, text, QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), WRAP, text))
            for font, text in blocks
        ]

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        self.initStyleOption(option, index)
        width = self._text_width(option, index)
        blocks = self._blocks(option, index, width)
        height = sum(rect.height() for *_, rect in blocks) + GAP * (len(blocks) - 1)
        return QSize(width + 2 * PAD_X, height + 2 * PAD_Y)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        text_less = QStyleOptionViewItem(option)
        text_less.text = ""
        widget: QWidget | None = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_less, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Normal
        ink = option.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        tokens = tokens_of(option.palette)
        at_risk = index.data(STAGE) in AT_RISK
        quiet = ink if selected else QColor(tokens.warning if at_risk else tokens.muted)
        width = option.rect.width() - 2 * PAD_X
        top = option.rect.top() + PAD_Y
        painter.save()
        for n, (font, text, rect) in enumerate(self._blocks(option, index, width)):
            painter.setFont(font)
            painter.setPen(ink if n == 0 else quiet)
            box = QRect(option.rect.left() + PAD_X, top, width, rect.height())
            painter.drawText(box, WRAP, text)
            top += rect.height() + GAP
        painter.restore()


class WrappingTree(QTreeView):
    """A tree whose rows grow to fit their wrapped text when the sidebar is resized."""

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.scheduleDelayedItemsLayout()
