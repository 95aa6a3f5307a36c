"""The app's icons: Phosphor (MIT), shipped inside QtAwesome's wheel as a font, drawn in the
theme's colours. One name per meaning, so a sign means one thing everywhere."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from sales_notebook.ui.theme.tokens import Palette

NAMES = {
    "map": "ph.tree-structure",
    "live": "ph.note-pencil",
    "review": "ph.clipboard-text",
    "lessons": "ph.lightbulb",
    "new-call": "ph.phone-call",
    "end-call": "ph.phone-x",
    "add": "ph.plus",
    "search": "ph.magnifying-glass",
    "export": "ph.export",
    "edit": "ph.pencil-simple",
    "fit": "ph.frame-corners",
    "people": "ph.users",
    "chart": "ph.chart-bar",
    "warning": "ph.warning",
    "account": "ph.buildings",
    "deal": "ph.briefcase",
    "move": "ph.arrow-right",
    "merge": "ph.git-merge",
    "keyboard": "ph.keyboard",
    "light": "ph.sun",
    "dark": "ph.moon",
    "demo": "ph.play",
    "habit": "ph.arrows-clockwise",
    "lesson": "ph.book-open",
}


def icon(name: str, palette: Palette, accent: bool = False) -> QIcon:
    """The icon for a meaning (a key of NAMES), in the text or accent colour."""
    import qtawesome  # the fonts load on first use, after the window's first paint

    colour = palette.accent if accent else palette.muted
    made: QIcon = qtawesome.icon(
        NAMES[name], color=colour, color_active=palette.accent, color_disabled=palette.border
    )
    return made
