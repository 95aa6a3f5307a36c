"""The notes editor's Markdown colours read on both themes: WCAG AA (4.5:1) on the editor's
surface, checked on the tokens and on the colours the highlighter really paints."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from sales_notebook.ui.live_notes.editor import NotesEditor
from sales_notebook.ui.theme import DARK, LIGHT, Mode
from sales_notebook.ui.theme.tokens import contrast

SYNTAX = ("syntax_heading", "syntax_list", "syntax_code", "syntax_marker", "syntax_mention")
AA = 4.5


def test_the_contrast_ratio_is_wcag_s() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the known near-miss


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("token", SYNTAX)
def test_every_syntax_colour_reads_on_the_editor(palette, token) -> None:
    assert contrast(getattr(palette, token), palette.surface) >= AA


def _colours_painted(editor: NotesEditor) -> set[str]:
    """The foreground colours of the editor's highlighted text, as laid out."""
    found: set[str] = set()
    block = editor.document().begin()
    while block.isValid():
        for span in block.layout().formats():
            if span.format.hasProperty(span.format.Property.ForegroundBrush):
                found.add(span.format.foreground().color().name())
        block = block.next()
    return found


@pytest.mark.parametrize("mode", [Mode.LIGHT, Mode.DARK])
def test_the_editor_paints_the_theme_s_colours(window, qtbot, mode) -> None:
    """Switching the theme recolours notes already typed, and every colour passes AA."""
    palette = DARK if mode == Mode.DARK else LIGHT
    other = LIGHT if mode == Mode.DARK else DARK
    window.theme.choose(Mode.DARK if mode == Mode.LIGHT else Mode.LIGHT)
    editor = window.live_pane.editor
    editor.setPlainText("# Pricing\n- budget `SSO` [+12:34 Next step] send the quote\n")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    assert _colours_painted(editor) <= {getattr(other, t) for t in SYNTAX}

    window.theme.choose(mode)

    painted = _colours_painted(editor)
    expected = {getattr(palette, t) for t in SYNTAX if t != "syntax_mention"}
    assert painted == expected
    for colour in painted:
        assert contrast(colour, palette.surface) >= AA, colour
    window.theme.choose(Mode.LIGHT)


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
def test_the_accent_reads_as_link_text_and_under_its_own_text(palette) -> None:
    """Links are drawn in the accent on the surface; the primary button and selections put
    accent_text on the accent."""
    assert contrast(palette.accent, palette.surface) >= AA
    assert contrast(palette.accent_text, palette.accent) >= AA
