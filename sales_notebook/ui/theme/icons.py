"""The app's icons: the Phosphor icon font (MIT), as shipped inside the QtAwesome wheel, drawn
in the theme's colours. One name per meaning, so a sign means one thing everywhere.

The font and its charmap are read straight from QtAwesome's package folder, without importing
qtawesome: its import pulls in QtPy, whose star-imports of every PySide6 module cost 1.2 s of
start-up on the development machine (measured with -X importtime) for eight icons.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from functools import cache
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QIconEngine, QPainter, QPixmap

from sales_notebook.ui.theme.tokens import Palette

FONT_FILE = "phosphor-1.3.0.ttf"
CHARMAP_FILE = "phosphor-charmap-1.3.0.json"

NAMES = {
    "map": "tree-structure",
    "live": "note-pencil",
    "review": "clipboard-text",
    "lessons": "lightbulb",
    "new-call": "phone-call",
    "end-call": "phone-x",
    "add": "plus",
    "search": "magnifying-glass",
    "export": "export",
    "edit": "pencil-simple",
    "fit": "frame-corners",
    "people": "users",
    "chart": "chart-bar",
    "warning": "warning",
    "account": "buildings",
    "deal": "briefcase",
    "move": "arrow-right",
    "merge": "git-merge",
    "keyboard": "keyboard",
    "light": "sun",
    "dark": "moon",
    "demo": "play",
    "add-person": "user-plus",
    "gap": "circle-dashed",
    "undo": "arrow-counter-clockwise",
    "redo": "arrow-clockwise",
    "zoom-in": "magnifying-glass-plus",
    "zoom-out": "magnifying-glass-minus",
}


def _fonts_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)  # a PyInstaller bundle carries only the font files
    if bundle is not None and (Path(bundle) / "qtawesome" / "fonts" / FONT_FILE).is_file():
        return Path(bundle) / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")  # finds the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("QtAwesome is not installed: it ships the icon font")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _font() -> tuple[str, dict[str, str]]:
    """The font family loaded into Qt, and the icon names to their code points."""
    folder = _fonts_dir()
    font_id = QFontDatabase.addApplicationFont(str(folder / FONT_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise RuntimeError(f"could not load the icon font {folder / FONT_FILE}")
    charmap = json.loads((folder / CHARMAP_FILE).read_text(encoding="utf-8"))
    return families[0], charmap


class _GlyphEngine(QIconEngine):
    """Paints the glyph at the size and in the mode asked for, when asked: a QIcon made of
    pixmaps painted up front cost 20 pixmaps per icon at start-up, most never shown."""

    def __init__(self, glyph: str, family: str, colours: dict[QIcon.Mode, str]) -> None:
        super().__init__()
        self._glyph, self._family, self._colours = glyph, family, colours
        self._cache: dict[tuple[int, int, QIcon.Mode, float], QPixmap] = {}

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        font = QFont(self._family)
        font.setPixelSize(max(1, round(min(rect.width(), rect.height()) * 0.9)))
        painter.setFont(font)
        painter.setPen(QColor(self._colours.get(mode, self._colours[QIcon.Mode.Normal])))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._glyph)
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        """Sharp on a high-DPI screen: painted at the device's pixels, not scaled up."""
        key = (size.width(), size.height(), mode, scale)
        if key not in self._cache:
            pixels = QSize(round(size.width() * scale), round(size.height() * scale))
            pixmap = QPixmap(pixels)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            self.paint(painter, QRect(QPoint(0, 0), pixels), mode, state)
            painter.end()
            pixmap.setDevicePixelRatio(scale)
            self._cache[key] = pixmap
        return self._cache[key]

    def clone(self) -> QIconEngine:
        return _GlyphEngine(self._glyph, self._family, self._colours)


def icon(name: str, palette: Palette, accent: bool = False) -> QIcon:
    """The icon for a meaning (a key of NAMES), in the muted or accent colour."""
    family, charmap = _font()
    glyph = chr(int(charmap[NAMES[name]], 16))
    colours = {
        QIcon.Mode.Normal: palette.accent if accent else palette.muted,
        QIcon.Mode.Active: palette.accent,
        QIcon.Mode.Selected: palette.accent,
        QIcon.Mode.Disabled: palette.border,
    }
    return QIcon(_GlyphEngine(glyph, family, colours))
