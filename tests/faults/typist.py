"""A seller typing into the live call while a fault happens, and how long the window froze."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from tests.ui.live_call_helpers import type_text

HEARTBEAT_MS = 5


class Typist(QObject):
    """Types `text` one key event every `every_ms` (about a fast typist's pace) and measures the
    longest gap between two ticks of a 5 ms heartbeat: the longest the event loop was held."""

    def __init__(self, editor: QWidget, text: str, every_ms: int = 40) -> None:
        super().__init__(editor)
        self._editor, self._text, self._next = editor, text, 0
        self.longest_stall_ms = 0.0
        self._last = time.perf_counter()
        self._beat = QTimer(self, interval=HEARTBEAT_MS)
        self._beat.timeout.connect(self._tick)
        self._keys = QTimer(self, interval=every_ms)
        self._keys.timeout.connect(self._type_one)
        self.during: list[Callable[[int], None]] = []  # called with the count typed so far

    def start(self) -> None:
        self._last = time.perf_counter()
        self._beat.start()
        self._keys.start()

    @property
    def done(self) -> bool:
        return self._next >= len(self._text)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_stall_ms = max(self.longest_stall_ms, (now - self._last) * 1000)
        self._last = now

    def _type_one(self) -> None:
        if self.done:
            self._keys.stop()
            return
        type_text(self._editor, self._text[self._next])
        self._next += 1
        for hook in self.during:
            hook(self._next)
        self._tick()

    def stop(self) -> None:
        self._keys.stop()
        self._beat.stop()
