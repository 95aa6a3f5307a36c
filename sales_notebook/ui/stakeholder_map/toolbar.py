"""The map's toolbar: icons with words when there is room, then words, then icons alone.

At 1024 px the map beside its coverage panel has about 460 px, and the nine buttons with
their words need about 730: Qt would fold the last ones behind a » button, where nobody
finds Export. Icons alone need about 320; each keeps its name and shortcut in its tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QToolBar, QToolButton, QWidget

from sales_notebook.ui.theme.controller import tokens_of
from sales_notebook.ui.theme.icons import icon

STYLES = (  # widest first: the first that fits is used
    Qt.ToolButtonStyle.ToolButtonTextBesideIcon,
    Qt.ToolButtonStyle.ToolButtonTextOnly,
    Qt.ToolButtonStyle.ToolButtonIconOnly,
)


class MapToolBar(QToolBar):
    """A toolbar whose actions each have an icon name (a key of theme.icons.NAMES)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapToolbar")
        self.setIconSize(QSize(18, 18))
        self.setToolButtonStyle(STYLES[0])
        self._icons: dict[QAction, str] = {}
        self._needs: list[int] | None = None  # the width each of STYLES needs

    def add(self, action: QAction, icon_name: str) -> QToolButton:
        """Add the action as a button with the icon; returns the button."""
        self._icons[action] = icon_name
        self.addAction(action)
        if not action.toolTip():
            action.setToolTip(action.text().rstrip("…"))
        action.setIcon(icon(icon_name, tokens_of(self.palette())))
        button = self.widgetForAction(action)
        assert isinstance(button, QToolButton)
        return button

    def _recolour(self) -> None:
        palette = tokens_of(self.palette())
        for action, name in self._icons.items():
            action.setIcon(icon(name, palette))
        self._needs = None

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_icons"):
            self._recolour()
            self._fit(self.width())
        elif event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._needs = None
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit(event.size().width())
        super().resizeEvent(event)

    def _fit(self, width: int) -> None:
        if self._needs is None:
            style = self.toolButtonStyle()
            self._needs = []
            for candidate in STYLES:
                self.setToolButtonStyle(candidate)
                self._needs.append(self.sizeHint().width())
            self.setToolButtonStyle(style)
        fits = [s for s, need in zip(STYLES, self._needs, strict=True) if need <= width]
        wanted = fits[0] if fits else STYLES[-1]
        if self.toolButtonStyle() != wanted:
            self.setToolButtonStyle(wanted)
