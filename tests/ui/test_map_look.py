"""The map's look beyond the canvas: a light export from a dark screen, and a toolbar that
never folds into » at the window sizes the app allows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QToolButton

from sales_notebook.ui.stakeholder_map import look
from sales_notebook.ui.theme import DARK, LIGHT, Mode
from sales_notebook.ui.theme.tokens import luminance
from tests.ui import test_stakeholder_map

kestrel = test_stakeholder_map.kestrel  # the map's fixtures, shared
map_window = test_stakeholder_map.map_window


def _mean_luminance(image: QImage) -> float:
    samples = [
        luminance(image.pixelColor(x, y).name())
        for x in range(0, image.width(), 7)
        for y in range(0, image.height(), 7)
    ]
    return sum(samples) / len(samples)


def test_a_map_exported_from_the_dark_theme_is_light(map_window, qtbot, tmp_path) -> None:
    pane = map_window.map_pane
    map_window.theme.choose(Mode.DARK)
    try:
        assert pane.scene.backgroundBrush().color() == QColor(DARK.window)
        assert pane.export_to(tmp_path / "map.png")
        image = QImage(str(tmp_path / "map.png"))
        # Paper, not a screen: the canvas, the corners and most of the picture are light,
        # and the title is in the light theme's ink.
        for x, y in ((0, 0), (image.width() - 1, image.height() - 1)):
            assert image.pixelColor(x, y) == QColor(LIGHT.window)
        assert _mean_luminance(image) > 0.8
        title_band = {
            image.pixelColor(x, y).name()
            for x in range(0, image.width() // 2)
            for y in range(0, 80)
        }
        assert QColor(DARK.text).name() not in title_band
        assert any(luminance(c) < 0.1 for c in title_band)  # dark ink on the light band

        assert pane.export_to(tmp_path / "map.svg")
        svg = (tmp_path / "map.svg").read_text(encoding="utf-8").lower()
        assert LIGHT.window in svg and DARK.window not in svg

        # The screen stays dark: the export borrowed the light look only while it drew.
        assert look.is_dark() and QColor(DARK.window) == look.CANVAS
        assert pane.scene.backgroundBrush().color() == QColor(DARK.window)
        edge = pane.scene.edges[0]
        assert edge.pen().color() in (look.REPORTS_TO, look.INFLUENCES)
    finally:
        map_window.theme.choose(Mode.LIGHT)


def _fold_button(toolbar) -> QToolButton:
    found = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert found is not None
    return found


@pytest.mark.parametrize("mode", [Mode.LIGHT, Mode.DARK])
@pytest.mark.parametrize("width", [1440, 1024, 0])  # 0: as narrow as the window goes
def test_the_map_toolbar_never_folds_into_a_chevron(map_window, qtbot, mode, width) -> None:
    pane = map_window.map_pane
    map_window.theme.choose(mode)
    try:
        map_window.resize(width or map_window.minimumSizeHint().width(), 640)
        QApplication.processEvents()
        toolbar = pane.toolbar
        assert not _fold_button(toolbar).isVisible()
        for action in toolbar.actions():
            if action.isSeparator():
                continue
            button = toolbar.widgetForAction(action)
            assert button.isVisible(), action.text()
            assert toolbar.rect().contains(button.geometry()), action.text()
            # Named where it is not written: the tooltip says what it does and its key.
            assert action.toolTip() or action.text()
        # Every button works from where it is: zoom in by a click, the key does the same.
        zoom_in = toolbar.widgetForAction(pane.zoom_in_action)
        before = pane.view.transform().m11()
        qtbot.mouseClick(zoom_in, Qt.MouseButton.LeftButton)
        assert pane.view.transform().m11() > before
        pane.view.setFocus()
        fit = toolbar.widgetForAction(pane.fit_action)
        qtbot.mouseClick(fit, Qt.MouseButton.LeftButton)
        assert pane.view.transform().m11() <= before * 1.01
    finally:
        map_window.theme.choose(Mode.LIGHT)
