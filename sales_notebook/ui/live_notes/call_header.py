"""The line above a live call: who it is with, the timer, compact mode and end call."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from sales_notebook.ui import keys
from sales_notebook.ui.plain_tip import as_typed


def format_elapsed(seconds: int) -> str:
    """'12:34', or '1:02:03' past an hour."""
    hours, rest = divmod(max(seconds, 0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes:02}:{secs:02}"


class ElidedLabel(QLabel):
    """One line that ends in '…' when the room is short, instead of being cut mid-letter
    under the timer; the tooltip and full_text() keep all of it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)  # an account named "<h1>Big</h1>" as typed
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def full_text(self) -> str:
        return self._full

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(as_typed(text))
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        super().setText(
            self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        )


class CallHeader(QWidget):
    """Labels and buttons only; the pane connects them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = ElidedLabel(self)
        self.title.setObjectName("callTitle")
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.timer_label = QLabel("00:00", self)
        self.timer_label.setObjectName("callTimer")
        self.timer_label.setFont(timer_font(self.timer_label.font(), scale=1.25))
        # Shown only while the seller has hidden the watch-outs strip: the way back to it.
        self.watchouts_button = QPushButton(self)
        self.watchouts_button.setObjectName("watchOutsBack")
        self.watchouts_button.setToolTip("Show the watch-outs for this call again")
        self.watchouts_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.watchouts_button.hide()
        self.compact_button = QPushButton(f"Compact ({keys.hint('compact')})", self)
        self.compact_button.setObjectName("compactButton")
        self.compact_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.end_button = QPushButton(f"End call ({keys.hint('end_call')})", self)
        self.end_button.setObjectName("endCallButton")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.title, 1)
        row.addWidget(self.timer_label)
        row.addWidget(self.watchouts_button)
        row.addWidget(self.compact_button)
        row.addWidget(self.end_button)

    def offer_watchouts(self, count: int) -> None:
        """'Watch-outs (N)' after the strip was hidden; no button when count is 0."""
        self.watchouts_button.setText(f"Watch-outs ({count})")
        self.watchouts_button.setVisible(count > 0)


def timer_font(base: QFont, scale: float = 1.0, bold: bool = False) -> QFont:
    """The platform's fixed-width font at `base`'s size times `scale`, so the digits of the
    timer do not jitter. Not the "monospace" alias: only fontconfig (Linux) knows it."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(base.pointSizeF() * scale)
    font.setBold(bold or base.bold())
    return font
