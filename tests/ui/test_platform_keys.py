"""Shortcuts and fonts on the other desktops: macOS keys that would clash, hints written the
platform's way, the timer's fixed-width font."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QFontDatabase, QKeySequence
from PySide6.QtWidgets import QLabel

from sales_notebook.ui import keys

PACKAGE = Path(__file__).resolve().parents[2] / "sales_notebook"
# What macOS takes for itself, in Qt's portable text (Ctrl is ⌘ there, Meta is ⌃): ⇧⌘Q log out,
# ⌘H hide, ⌥⌘H hide others, ⌘M minimise, ⌃⌘Q lock screen, ⌥⌘D the Dock, ⌃⌘F full screen,
# ⇧⌘3/4/5 screenshots, ⌘Space Spotlight, ⌘Tab and ⌘` switching.
MACOS_RESERVED = {
    "Ctrl+Shift+Q", "Ctrl+H", "Ctrl+Alt+H", "Ctrl+M", "Ctrl+Meta+Q", "Ctrl+Alt+D",
    "Ctrl+Meta+F", "Ctrl+Shift+3", "Ctrl+Shift+4", "Ctrl+Shift+5", "Ctrl+Space", "Ctrl+Tab",
    "Ctrl+`",
}  # fmt: skip
# A key sequence on its own ("Ctrl+Shift+Z"), as QKeySequence takes it: not a hint.
BARE_SEQUENCE = re.compile(r"^((Ctrl|Alt|Shift|Meta)\+)+(\w|F\d+|`)$")


def portable(sequence: QKeySequence) -> str:
    return sequence.toString(QKeySequence.SequenceFormat.PortableText)


def alt_only(text: str) -> bool:
    """Alt (Option) with no ⌘ or ⌃: types a character on macOS instead of a shortcut."""
    return "Alt+" in text and "Ctrl+" not in text and "Meta+" not in text


def test_macos_keys_clash_with_nothing_the_system_takes() -> None:
    chosen = keys.keys_for("darwin")
    for name, text in chosen.items():
        text = text.format(n=1)
        assert text not in MACOS_RESERVED, name
        assert not alt_only(text), name
    # Elsewhere the keys stay what the README documents.
    assert keys.keys_for("linux")["checklist"] == "Ctrl+Shift+Q"
    assert keys.keys_for("win32")["pane"].format(n=4) == "Alt+4"


@pytest.fixture
def macos_window(qtbot, services, paths, monkeypatch):
    from sales_notebook.ui.main_window import MainWindow

    monkeypatch.setattr(keys, "platform", "darwin")
    win = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    yield win
    win.live_pane.shutdown()


def test_the_window_built_for_macos_binds_no_system_key_and_no_option_key(macos_window) -> None:
    bound = {
        portable(sequence): action.text()
        for action in macos_window.findChildren(QAction)
        for sequence in action.shortcuts()
        if not sequence.isEmpty()
    }
    assert not MACOS_RESERVED & set(bound), {k: bound[k] for k in MACOS_RESERVED & set(bound)}
    assert [k for k in bound if alt_only(k)] == []
    # What the mnemonics do elsewhere is a real shortcut there: the panes and the library's
    # two pages.
    assert {"Ctrl+Alt+1", "Ctrl+Alt+4"} <= set(bound)
    assert bound["Ctrl+Alt+K"] == "What keeps going wrong"
    assert bound["Ctrl+Shift+K"] == "Qualification checklist"


def test_the_library_pages_keep_their_mnemonics_elsewhere(window) -> None:
    assert window.lessons_pane.pages.tabText(1) == "What &keeps going wrong"
    bound = {portable(s) for a in window.findChildren(QAction) for s in a.shortcuts()}
    assert "Alt+K" not in bound  # an action on the mnemonic's key would make both ambiguous


def test_hints_are_written_from_the_shortcut_in_the_platforms_words(window) -> None:
    native = QKeySequence.SequenceFormat.NativeText
    compact = QKeySequence("Ctrl+Shift+M").toString(native)
    header = window.live_pane.header
    assert header.compact_button.text() == f"Compact ({compact})"
    assert keys.hint("compact") == compact
    assert keys.marker_range() == QKeySequence("Ctrl+1").toString(native) + "…9"
    assert window.map_pane.fit_action.toolTip() == (
        f"Show the whole map ({QKeySequence('Ctrl+0').toString(native)})"
    )


def _hard_coded_hints(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and ("Ctrl+" in node.value or "Alt+" in node.value)
        and not BARE_SEQUENCE.match(node.value)
    ]


def test_no_user_visible_text_hard_codes_a_ctrl_or_alt_key() -> None:
    found = [
        hint
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "keys.py"
        for hint in _hard_coded_hints(path)
        # F1's list of Alt+letter mnemonics, left out on macOS (the test below)
        if not (path.name == "shortcuts_dialog.py" and hint.split(": ", 1)[1].startswith("'Alt+"))
    ]
    assert found == []


def test_f1_lists_no_alt_mnemonic_on_macos(monkeypatch) -> None:
    from sales_notebook.ui.shortcuts_dialog import widget_keys

    assert any(k.startswith("Alt+") for _, k in widget_keys("Review"))
    monkeypatch.setattr(keys, "platform", "darwin")
    assert not any(k.startswith("Alt+") for _, k in widget_keys("Review"))
    assert widget_keys("Live notes")  # the other widget keys stay


def test_the_check_above_catches_a_hard_coded_hint(tmp_path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Ctrl+N in a docstring is fine."""\nx = f"End call (Ctrl+E) {1}"\n')
    assert len(_hard_coded_hints(sample)) == 1


def test_the_timer_uses_the_platforms_fixed_width_font(window) -> None:
    fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
    timers = [window.live_pane.header.timer_label, window.live_pane.compact.timer_label]
    for timer in timers:
        assert isinstance(timer, QLabel)
        assert timer.font().family() == fixed
    assert timers[1].font().bold()
    sources = "".join(p.read_text("utf-8") for p in PACKAGE.rglob("*.py"))
    # fontconfig's alias, unknown on Windows and macOS
    assert not re.search(r"setFamil(y|ies)\(\s*\[?[\"']monospace", sources)


def test_on_macos_the_keys_replacing_alt_switch_panes_and_pages(macos_window, qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    cmd_option = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    macos_window.show()
    qtbot.waitExposed(macos_window)
    macos_window.activateWindow()
    qtbot.waitUntil(macos_window.isActiveWindow)
    pane = macos_window.lessons_pane
    qtbot.keyClick(macos_window, Qt.Key.Key_4, cmd_option)  # ⌥⌘4
    qtbot.waitUntil(pane.isVisible)
    pane.search_edit.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_K, cmd_option)  # ⌥⌘K
    assert pane.pages.currentIndex() == 1
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, cmd_option)  # ⌥⌘R
    assert pane.pages.currentIndex() == 0
