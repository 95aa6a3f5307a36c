"""The design system: tokens (palette, type scale, spacing), the app-wide style sheet, the
icon set, and the controller that puts a light or dark theme on the app."""

from sales_notebook.ui.theme.controller import ThemeController
from sales_notebook.ui.theme.tokens import DARK, LIGHT, Mode, Palette

__all__ = ["DARK", "LIGHT", "Mode", "Palette", "ThemeController"]
