"""At 1024x640, in the light and the dark theme, no text in the main panes is cut off.

Where Qt lets us tell: a label that does not wrap, a button, a check box and a tab each need
their size hint's width (the whole text plus the style's margins); less means the text is
clipped or elided. Labels made to elide (the call header, with the full text in their
tooltip) are left out, as are item views (their cells elide by design, with tooltips).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QLabel, QTabBar, QWidget

from sales_notebook.ui.live_notes.call_header import ElidedLabel
from sales_notebook.ui.theme import Mode
from tests.ui.live_call_helpers import started_call


def _cut(root: QWidget) -> list[str]:
    found: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 1:
            continue
        if isinstance(widget, QLabel):
            if widget.wordWrap() or isinstance(widget, ElidedLabel) or not widget.text():
                continue
            if widget.textFormat() == Qt.TextFormat.RichText or "<" in widget.text():
                continue  # rich text lays out in a document of its own
            need = widget.minimumSizeHint().width()
        elif isinstance(widget, QAbstractButton | QCheckBox):
            if not widget.text():
                continue
            need = widget.sizeHint().width()
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if widget.tabRect(i).width() < widget.tabSizeHint(i).width() - 1:
                    found.append(f"tab {widget.tabText(i)!r}")
            continue
        else:
            continue
        if widget.width() < need - 1:
            text = widget.text() if hasattr(widget, "text") else ""
            found.append(f"{type(widget).__name__} {text!r}: {widget.width()} < {need}")
    return found


def _too_big(window: QWidget) -> list[str]:
    """Layouts never squeeze a label below its text: a window that needs more than
    1024x640 for that is the failure (it would run off a small screen)."""
    need = window.minimumSizeHint()
    if need.width() > 1024 or need.height() > 640 or window.size().toTuple() != (1024, 640):
        return [f"the window needs {need.width()}x{need.height()}, is {window.size()}"]
    return []


@pytest.mark.parametrize("mode", [Mode.LIGHT, Mode.DARK])
def test_no_text_is_cut_off_at_1024_by_640(demo_services, window, qtbot, mode) -> None:
    window.theme.choose(mode)
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024)
    kestrel = next(a for a in demo_services.accounts.all() if a.name == "Kestrel Logistics")
    window.sidebar.reload(select=(kestrel.id, kestrel.deals[0].id))
    problems: dict[str, list[str]] = {}
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)  # a layout pass
        problems[window.tabs.tabText(index)] = _cut(window) + _too_big(window)
    lessons = window.lessons_pane
    lessons.pages.setCurrentWidget(lessons.chart)
    qtbot.wait(50)
    problems["chart"] = _cut(window)
    started_call(demo_services, "Kestrel Logistics", kestrel.deals[0].name)
    window.live_pane.open_call(demo_services.calls.live_call())
    window.tabs.setCurrentWidget(window.live_pane)
    qtbot.wait(50)
    problems["live call"] = _cut(window) + _too_big(window)
    with qtbot.waitSignal(window.live_pane.call_ended, timeout=5000):
        window.live_pane.end_call()
    window.theme.choose(Mode.LIGHT)
    assert {pane: cut for pane, cut in problems.items() if cut} == {}
