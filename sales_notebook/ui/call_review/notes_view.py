"""A read-only view of rendered notes that never loads anything and opens links only when asked."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from sales_notebook.core.link_safety import URL_SCHEMES
from sales_notebook.core.rendering import render_notes

# Tables and quotes need a little structure to read; no url() here, ever.
NOTES_STYLE = """
table { border-collapse: collapse; margin: 4px 0; }
th, td { border: 1px solid palette(mid); padding: 3px 8px; }
th { background-color: palette(alternate-base); }
blockquote { color: palette(placeholder-text); margin-left: 12px; }
pre, code { background-color: palette(alternate-base); }
"""


def _blank_image() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


class SafeBrowser(QTextBrowser):
    """A QTextBrowser that resolves no resource at all: no local file, no URL, nothing.

    Returning None from loadResource is not enough: QTextDocument then reads the
    name as a local path itself, and the image handler loads image paths from disk
    when the data it gets is not an image. So every resource resolves to a valid,
    empty value (a blank 1x1 image for images), which stops both fallbacks.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self.confirm_and_open)

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        if kind == QTextDocument.ResourceType.ImageResource.value:
            return _blank_image()
        return QByteArray()

    def doSetSource(self, name: QUrl | str, kind: object = None) -> None:
        # Navigation would read the target as a file; this view only ever shows setHtml().
        return

    def confirm_and_open(self, url: QUrl) -> bool:
        """Ask before handing a link to the system browser or mail program; True if opened."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Open link")
        # Plain text: a crafted URL must not turn into markup in the question itself.
        box.setTextFormat(Qt.TextFormat.PlainText)
        if url.scheme().lower() not in URL_SCHEMES:
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(f"This link is not opened by the notebook:\n\n{url.toDisplayString()}")
            box.exec()
            return False
        box.setText(f"Open this link outside the notebook?\n\n{url.toDisplayString()}")
        box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        if box.exec() != QMessageBox.StandardButton.Open:
            return False
        return QDesktopServices.openUrl(url)


class NotesView(SafeBrowser):
    """The call's notes, rendered from Markdown and sanitized."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewNotes")
        self.setPlaceholderText(
            "No notes were taken during this call. Edit notes, below, adds them."
        )
        self.document().setDocumentMargin(10)
        self.document().setDefaultStyleSheet(NOTES_STYLE)

    def show_notes(self, markdown_text: str) -> None:
        """Render and show the notes."""
        self.setHtml(render_notes(markdown_text) if markdown_text.strip() else "")
