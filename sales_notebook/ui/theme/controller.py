"""Which theme is on, and putting it on: the QPalette, the Fusion style, the style sheet and
the base font of the whole app. "System" follows the desktop's light or dark setting
(`QStyleHints.colorScheme`), live; the choice is remembered in the settings."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QMenu

from sales_notebook.ui.theme.style import NotebookStyle
from sales_notebook.ui.theme.stylesheet import stylesheet
from sales_notebook.ui.theme.tokens import BASE_POINTS, DARK, LIGHT, Mode, Palette

SETTING = "view/theme"
STYLE_SET = "salesNotebookStyle"  # an application property: our style is on
LABELS = {Mode.SYSTEM: "&System", Mode.LIGHT: "&Light", Mode.DARK: "&Dark"}


def qpalette(p: Palette) -> QPalette:
    """The QPalette of a theme: what Fusion and our own painting (chart, notes) read."""
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, p.window),
        (roles.WindowText, p.text),
        (roles.Base, p.surface),
        (roles.AlternateBase, p.surface_alt),
        (roles.Text, p.text),
        (roles.Button, p.surface),
        (roles.ButtonText, p.text),
        (roles.ToolTipBase, p.surface),
        (roles.ToolTipText, p.text),
        (roles.PlaceholderText, p.muted),
        (roles.Highlight, p.accent),
        (roles.HighlightedText, p.accent_text),
        (roles.Link, p.accent),
        (roles.Mid, p.border),
        (roles.Midlight, p.surface_alt),
        (roles.Dark, p.border),
        (roles.Light, p.surface),
        (roles.BrightText, p.danger),
    ):
        pal.setColor(role, QColor(value))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(p.muted))
    return pal


def tokens_of(palette: QPalette) -> Palette:
    """The theme's tokens behind a widget's QPalette (what a widget that paints reads)."""
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


class ThemeController(QObject):
    """`changed(palette)` once a theme is applied (panes that paint themselves redraw)."""

    changed = Signal(object)

    def __init__(self, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        value = str(settings.value(SETTING, Mode.SYSTEM.value))
        self.mode = Mode(value) if value in set(Mode) else Mode.SYSTEM
        self.palette = LIGHT
        self.actions: dict[Mode, QAction] = {}
        hints = QGuiApplication.styleHints()
        if hints is not None:
            hints.colorSchemeChanged.connect(self._system_changed)

    def apply(self) -> None:
        """Put the current theme on the whole application."""
        app = QApplication.instance()
        if not isinstance(app, QApplication):
            return
        dark = self.mode == Mode.DARK or (self.mode == Mode.SYSTEM and system_is_dark())
        self.palette = DARK if dark else LIGHT
        if app.property(STYLE_SET) is None:  # style() is the style sheet's wrapper later
            app.setStyle(NotebookStyle())
            app.setProperty(STYLE_SET, True)
        font = QFont(app.font())
        points = max(font.pointSizeF(), BASE_POINTS)
        if font.pointSizeF() != points:
            font.setPointSizeF(points)
            app.setFont(font)
        # Each of these re-polishes every widget of the app: only when something changed.
        palette = qpalette(self.palette)
        if app.palette() != palette:
            app.setPalette(palette)
        sheet = stylesheet(self.palette, points)
        if app.styleSheet() != sheet:
            app.setStyleSheet(sheet)
        from sales_notebook.ui.stakeholder_map import look

        look.use_dark(dark)
        self.changed.emit(self.palette)

    def choose(self, mode: Mode) -> None:
        """View ▸ Theme: apply and remember."""
        self.mode = mode
        self._settings.setValue(SETTING, mode.value)
        if mode in self.actions:
            self.actions[mode].setChecked(True)
        self.apply()

    def add_menu(self, parent: QMenu) -> QMenu:
        """A Theme submenu (System, Light, Dark), the current one ticked."""
        menu = parent.addMenu("&Theme")
        group = QActionGroup(menu)
        for mode in Mode:
            action = QAction(LABELS[mode], menu)
            action.setCheckable(True)
            action.setChecked(mode == self.mode)
            action.triggered.connect(lambda _=False, m=mode: self.choose(m))
            group.addAction(action)
            menu.addAction(action)
            self.actions[mode] = action
        return menu

    def _system_changed(self, _scheme: Qt.ColorScheme) -> None:
        if self.mode == Mode.SYSTEM:
            self.apply()
