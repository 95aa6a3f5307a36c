"""The map as a picture: PNG at twice screen resolution (sharp on a projector) or SVG.

The picture carries the account's name above the map and the key beside it: on a slide or
in an email nobody has the app's coverage panel to tell them what a stripe or a dash means.
It is always drawn in the light theme's colours, whatever the screen shows: it goes on paper,
on a white slide or into an email, where a dark canvas reads as a block of ink.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QFont, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from sales_notebook.store.atomic_file import write_bytes_atomically
from sales_notebook.ui.stakeholder_map import look
from sales_notebook.ui.stakeholder_map.legend import LEGEND_SIZE, paint_legend
from sales_notebook.ui.stakeholder_map.scene import MapScene

PNG_SCALE = 2.0
TITLE_H = 40.0
KEY_GAP = 24.0


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
        with _on_paper(scene):
            if path.suffix.lower() == ".svg":
                _svg(scene, source, path, title)
            else:
                _png(scene, source, path, title)
    finally:
        for item in selected:
            item.setSelected(True)
        if focus is not None:
            scene.setFocusItem(focus)


@contextmanager
def _on_paper(scene: MapScene) -> Iterator[None]:
    """The light look for the time of the export, the screen's look again after."""
    was_dark = look.is_dark()
    if was_dark:
        _recolour(scene, dark=False)
    try:
        yield
    finally:
        if was_dark:
            _recolour(scene, dark=True)


def _recolour(scene: MapScene, dark: bool) -> None:
    look.use_dark(dark)
    for edge in scene.edges:
        edge.restyle()
    scene.setBackgroundBrush(look.CANVAS)


def picture_size(source: QRectF) -> QSizeF:
    """The title band above the map and the key to its right, around the map itself."""
    return QSizeF(
        source.width() + KEY_GAP + LEGEND_SIZE.width() + KEY_GAP,
        TITLE_H + max(source.height(), LEGEND_SIZE.height() + KEY_GAP),
    )


def _paint(painter: QPainter, scene: MapScene, source: QRectF, title: str) -> None:
    """Title, map and key, in scene units from the painter's origin."""
    painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
    heading = QFont()
    heading.setPointSizeF(14)
    heading.setBold(True)
    painter.setFont(heading)
    painter.setPen(look.INK)
    size = picture_size(source)
    painter.drawText(QRectF(KEY_GAP, 0, size.width() - 2 * KEY_GAP, TITLE_H),
                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, title)  # fmt: skip
    scene.render(painter, QRectF(0, TITLE_H, source.width(), source.height()), source)
    painter.save()
    painter.translate(source.width() + KEY_GAP, TITLE_H + KEY_GAP)
    paint_legend(painter, QFont())
    painter.restore()


def _png(scene: MapScene, source: QRectF, path: Path, title: str) -> None:
    size = picture_size(source) * PNG_SCALE
    image = QImage(QSize(round(size.width()), round(size.height())), QImage.Format.Format_ARGB32)
    image.fill(look.CANVAS)
    painter = QPainter(image)
    painter.scale(PNG_SCALE, PNG_SCALE)
    _paint(painter, scene, source, title)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # stubs want bytes
        raise OSError(f"could not write {path}")
    buffer.close()
    write_bytes_atomically(path, bytes(data.data()))  # whole or not at all, 0600


def _svg(scene: MapScene, source: QRectF, path: Path, title: str) -> None:
    size = picture_size(source)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(size.width()), round(size.height())))
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(title)
    generator.setDescription("Stakeholder map exported from Sales Notebook")
    painter = QPainter()
    if not painter.begin(generator):
        raise OSError(f"could not write {path}")
    painter.fillRect(QRectF(0, 0, size.width(), size.height()), look.CANVAS)
    _paint(painter, scene, source, title)
    painter.end()
    buffer.close()
    write_bytes_atomically(path, bytes(data.data()))  # whole or not at all, 0600
