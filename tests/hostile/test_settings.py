"""A garbled settings.ini never stops the window: each bad value is ignored, the default used
and a line logged."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QSettings, Qt

from sales_notebook.ui.live_notes.compact_window import COMPACT_SIZE
from sales_notebook.ui.main_window import MainWindow
from tests.hostile.conftest import Run, record

# A geometry Qt reads without complaint, but as a 1x1 window.
TINY = "geometry=@ByteArray(\\x1\\xd9\\xd0\\xcb\\0\\x3\\0\\0" + "\\xff" * 8 + ")"

# (case, the [window] lines written, the key the log line must name)
BAD_VALUES: list[tuple[str, str, str]] = [
    ("pane=abc", "pane=abc", "window/pane"),
    ("pane of 20 digits", "pane=99999999999999999999", "window/pane"),
    ("negative pane", "pane=-1", "window/pane"),
    ("pane past the last", "pane=7", "window/pane"),
    ("pane=1.5", "pane=1.5", "window/pane"),
    ("pane as a list", "pane=1, 2", "window/pane"),
    ("empty pane", "pane=", "window/pane"),
    ("pane as a byte array", "pane=@ByteArray(\\x1)", "window/pane"),
    ("state=zzz", "state=zzz", "window/state"),
    ("state of garbage bytes", "state=@ByteArray(\\0\\xff\\xfegarbage)", "window/state"),
    ("geometry=zzz", "geometry=zzz", "window/geometry"),
    ("geometry of garbage bytes", "geometry=@ByteArray(garbage-garbage)", "window/geometry"),
    ("geometry of a 1x1 window", TINY, "window/geometry"),
    ("geometry as a number", "geometry=42", "window/geometry"),
    ("geometry as a list", "geometry=1, 2, 3", "window/geometry"),
    ("splitter=zzz", "splitter=zzz", "window/splitter"),
    ("splitter of garbage bytes", "splitter=@ByteArray(garbage)", "window/splitter"),
    ("pane splitter of garbage", "[splitters]\nreviewSplitter=zzz", "splitters/"),
    ("compact=zzz", "compact=zzz", "window/compact"),
]


def open_window(qtbot, services, paths, text: str) -> MainWindow:
    paths.settings.write_text(text, "utf-8")
    window = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.parametrize(
    ("lines", "key"), [c[1:] for c in BAD_VALUES], ids=[c[0] for c in BAD_VALUES]
)
def test_a_bad_value_is_ignored_logged_and_the_default_used(
    qtbot, services, paths, caplog, lines: str, key: str
) -> None:
    caplog.set_level(logging.WARNING, logger="sales_notebook.ui.stored_settings")
    window = open_window(qtbot, services, paths, f"[window]\n{lines}\n")
    assert window.isVisible() and window.width() > 300 and window.height() > 200
    if key == "window/pane":
        assert window.tabs.currentIndex() == 1  # the default pane
    logged = [r.getMessage() for r in caplog.records]
    assert any(f"ignored {key}" in m and "using the default" in m for m in logged), logged
    record("settings", Run(0, "", "", crashed=False), refused=False)
    window.close()


def test_a_settings_file_of_binary_garbage_opens_with_defaults(qtbot, services, paths) -> None:
    paths.root.mkdir(parents=True, exist_ok=True)
    paths.settings.write_bytes(bytes(range(256)) * 4)
    window = MainWindow(services, QSettings(str(paths.settings), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.isVisible() and window.tabs.currentIndex() == 1
    record("settings", Run(0, "", "", crashed=False), refused=False)
    window.close()


@pytest.mark.qt_log_ignore("QVariant::load: unknown user type")
def test_a_garbled_qvariant_opens_on_the_default_pane(qtbot, services, paths) -> None:
    window = open_window(qtbot, services, paths, "[window]\npane=@Variant(\\0\\0\\0\\x7f)\n")
    assert window.isVisible() and window.tabs.currentIndex() == 1
    record("settings", Run(0, "", "", crashed=False), refused=False)
    window.close()


def test_good_values_are_still_restored(qtbot, services, paths, caplog) -> None:
    window = open_window(qtbot, services, paths, "[window]\npane=3\n")
    assert window.tabs.currentIndex() == 3 and not caplog.records
    window.close()


def test_a_compact_window_placement_of_1x1_opens_it_at_its_usual_size(
    qtbot, services, paths
) -> None:
    from tests.ui.live_call_helpers import CTRL_SHIFT, activate, press, started_call

    started_call(services, seconds_ago=5)
    window = open_window(qtbot, services, paths, "[window]\n" + TINY.replace("geometry", "compact"))
    pane = window.live_pane
    qtbot.waitUntil(lambda: pane.editor.isVisible())
    activate(qtbot, pane.editor)
    press(qtbot, pane.editor, Qt.Key.Key_M, CTRL_SHIFT)
    qtbot.waitUntil(pane.compact.isVisible)
    assert (pane.compact.width(), pane.compact.height()) == COMPACT_SIZE
    record("settings", Run(0, "", "", crashed=False), refused=False)
    window.close()
