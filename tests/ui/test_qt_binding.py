"""The Qt binding itself must not corrupt Python: a long call makes millions of Qt calls."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_none_alive(qtbot):
    # PySide6 6.12.0 on Python 3.11 dropped one reference to None per call returning void;
    # the app then aborted ("none_dealloc") a few thousand keystrokes into a call.
    label = QLabel()
    qtbot.addWidget(label)
    timer = QTimer()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("12:34")
        timer.start(1000)
    timer.stop()
    assert sys.getrefcount(None) > before - 200
