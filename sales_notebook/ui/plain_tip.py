"""Tooltips that show the seller's words as typed.

Qt renders a tooltip as HTML whenever its text looks like HTML (`Qt.mightBeRichText`): an
account named "<b>Big</b> & Co" showed as a bold "Big", a note with "<h1>" as a headline.
Text that looks like markup is turned into HTML that reads as the text itself; any other
text is left as it is (Qt shows it plain).
"""

from __future__ import annotations

from PySide6.QtGui import Qt


def as_typed(text: str) -> str:
    """`text` for setToolTip or a ToolTipRole, shown letter for letter."""
    if Qt.mightBeRichText(text):
        return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
    return text
