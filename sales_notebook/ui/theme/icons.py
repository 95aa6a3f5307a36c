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

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap

from sales_notebook.ui.theme.tokens import Palette

FONT_FILE = "phosphor-1.3.0.ttf"
CHARMAP_FILE = "phosphor-charmap-1.3.0.json"
SIZES = (16, 20, 24, 32, 48)

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


def _pixmap(glyph: str, family: str, size: int, colour: str) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(family)
    font.setPixelSize(round(size * 0.9))
    painter.setFont(font)
    painter.setPen(QColor(colour))
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, glyph)
    painter.end()
    return pixmap


def icon(name: str, palette: Palette, accent: bool = False) -> QIcon:
    """The icon for a meaning (a key of NAMES), in the muted or accent colour."""
    family, charmap = _font()
    glyph = chr(int(charmap[NAMES[name]], 16))
    made = QIcon()
    colour = palette.accent if accent else palette.muted
    for size in SIZES:
        made.addPixmap(_pixmap(glyph, family, size, colour), QIcon.Mode.Normal)
        made.addPixmap(_pixmap(glyph, family, size, palette.accent), QIcon.Mode.Active)
        made.addPixmap(_pixmap(glyph, family, size, palette.accent), QIcon.Mode.Selected)
        made.addPixmap(_pixmap(glyph, family, size, palette.border), QIcon.Mode.Disabled)
    return made
