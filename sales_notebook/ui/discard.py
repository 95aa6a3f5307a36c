"""The question asked before work typed into a dialog is thrown away."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def discard_asked(parent: QWidget, title: str, question: str) -> bool:
    """True when the seller answers Discard (Alt+D). The other answer, the default, reads
    "Keep editing": "Cancel" here would read as "yes, cancel what I was doing"."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        question,
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Cancel).setText("&Keep editing")
    box.button(QMessageBox.StandardButton.Discard).setText("&Discard")
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Discard
