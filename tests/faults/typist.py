"""A seller typing into the live call while a fault happens, and what held the window up.

Two measures, taken over the same interval:
- `longest_stall_ms`: the longest gap between two ticks of a 5 ms heartbeat on the GUI thread
  (the longest the event loop was held), beside `machine_stall_ms`, the longest gap of the same
  heartbeat run alongside, where neither Qt nor the database can hold it: in another process
  (the machine's other jobs) and in a plain thread of this one (those jobs, plus the writer
  thread's turns at Python's interpreter lock, and pauses that hold every thread, such as the
  garbage collector's). A thread waiting on SQLite lets go of that lock, so a GUI thread held
  by the database stalls alone;
- `gui_waits`: every statement but a read that the GUI thread ran, and every time it waited
  for the writer thread. While another process holds the file, any one of them can freeze
  typing for seconds (a read does not wait for a writer: the notebook is in WAL mode).
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine, event

from sales_notebook.ui.writer import Writer
from tests.ui.live_call_helpers import type_text

HEARTBEAT_MS = 5

# The same 5 ms heartbeat in a process of its own, until its stdin closes: the longest gap.
_HEARTBEAT = """
import sys, threading, time
stop = threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
longest, last = 0.0, time.perf_counter()
print("ready", flush=True)
while not stop.is_set():
    time.sleep(0.005)
    now = time.perf_counter()
    longest, last = max(longest, now - last), now
print(longest * 1000, flush=True)
"""


class StallWatch(QObject):
    """The GUI thread's longest stall, the machine's in the same interval, and the GUI
    thread's waits on the database, from `start()` to `stop()`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.longest_stall_ms = 0.0
        self.machine_stall_ms = 0.0
        self.gui_waits: list[str] = []
        self._last = time.perf_counter()
        self._beat = QTimer(self, interval=HEARTBEAT_MS)
        self._beat.timeout.connect(self.tick)
        self._machine: subprocess.Popen[str] | None = None
        self._writer_methods: dict[str, Any] = {}
        self._sibling: threading.Thread | None = None
        self._sibling_stop = threading.Event()
        self._sibling_longest = 0.0

    def start(self) -> None:
        self._machine = subprocess.Popen(
            [sys.executable, "-c", _HEARTBEAT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._machine.stdout is not None
        assert self._machine.stdout.readline().strip() == "ready"
        event.listen(Engine, "before_cursor_execute", self._statement)
        for name in ("drain", "call"):
            self._writer_methods[name] = original = getattr(Writer, name)
            setattr(Writer, name, self._waiting(name, original))
        self._sibling_stop.clear()
        self._sibling = threading.Thread(target=self._sibling_beat, name="stall-watch")
        self._sibling.start()
        self._last = time.perf_counter()
        self._beat.start()

    def _sibling_beat(self) -> None:
        last = time.perf_counter()
        while not self._sibling_stop.is_set():
            time.sleep(HEARTBEAT_MS / 1000)
            now = time.perf_counter()
            self._sibling_longest = max(self._sibling_longest, (now - last) * 1000)
            last = now

    def stop(self) -> None:
        if self._machine is None:
            return
        self._beat.stop()
        event.remove(Engine, "before_cursor_execute", self._statement)
        for name, original in self._writer_methods.items():
            setattr(Writer, name, original)
        self._writer_methods.clear()
        out, _ = self._machine.communicate(timeout=10)
        self._sibling_stop.set()
        if self._sibling is not None:
            self._sibling.join()
        self.machine_stall_ms = max(float(out.strip()), self._sibling_longest)
        self._machine = None

    def tick(self) -> None:
        now = time.perf_counter()
        self.longest_stall_ms = max(self.longest_stall_ms, (now - self._last) * 1000)
        self._last = now

    def _statement(self, _conn, _cursor, statement: str, *_args) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        if not statement.lstrip().upper().startswith("SELECT"):
            self.gui_waits.append(f"SQL on the GUI thread: {statement.split(chr(10))[0][:80]}")

    def _waiting(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(writer: Writer, *args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                self.gui_waits.append(f"the GUI thread waited for the writer (Writer.{name})")
            return original(writer, *args, **kwargs)

        return wrapper


class Typist(QObject):
    """Types `text` one key event every `every_ms` (about a fast typist's pace) while a
    `StallWatch` runs; `stop()` ends both (the watch may run on past the last key)."""

    def __init__(self, editor: QWidget, text: str, every_ms: int = 40) -> None:
        super().__init__(editor)
        self._editor, self._text, self._next = editor, text, 0
        self.watch = StallWatch(self)
        self._keys = QTimer(self, interval=every_ms)
        self._keys.timeout.connect(self._type_one)
        self.during: list[Callable[[int], None]] = []  # called with the count typed so far

    def start(self) -> None:
        self.watch.start()
        self._keys.start()

    @property
    def done(self) -> bool:
        return self._next >= len(self._text)

    @property
    def longest_stall_ms(self) -> float:
        return self.watch.longest_stall_ms

    def _type_one(self) -> None:
        if self.done:
            self._keys.stop()
            return
        type_text(self._editor, self._text[self._next])
        self._next += 1
        for hook in self.during:
            hook(self._next)
        self.watch.tick()

    def stop(self) -> None:
        self._keys.stop()
        self.watch.stop()
