"""An unticked check box and radio button show on either theme's window: their outline has
a contrast of 3:1 or more against it (WCAG's rule for the parts of a control)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QRadioButton, QStyle, QVBoxLayout, QWidget

from sales_notebook.ui.theme import Mode, ThemeController
from sales_notebook.ui.theme.tokens import contrast


def _outline_contrast(widget: QCheckBox | QRadioButton, window: str) -> float:
    """The strongest contrast against the window within the indicator's columns (its text
    starts after them)."""
    metric = QStyle.PixelMetric.PM_IndicatorWidth
    if isinstance(widget, QRadioButton):
        metric = QStyle.PixelMetric.PM_ExclusiveIndicatorWidth
    width = widget.style().pixelMetric(metric, None, widget)
    image = widget.grab().toImage()
    ratio = image.width() / widget.width()
    return max(
        contrast(QColor(image.pixel(int(x * ratio), int(y * ratio))).name(), window)
        for x in range(width)
        for y in range(widget.height())
    )


@pytest.mark.parametrize("mode", [Mode.LIGHT, Mode.DARK])
def test_an_unticked_box_shows_on_the_window(qtbot, tmp_path, mode) -> None:
    from PySide6.QtCore import QSettings

    theme = ThemeController(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    theme.choose(mode)
    try:
        page = QWidget()
        qtbot.addWidget(page)
        column = QVBoxLayout(page)
        check, radio = QCheckBox("Missed the boss"), QRadioButton("Within my control")
        column.addWidget(check)
        column.addWidget(radio)
        page.show()
        qtbot.waitExposed(page)
        window = theme.palette.window
        assert _outline_contrast(check, window) >= 3.0
        assert _outline_contrast(radio, window) >= 3.0
    finally:
        theme.choose(Mode.LIGHT)
