"""The map as a picture: PNG at twice screen resolution (sharp on a projector) or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from sales_notebook.ui.stakeholder_map import look
from sales_notebook.ui.stakeholder_map.scene import MapScene

PNG_SCALE = 2.0


def export_map(scene: MapScene, path: Path, title: str) -> None:
    """Write the whole map (not just the visible part) to `path`; the suffix picks the format.

    Raises OSError when the file cannot be written.
    """
    source = scene.map_rect()
    selected = scene.selectedItems()
    focus = scene.focusItem()
    scene.clearSelection()  # the selection ring is for the screen, not the slide
    scene.clearFocus()
    try:
        if path.suffix.lower() == ".svg":
            _svg(scene, source, path, title)
        else:
            _png(scene, source, path)
    finally:
        for item in selected:
            item.setSelected(True)
        if focus is not None:
            scene.setFocusItem(focus)


def _png(scene: MapScene, source: QRectF, path: Path) -> None:
    size = QSize(round(source.width() * PNG_SCALE), round(source.height() * PNG_SCALE))
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(look.CANVAS)
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, size.width(), size.height()), source)
    painter.end()
    if not image.save(str(path), "PNG"):  # type: ignore[call-overload]  # stubs want bytes
        raise OSError(f"could not write {path}")


def _svg(scene: MapScene, source: QRectF, path: Path, title: str) -> None:
    generator = QSvgGenerator()
    generator.setFileName(str(path))
    generator.setSize(QSize(round(source.width()), round(source.height())))
    generator.setViewBox(QRectF(0, 0, source.width(), source.height()))
    generator.setTitle(title)
    generator.setDescription("Stakeholder map exported from Sales Notebook")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"could not write {path}")
    scene.render(painter, QRectF(0, 0, source.width(), source.height()), source)
    painter.end()
    if not path.exists():
        raise OSError(f"could not write {path}")
